package org.divemap.migrations.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.RevisionInfo;

/** Prints the heads of the revision graph, as {@code alembic heads}. No database needed. */
@Mojo(name = "heads", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class HeadsMojo extends AbstractDivemapMojo implements OfflineGoal {

    @Override
    void run(Divemap divemap) {
        for (RevisionInfo revision : divemap.heads()) {
            getLog().info(revision.describe());
        }
    }
}
