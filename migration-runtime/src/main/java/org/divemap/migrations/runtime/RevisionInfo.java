package org.divemap.migrations.runtime;

import java.util.List;
import java.util.Set;

/**
 * A revision as {@code heads}, {@code branches}, {@code history} and {@code show} describe it.
 *
 * @param id the revision id
 * @param revises its parents
 * @param dependsOn what it depends on, as written
 * @param branchLabels the labels that apply to it, declared or inherited
 * @param message its message
 * @param migrationClass the class that declares it
 * @param head whether no revision revises it
 * @param branchPoint whether two or more revisions revise it
 * @param reversible whether it can be downgraded (it is not {@code @Irreversible})
 * @param current whether the database's version table lists it (false when the database was not read)
 */
public record RevisionInfo(String id, List<String> revises, List<String> dependsOn, Set<String> branchLabels,
        String message, String migrationClass, boolean head, boolean branchPoint, boolean reversible,
        boolean current) {

    public RevisionInfo {
        revises = List.copyOf(revises);
        dependsOn = List.copyOf(dependsOn);
        branchLabels = Set.copyOf(branchLabels);
    }

    /** Whether it merges two or more lines of history. */
    public boolean merge() {
        return revises.size() > 1;
    }

    /** Whether it starts a line of history. */
    public boolean base() {
        return revises.isEmpty();
    }

    /** One line as Alembic's {@code history} prints it: {@code parent -> id (head), message}. */
    public String describe() {
        StringBuilder line = new StringBuilder();
        line.append(revises.isEmpty() ? "<base>" : String.join(", ", revises)).append(" -> ").append(id);
        List<String> marks = new java.util.ArrayList<>();
        if (current) {
            marks.add("current");
        }
        if (head) {
            marks.add("head");
        }
        if (branchPoint) {
            marks.add("branchpoint");
        }
        if (merge()) {
            marks.add("mergepoint");
        }
        if (!marks.isEmpty()) {
            line.append(" (").append(String.join(", ", marks)).append(")");
        }
        if (!branchLabels.isEmpty()) {
            line.append(" (").append(String.join(", ", new java.util.TreeSet<>(branchLabels))).append(")");
        }
        if (!message.isEmpty()) {
            line.append(", ").append(message);
        }
        return line.toString();
    }
}
