package org.divemap.migrations.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.runtime.CurrentResult;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.RevisionInfo;

/** Prints the revisions the version table lists, as {@code alembic current}. */
@Mojo(name = "current", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class CurrentMojo extends AbstractDivemapMojo {

    @Override
    void run(Divemap divemap) {
        CurrentResult current = divemap.current();
        if (current.versionRows().isEmpty()) {
            getLog().info("Current: base (no revision applied)");
        }
        for (RevisionInfo revision : current.revisions()) {
            getLog().info("Current: " + revision.id() + (revision.head() ? " (head)" : ""));
        }
        for (String unknown : current.unknownRevisions()) {
            getLog().warn("Current: " + unknown + " (not in this build: deploy a build that has it, or stamp with purge)");
        }
        getLog().info(current.atHead() ? "The database is at head." : "The database is not at head.");
    }
}
