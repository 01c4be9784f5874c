package org.divemap.migrations.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.runtime.Divemap;

/** Reverts revisions down to a target, as {@code alembic downgrade}. */
@Mojo(name = "downgrade", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class DowngradeMojo extends AbstractDivemapMojo {

    /**
     * Revision to downgrade to: {@code -1}, {@code base}, an id, {@code label@-1}, {@code label@base}.
     * Required: there is no default, as a downgrade removes schema. @since 0.1.0
     */
    @Parameter(property = "divemap.target")
    private String target;

    @Override
    void checkParameters() throws MojoFailureException {
        if (target == null || target.isBlank()) {
            throw new MojoFailureException("divemap:downgrade needs a target: give -Ddivemap.target (e.g. -1 for the"
                    + " last revision, base for all of them, or a revision id), or <target> in the plugin's"
                    + " <configuration>.");
        }
    }

    @Override
    void run(Divemap divemap) {
        report(divemap.downgrade(target));
    }
}
