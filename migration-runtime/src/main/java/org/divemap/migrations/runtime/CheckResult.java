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
 */
public record CheckResult(List<String> versionRows, List<String> pending, List<String> changed,
        List<String> unverifiable) {

    public CheckResult {
        versionRows = List.copyOf(versionRows);
        pending = List.copyOf(pending);
        changed = List.copyOf(changed);
        unverifiable = List.copyOf(unverifiable);
    }

    /** Whether the database is at every head. */
    public boolean atHead() {
        return pending.isEmpty();
    }

    /** At head, and no applied revision has changed. */
    public boolean ok() {
        return atHead() && changed.isEmpty();
    }
}
