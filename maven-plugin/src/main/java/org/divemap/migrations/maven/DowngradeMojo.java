package org.divemap.migrations.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.runtime.Divemap;

/** Reverts revisions down to a target, as {@code alembic downgrade}. */
@Mojo(name = "downgrade", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class DowngradeMojo extends AbstractDivemapMojo {

    /** Revision to downgrade to: {@code -1}, {@code base}, an id, {@code label@-1}, {@code label@base}. @since 0.1.0 */
    @Parameter(property = "divemap.target", required = true)
    private String target;

    @Override
    void run(Divemap divemap) {
        report(divemap.downgrade(target));
    }
}
