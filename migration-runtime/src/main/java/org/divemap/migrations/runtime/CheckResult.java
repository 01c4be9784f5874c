package org.divemap.migrations.runtime;

import java.util.List;

/**
 * What {@link Divemap#check()} found.
 *
 * @param versionRows the version-table rows, sorted
 * @param pending the revisions an {@code upgrade heads} would run, in order
 * @param changed applied revisions whose SQL now renders differently from when they were applied:
 *     someone edited a migration that already ran
 * @param unverifiable applied revisions that cannot be compared: applied before checksums were
 *     recorded (by Alembic, say), stamped, or rendering SQL that depends on the live database
 * @param unrecorded revisions that a run recording in batches ({@link Configuration#recordEvery})
 *     may have applied or undone and stopped before recording, in the order it ran them; later
 *     upgrades and downgrades refuse to run until the database is stamped
 * @param interrupted revisions a run started and did not finish (the process stopped inside them),
 *     or that failed and left changes they could not undo; later upgrades and downgrades refuse to
 *     run until the database is stamped or the revision retried ({@code INTERRUPTED_REVISION}). A
 *     revision running at this very moment in another process is listed too.
 */
public record CheckResult(List<String> versionRows, List<String> pending, List<String> changed,
        List<String> unverifiable, List<String> unrecorded, List<String> interrupted, List<String> modelDifferences) {

    public CheckResult {
        versionRows = List.copyOf(versionRows);
        pending = List.copyOf(pending);
        changed = List.copyOf(changed);
        unverifiable = List.copyOf(unverifiable);
        unrecorded = List.copyOf(unrecorded);
        interrupted = List.copyOf(interrupted);
        modelDifferences = List.copyOf(modelDifferences);
    }

    /** A result without model differences. */
    public CheckResult(List<String> versionRows, List<String> pending, List<String> changed,
            List<String> unverifiable, List<String> unrecorded, List<String> interrupted) {
        this(versionRows, pending, changed, unverifiable, unrecorded, interrupted, List.of());
    }

    /** A result without interrupted revisions. */
    public CheckResult(List<String> versionRows, List<String> pending, List<String> changed,
            List<String> unverifiable, List<String> unrecorded) {
        this(versionRows, pending, changed, unverifiable, unrecorded, List.of());
    }

    /** A result without unrecorded revisions. */
    public CheckResult(List<String> versionRows, List<String> pending, List<String> changed,
            List<String> unverifiable) {
        this(versionRows, pending, changed, unverifiable, List.of(), List.of());
    }

    /** Whether the database is at every head. */
    public boolean atHead() {
        return pending.isEmpty();
    }

    /**
     * At head, no applied revision has changed, no revision waits to be recorded or was interrupted,
     * and the model agrees with the schema.
     */
    public boolean ok() {
        return atHead() && changed.isEmpty() && unrecorded.isEmpty() && interrupted.isEmpty()
                && modelDifferences.isEmpty();
    }
}
