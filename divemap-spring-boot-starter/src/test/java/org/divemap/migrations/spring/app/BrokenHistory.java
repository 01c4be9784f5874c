package org.divemap.migrations.spring.app;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.RevisionRegistry;

/**
 * The application's history with a third revision that fails: its statement names a table that
 * does not exist. Written by hand, and seen only by a test that points the service file at it.
 */
public final class BrokenHistory implements RevisionRegistry {

    public static final String BROKEN = "0003_broken_backfill";

    @Override
    public List<RegisteredRevision> revisions() {
        List<RegisteredRevision> revisions = new ArrayList<>();
        for (RevisionRegistry registry : ServiceLoader.load(RevisionRegistry.class, SitesApplication.class.getClassLoader())) {
            revisions.addAll(registry.revisions());
        }
        revisions.add(new RegisteredRevision(BROKEN, List.of("0002_add_max_depth"), List.of(), List.of(),
                "Backfill from a table that is not there", Broken.class.getName(), null, Broken::new));
        return List.copyOf(revisions);
    }

    /** The failing migration. */
    public static final class Broken implements Migration {
        @Override
        public void upgrade(Operations op) {
            op.execute("UPDATE dive_sites SET max_depth = (SELECT depth FROM no_such_table)");
        }

        @Override
        public void downgrade(Operations op) {}
    }
}
