package org.divemap.migrations.runtime;

import java.util.List;

/**
 * What {@link Divemap#preflight} found an upgrade or a downgrade would do, if it started now.
 *
 * @param upgrade true for an upgrade, false for a downgrade
 * @param target the target as given
 * @param versionBefore the version-table rows now, sorted
 * @param revisions the revisions it would run, in order
 * @param versionAfter the version-table rows it would leave, sorted
 */
public record Preflight(boolean upgrade, String target, List<String> versionBefore, List<String> revisions,
        List<String> versionAfter) {

    public Preflight {
        versionBefore = List.copyOf(versionBefore);
        revisions = List.copyOf(revisions);
        versionAfter = List.copyOf(versionAfter);
    }

    /** Whether it would run nothing and leave the version table as it is. */
    public boolean nothingToDo() {
        return revisions.isEmpty() && versionBefore.equals(versionAfter);
    }
}
