package org.divemap.migrations.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.frontend.Texts;
import org.divemap.migrations.runtime.RevisionInfo;

/** Prints the branch points of the revision graph, as {@code alembic branches}. No database needed. */
@Mojo(name = "branches", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class BranchesMojo extends AbstractDivemapMojo implements OfflineGoal {

    @Override
    void run(Divemap divemap) {
        if (divemap.branches().isEmpty()) {
            getLog().info(Texts.noBranchPoints(divemap.revisionMap().revisions().size()));
        }
        for (RevisionInfo revision : divemap.branches()) {
            getLog().info(revision.describe() + " -> " + String.join(", ",
                    divemap.revisionMap().children(revision.id())));
        }
    }
}
