package org.divemap.migrations.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.RevisionInfo;

/** Describes the revisions a target names, as {@code alembic show}. No database needed. */
@Mojo(name = "show", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class ShowMojo extends AbstractDivemapMojo implements OfflineGoal {

    /** The revision: an id, a unique prefix, {@code head}, {@code label@head}. @since 0.1.0 */
    @Parameter(property = "divemap.revision", defaultValue = "heads")
    private String revision;

    @Override
    void run(Divemap divemap) {
        for (RevisionInfo info : divemap.show(revision)) {
            getLog().info("Rev: " + info.id() + (info.head() ? " (head)" : "") + (info.merge() ? " (mergepoint)" : "")
                    + (info.branchPoint() ? " (branchpoint)" : ""));
            getLog().info("Parent: " + (info.revises().isEmpty() ? "<base>" : String.join(", ", info.revises())));
            if (!info.branchLabels().isEmpty()) {
                getLog().info("Branch names: " + String.join(", ", new java.util.TreeSet<>(info.branchLabels())));
            }
            if (!info.dependsOn().isEmpty()) {
                getLog().info("Depends on: " + String.join(", ", info.dependsOn()));
            }
            getLog().info("Class: " + info.migrationClass() + (info.reversible() ? "" : " (irreversible)"));
            getLog().info("    " + info.message());
        }
    }
}
