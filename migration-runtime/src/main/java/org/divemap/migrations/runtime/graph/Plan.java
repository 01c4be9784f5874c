package org.divemap.migrations.runtime.graph;

import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.RegisteredRevision;

/**
 * What a command will do: the revisions to run, in order, and the version-table rows after each.
 *
 * @param direction upgrade, downgrade or stamp
 * @param target the target as the user gave it
 * @param versionRowsBefore the version rows the plan starts from
 * @param steps the revisions to run, in order (none for a stamp)
 * @param versionRowsAfter the version rows when every step has run, sorted
 */
public record Plan(Direction direction, String target, List<String> versionRowsBefore, List<Step> steps,
        List<String> versionRowsAfter) {

    public Plan {
        versionRowsBefore = List.copyOf(versionRowsBefore);
        steps = List.copyOf(steps);
        versionRowsAfter = List.copyOf(versionRowsAfter);
    }

    /** Which way a plan moves. */
    public enum Direction {
        UPGRADE,
        DOWNGRADE,
        STAMP
    }

    /**
     * One migration to run.
     *
     * @param revision the revision
     * @param upgrade true to run its upgrade, false for its downgrade
     * @param versionRowsAfter the version rows once it has run, sorted
     */
    public record Step(RegisteredRevision revision, boolean upgrade, List<String> versionRowsAfter) {
        public Step {
            versionRowsAfter = List.copyOf(versionRowsAfter);
        }
    }

    /** Whether the plan changes nothing. */
    public boolean isEmpty() {
        // what a start-up at head asks: plain collections, no stream pipeline to load and link
        if (!steps.isEmpty() || versionRowsBefore.size() != versionRowsAfter.size()) {
            return false;
        }
        List<String> before = new ArrayList<>(versionRowsBefore);
        before.sort(null);
        return before.equals(versionRowsAfter);
    }
}
