package org.divemap.migrations.runtime.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;
import org.divemap.migrations.Migration;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.graph.RevisionMap;
import org.divemap.migrations.runtime.history.HistoryEntry;
import org.divemap.migrations.runtime.history.HistoryTable;

/**
 * What upgrades and downgrades do about the marks a run left in the history table
 * ({@link HistoryEntry#isMark()}): a revision interrupted inside, one that failed and left changes
 * it could not undo, or a batch that was never recorded. The schema may hold part of such a revision,
 * so running it again, or the revisions after it, could do its work twice. They refuse, naming the
 * revision, when and where it ran and what its journal knows, until a stamp says where the schema
 * is, or the caller asks to retry revisions whose authors declared them re-runnable.
 */
final class Unfinished {

    private Unfinished() {}

    /**
     * Refuses to run over {@code marks}, with {@code INTERRUPTED_REVISION} or
     * {@code UNRECORDED_REVISIONS}, unless {@code retry} is set and every marked revision is
     * re-runnable; then the run may {@link #retry} them.
     */
    static void refuse(List<HistoryEntry> marks, List<String> versionRows, RevisionMap map, boolean retry,
            String historyTable) {
        if (marks.isEmpty()) {
            return;
        }
        if (!retry) {
            throw refusal(marks, versionRows, map, historyTable);
        }
        for (HistoryEntry mark : marks) {
            RegisteredRevision revision = map.revision(mark.revision());
            if (revision == null || !rerunnable(revision)) {
                throw new DivemapException(Kind.INTERRUPTED_REVISION, "Cannot retry " + mark.revision() + ": "
                        + (revision == null ? "it is not a revision of this build"
                                : "its migration (" + revision.migrationClass() + ") is not declared re-runnable"
                                        + " (Migration.rerunnable())")
                        + ", so running it again over what it already did could do that twice. "
                        + refusal(marks, versionRows, map, historyTable).getMessage());
            }
        }
    }

    /**
     * Settles {@code marks} of re-runnable revisions that the caller retries, in a commit of their
     * own: the history keeps what they knew, and the run goes on.
     */
    static void retry(Connection connection, HistoryTable history, List<HistoryEntry> marks) throws SQLException {
        Recorder.autoCommit(connection, false);
        try {
            history.settle(connection, marks, "Retried (retryInterrupted)");
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            Recorder.autoCommit(connection, true);
        }
    }

    private static boolean rerunnable(RegisteredRevision revision) {
        try {
            Migration migration = revision.newMigration();
            return migration.rerunnable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * The refusal for {@code marks}, which must not be empty. It names the run that left the mark,
     * and the row of {@code historyTable} that records it, so that the failed run can be looked up.
     */
    static DivemapException refusal(List<HistoryEntry> marks, List<String> versionRows, RevisionMap map,
            String historyTable) {
        String version = versionRows.isEmpty() ? "(empty)" : String.join(", ", new TreeSet<>(versionRows));
        List<HistoryEntry> batch = marks.stream().filter(m -> m.state() == HistoryEntry.State.UNRECORDED).toList();
        if (batch.size() == marks.size()) {
            HistoryEntry first = marks.get(0);
            return new DivemapException(Kind.UNRECORDED_REVISIONS, "A run by " + first.osUser() + " on "
                    + first.host() + " at " + first.startedAt() + " recorded revisions in batches (recordEvery) and"
                    + " stopped before recording these, which it may have run: "
                    + String.join(", ", marks.stream().map(e -> e.revision() + " (" + e.direction() + ")").toList())
                    + ". The version table says " + version + ". Check which of them the schema holds, then stamp the"
                    + " revision it is at (the version table's if none of them ran); stamp clears this. Nothing was"
                    + " changed.");
        }
        HistoryEntry mark = marks.stream().filter(m -> m.state() != HistoryEntry.State.UNRECORDED).findFirst()
                .orElseThrow();
        String revision = mark.revision();
        boolean up = mark.direction().equals(HistoryEntry.UP);
        RegisteredRevision registered = map.revision(revision);
        StringBuilder text = new StringBuilder();
        if (mark.state() == HistoryEntry.State.RUNNING) {
            text.append("Revision ").append(revision).append(" did not finish its ").append(up ? "upgrade" : "downgrade")
                    .append(": a run by ").append(mark.osUser()).append(" on ").append(mark.host())
                    .append(" started it at ").append(mark.startedAt())
                    .append(" and stopped inside it (the process was killed, or lost its connection) before"
                            + " recording its end. Its journal:\n  ")
                    .append(indent(mark.error().substring(HistoryEntry.RUNNING.length())));
        } else {
            text.append("Revision ").append(revision).append(" failed during its ").append(up ? "upgrade" : "downgrade")
                    .append(" in a run by ").append(mark.osUser()).append(" on ").append(mark.host()).append(" at ")
                    .append(mark.startedAt()).append(" and left changes that could not be undone:\n  ")
                    .append(indent(mark.error().substring(HistoryEntry.LEFT_CHANGES.length())));
        }
        text.append("\nThat run is row ").append(mark.id()).append(" of the history table ").append(historyTable)
                .append(" (").append(up ? "up" : "down").append(", ").append(revision).append(", started ")
                .append(mark.startedAt()).append(", ").append(mark.osUser()).append('@').append(mark.host())
                .append(").");
        text.append("\nThe version table says ").append(version).append(". Nothing was changed: ").append(revision)
                .append(" may be partly ").append(up ? "applied" : "reverted")
                .append(", so neither it nor anything after it runs until you say where the schema is.");
        String unchanged = String.join(" ", new TreeSet<>(versionRows));
        String done = up ? revision : registered == null || registered.revises().isEmpty() ? "base"
                : String.join(" ", registered.revises());
        String again = up ? (unchanged.isEmpty() ? "base" : unchanged) : revision;
        text.append("\nCheck the schema against ").append(registered != null ? registered.migrationClass() : revision)
                .append(", finish or undo its ").append(up ? "upgrade" : "downgrade")
                .append(" by hand, then stamp the revision the schema is at: ").append(done).append(" if the ")
                .append(up ? "upgrade" : "downgrade").append(" is complete, ").append(again)
                .append(" to run it again. A stamp clears this");
        if (registered != null && rerunnable(registered)) {
            text.append(", or, since its migration is declared re-runnable, run again with retryInterrupted"
                    + " (--retry-interrupted, -Ddivemap.retryInterrupted=true)");
        }
        text.append(". See docs/troubleshooting.md#interrupted_revision.");
        return new DivemapException(Kind.INTERRUPTED_REVISION, text.toString());
    }

    private static String indent(String text) {
        return text.replace("\n", "\n  ");
    }
}
