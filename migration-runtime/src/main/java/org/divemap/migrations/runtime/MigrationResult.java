package org.divemap.migrations.runtime;

import java.time.Duration;
import java.util.List;

/**
 * What an upgrade, a downgrade or a stamp did.
 *
 * @param command {@code upgrade}, {@code downgrade} or {@code stamp}
 * @param target the target as given
 * @param versionBefore the version-table rows before, sorted
 * @param steps the revisions run, in order (none for a stamp)
 * @param versionAfter the version-table rows after, sorted
 */
public record MigrationResult(String command, String target, List<String> versionBefore, List<Step> steps,
        List<String> versionAfter) {

    public MigrationResult {
        versionBefore = List.copyOf(versionBefore);
        steps = List.copyOf(steps);
        versionAfter = List.copyOf(versionAfter);
    }

    /**
     * One revision that ran.
     *
     * @param revision its id
     * @param upgrade true for its upgrade, false for its downgrade
     * @param duration how long it took
     */
    public record Step(String revision, boolean upgrade, Duration duration) {}

    /** The ids of the revisions that ran, in order. */
    public List<String> revisions() {
        return steps.stream().map(Step::revision).toList();
    }

    /** Whether nothing ran and the version table is unchanged. */
    public boolean nothingToDo() {
        return steps.isEmpty() && versionBefore.equals(versionAfter);
    }
}
