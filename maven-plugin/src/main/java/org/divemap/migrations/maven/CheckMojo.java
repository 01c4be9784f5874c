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
        check.unverifiable().forEach(id -> getLog().info("Cannot verify " + id + " (no checksum, or it needs the"
                + " live database to render)"));
        if (check.ok()) {
            getLog().info("The database is at head and no applied revision has changed.");
            return;
        }
        StringBuilder problems = new StringBuilder();
        if (!check.pending().isEmpty()) {
            problems.append("Revisions not applied yet: ").append(String.join(", ", check.pending()))
                    .append(". Run divemap:upgrade.");
        }
        if (!check.changed().isEmpty()) {
            problems.append(problems.length() > 0 ? " " : "").append("Applied revisions whose SQL changed since they"
                    + " ran: ").append(String.join(", ", check.changed())).append(". Restore the migrations as they"
                    + " were and put the change in a new revision.");
        }
        if (!check.unrecorded().isEmpty()) {
            problems.append(problems.length() > 0 ? " " : "").append("A run recording in batches (recordEvery)"
                    + " stopped before recording: ").append(String.join(", ", check.unrecorded())).append(". Check"
                    + " which of them the schema holds, then run divemap:stamp (see troubleshooting.md,"
                    + " UNRECORDED_REVISIONS).");
        }
        if (!check.interrupted().isEmpty()) {
            problems.append(problems.length() > 0 ? " " : "").append("A run was interrupted inside, or left"
                    + " half-done: ").append(String.join(", ", check.interrupted())).append(". divemap:upgrade says"
                    + " what its journal knows; check the schema, then run divemap:stamp (see troubleshooting.md,"
                    + " INTERRUPTED_REVISION).");
        }
        throw new MojoFailureException(problems.toString());
    }
}
