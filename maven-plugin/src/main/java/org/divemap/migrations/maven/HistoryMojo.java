package org.divemap.migrations.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.RevisionInfo;

/** Prints the revisions of a range, newest first, as {@code alembic history}. */
@Mojo(name = "history", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class HistoryMojo extends AbstractDivemapMojo {

    /** Range {@code LOWER:UPPER}, either side may be empty. @since 0.1.0 */
    @Parameter(property = "divemap.range", defaultValue = "base:heads")
    private String range;

    /** Also prints each revision's class and whether it can be downgraded. @since 0.1.0 */
    @Parameter(property = "divemap.verbose", defaultValue = "false")
    private boolean verbose;

    @Override
    void run(Divemap divemap) {
        for (RevisionInfo revision : divemap.history(range)) {
            getLog().info(revision.describe());
            if (verbose) {
                getLog().info("    " + revision.migrationClass() + (revision.reversible() ? "" : ", irreversible")
                        + (revision.dependsOn().isEmpty() ? "" : ", depends on " + revision.dependsOn()));
            }
        }
    }
}
