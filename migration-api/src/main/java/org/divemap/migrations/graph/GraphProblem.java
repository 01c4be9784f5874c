package org.divemap.migrations.graph;

import java.util.List;

/**
 * One problem of a revision graph: what it is, how bad, the full message, and the annotation value
 * it is pinned to. The message starts with the stable tag of its {@link Kind}, such as
 * {@code [Divemap/Cycle]}; {@code docs/errors.md} has a section per tag.
 *
 * @param kind what kind of problem
 * @param message the complete message, tag first
 * @param site the annotation value to pin the message to
 * @param notes other places worth pointing at (reported as notes)
 */
public record GraphProblem(Kind kind, String message, Site site, List<Note> notes) {

    public GraphProblem {
        notes = List.copyOf(notes);
    }

    /** Whether the problem fails the build (an error) or is only suspect (a warning). */
    public enum Severity {
        ERROR,
        WARNING
    }

    /** The kinds of graph problems, each with its stable tag. */
    public enum Kind {
        /** Two classes declare the same revision id. */
        DUPLICATE_REVISION("DuplicateRevision", Severity.ERROR),
        /** A {@code revises} or {@code dependsOn} entry names no revision (or label) of the build. */
        UNKNOWN_REVISION("UnknownRevision", Severity.ERROR),
        /** A revision revises or depends on itself. */
        SELF_REVISION("SelfRevision", Severity.ERROR),
        /** Revisions form a cycle. */
        CYCLE("Cycle", Severity.ERROR),
        /** Two or more heads carry the same branch labels, or none: two heads of one line of history. */
        BRANCH_CONFLICT("BranchConflict", Severity.ERROR),
        /** An id or label that the target syntax would misread. */
        RESERVED_NAME("ReservedName", Severity.ERROR),
        /** An id or label with a character other than a letter (a-z, A-Z), a digit, {@code _} or {@code .}. */
        ILLEGAL_CHARACTER("IllegalCharacter", Severity.ERROR),
        /** A branch label that is also an id or is declared twice. */
        LABEL_CLASH("LabelClash", Severity.ERROR),
        /** A {@code dependsOn} entry that is already an ancestor: legal, but it does nothing. */
        REDUNDANT_DEPENDENCY("RedundantDependency", Severity.WARNING),
        /** The same value twice in one array attribute. */
        DUPLICATE_ENTRY("DuplicateEntry", Severity.WARNING);

        private final String name;
        private final Severity severity;

        Kind(String name, Severity severity) {
            this.name = name;
            this.severity = severity;
        }

        /** The stable tag, such as {@code [Divemap/Cycle]}. */
        public String tag() {
            return "[Divemap/" + name + "]";
        }

        public Severity severity() {
            return severity;
        }
    }

    /** A secondary place that helps explain a problem, such as the other declaration of an id. */
    public record Note(String message, Site site) {}

    public Severity severity() {
        return kind.severity();
    }

    public boolean isError() {
        return kind.severity() == Severity.ERROR;
    }
}
