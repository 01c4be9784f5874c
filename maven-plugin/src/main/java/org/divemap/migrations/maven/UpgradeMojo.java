package org.divemap.migrations.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.runtime.Divemap;

/** Applies revisions up to a target, as {@code alembic upgrade}. */
@Mojo(name = "upgrade", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class UpgradeMojo extends AbstractDivemapMojo {

    /** Revision to upgrade to: {@code head}, {@code heads}, an id or unique prefix, {@code +1}, {@code label@head}. @since 0.1.0 */
    @Parameter(property = "divemap.target", defaultValue = "head")
    private String target;

    @Override
    void run(Divemap divemap) {
        report(divemap.upgrade(target));
    }
}
