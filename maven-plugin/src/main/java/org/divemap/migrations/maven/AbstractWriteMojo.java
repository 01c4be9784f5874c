package org.divemap.migrations.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;

/** Goals that write a new migration source file: {@code revision} and {@code merge}. */
abstract class AbstractWriteMojo extends AbstractDivemapMojo {

    /** Package of the new class; default: the deepest package of the existing migrations. @since 0.1.0 */
    @Parameter(property = "divemap.packageName")
    private String packageName;

    /** The id to use instead of a fresh one. @since 0.1.0 */
    @Parameter(property = "divemap.revisionId")
    private String revisionId;

    @Parameter(defaultValue = "${project.build.sourceDirectory}", readonly = true)
    private File sourceDirectory;

    @Override
    boolean needsDatabase() {
        return false;
    }

    /** Writes a revision with these parents. */
    void write(Divemap divemap, List<String> revises, String text) throws MojoFailureException {
        List<String> ids = divemap.revisionMap().revisions().stream().map(RegisteredRevision::id).toList();
        String id = revisionId != null ? revisionId : RevisionWriter.freshId(ids, text);
        String pkg = packageName != null ? packageName : RevisionWriter.commonPackage(
                divemap.revisionMap().revisions().stream().map(RegisteredRevision::migrationClass).toList());
        if (pkg == null) {
            throw new MojoFailureException("This project has no migration yet, so the package is unknown: give"
                    + " -Ddivemap.packageName=com.example.db.migrations.");
        }
        String className = RevisionWriter.className(RevisionWriter.slug(text), id);
        try {
            Path path = RevisionWriter.write(sourceDirectory.toPath(),
                    RevisionWriter.source(pkg, className, id, revises, text));
            getLog().info("Wrote " + path + ": revision " + id + (revises.isEmpty() ? " (a base)"
                    : " revising " + String.join(", ", revises)));
        } catch (IllegalStateException | java.io.IOException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}
