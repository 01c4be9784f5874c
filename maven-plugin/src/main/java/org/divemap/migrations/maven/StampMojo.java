package org.divemap.migrations.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.runtime.Divemap;

/** Writes revisions into the version table without running migrations, as {@code alembic stamp}. */
@Mojo(name = "stamp", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class StampMojo extends AbstractDivemapMojo {

    /** Revisions to stamp, comma-separated: {@code head}, {@code base}, ids. Required. @since 0.1.0 */
    @Parameter(property = "divemap.target")
    private String target;

    /** Empties the version table first (repairs a table naming revisions this build lacks). @since 0.1.0 */
    @Parameter(property = "divemap.purge", defaultValue = "false")
    private boolean purge;

    @Override
    void checkParameters() throws MojoFailureException {
        if (target == null || target.isBlank()) {
            throw new MojoFailureException("divemap:stamp needs a target: give -Ddivemap.target (the revision the"
                    + " schema is at, e.g. head, base or a revision id; several comma-separated), or <target> in the"
                    + " plugin's <configuration>.");
        }
    }

    @Override
    void run(Divemap divemap) {
        report(divemap.stamp(purge, target.split("\\s*,\\s*")));
    }
}
