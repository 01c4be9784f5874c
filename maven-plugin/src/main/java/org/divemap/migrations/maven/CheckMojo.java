package org.divemap.migrations.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.autogenerate.EntityModelCheck;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.Divemap;

/**
 * Fails the build unless the database is at head, no applied revision has changed since it ran (as
 * {@code alembic check}), no run recording in batches left revisions unrecorded, and no run was
 * interrupted inside a revision or left one half-done; and, as {@code alembic check}, unless the
 * project's JPA entities map to the schema at head (docs/autogenerate.md).
 */
@Mojo(name = "check", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public final class CheckMojo extends AbstractDivemapMojo {

    /** Compares the project's entities with the schema at head too (nothing to compare in a project without entities). */
    @Override
    void configure(Configuration configuration) {
        configuration.modelComparison(new EntityModelCheck(entityModel()));
    }

    @Override
    void run(Divemap divemap) throws MojoFailureException {
        CheckResult check = divemap.check();
        if (TEXTS.unverifiable(check) != null) {
            getLog().info(TEXTS.unverifiable(check));
        }
        if (!check.ok()) {
            throw new MojoFailureException(TEXTS.check(check));
        }
        getLog().info(TEXTS.check(check));
    }
}
