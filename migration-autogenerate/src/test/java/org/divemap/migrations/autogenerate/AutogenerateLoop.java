package org.divemap.migrations.autogenerate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.Divemap;

/** The developer's loop on a {@link ModelProject} and a {@link TestDb}: generate, write, compile, upgrade, check. */
final class AutogenerateLoop {

    final ModelProject project;
    final TestDb db;
    ClassLoader loader;
    /** Every revision {@link #generate} wrote, in order. */
    final List<GeneratedRevision> generated = new ArrayList<>();

    AutogenerateLoop(ModelProject project, TestDb db) {
        this.project = project;
        this.db = db;
    }

    EntityModel model() {
        return EntityModel.of(loader).classRoots(List.of(project.classes()));
    }

    Divemap divemap() {
        Configuration configuration = Divemap.configure().dataSource(db.url, null, null).classLoader(loader)
                .modelComparison(new EntityModelCheck(model()));
        if (!ServiceLoader.load(RevisionRegistry.class, loader).iterator().hasNext()) {
            configuration.registries(List::of);
        }
        return configuration.load();
    }

    /** Compiles the project as it is now. */
    void compile() throws Exception {
        loader = project.compile();
    }

    /** Generates a revision against the database (at head), writes it, and compiles; empty when nothing changed. */
    Optional<GeneratedRevision> generate(String message) throws Exception {
        Optional<GeneratedRevision> revision;
        try (Divemap divemap = divemap()) {
            revision = Autogenerate.of(model()).revision(divemap,
                    Autogenerate.RevisionRequest.of(message).packageName("com.example.dive.migrations"));
        }
        if (revision.isPresent()) {
            revision.get().write(project.sources);
            generated.add(revision.get());
            compile();
        }
        return revision;
    }

    void upgrade() {
        try (Divemap divemap = divemap()) {
            divemap.upgrade("heads");
        }
    }

    void downgrade(String target) {
        try (Divemap divemap = divemap()) {
            divemap.downgrade(target);
        }
    }

    CheckResult check() {
        try (Divemap divemap = divemap()) {
            return divemap.check();
        }
    }

    Path sources() {
        return project.sources;
    }
}
