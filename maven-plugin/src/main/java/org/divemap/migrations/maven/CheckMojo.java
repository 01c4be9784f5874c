package org.divemap.migrations.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Divemap;

/**
 * Fails the build unless the database is at head, no applied revision has changed since it ran (as
 * {@code alembic check}), no run recording in batches left revisions unrecorded, and no run was
 * interrupted inside a revision or left one half-done.
 */
@Mojo(name = "check", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class CheckMojo extends AbstractDivemapMojo {

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
