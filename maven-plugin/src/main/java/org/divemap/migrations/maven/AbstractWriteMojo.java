package org.divemap.migrations.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;

/** Goals that write a new migration source file: {@code revision} and {@code merge}. No database needed. */
abstract class AbstractWriteMojo extends AbstractDivemapMojo implements OfflineGoal {

    /** Package of the new class; default: the deepest package of the existing migrations. @since 0.1.0 */
    @Parameter(property = "divemap.packageName")
    String packageName;

    /** The id to use instead of a fresh one. @since 0.1.0 */
    @Parameter(property = "divemap.revisionId")
    String revisionId;

    @Parameter(defaultValue = "${project.build.sourceDirectory}", readonly = true)
    File sourceDirectory;

    /** Writes a revision with these parents; in a project without migrations, the history's first. */
    void write(Divemap divemap, List<String> revises, String text) throws MojoFailureException {
        List<RegisteredRevision> existing = divemap.revisionMap().revisions();
        String id = revisionId != null ? revisionId
                : RevisionWriter.freshId(existing.stream().map(RegisteredRevision::id).toList(), text);
        try {
            Path path = RevisionWriter.write(sourceDirectory.toPath(), existing, id, packageName, revises, text);
            getLog().info("Wrote " + path + ": revision " + id + (revises.isEmpty() ? " (a base)"
                    : " revising " + String.join(", ", revises)));
        } catch (IllegalStateException | IOException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}
