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
 */
public record CheckResult(List<String> versionRows, List<String> pending, List<String> changed,
        List<String> unverifiable, List<String> unrecorded) {

    public CheckResult {
        versionRows = List.copyOf(versionRows);
        pending = List.copyOf(pending);
        changed = List.copyOf(changed);
        unverifiable = List.copyOf(unverifiable);
        unrecorded = List.copyOf(unrecorded);
    }

    /** A result without unrecorded revisions. */
    public CheckResult(List<String> versionRows, List<String> pending, List<String> changed,
            List<String> unverifiable) {
        this(versionRows, pending, changed, unverifiable, List.of());
    }

    /** Whether the database is at every head. */
    public boolean atHead() {
        return pending.isEmpty();
    }

    /** At head, no applied revision has changed, and no revision waits to be recorded. */
    public boolean ok() {
        return atHead() && changed.isEmpty() && unrecorded.isEmpty();
    }
}
