package org.divemap.migrations.runtime.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.graph.Plan;
import org.divemap.migrations.runtime.history.HistoryEntry;
import org.divemap.migrations.runtime.history.HistoryTable;
import org.divemap.migrations.runtime.history.VersionTable;
import org.divemap.migrations.runtime.sql.LiveOperations;

/**
 * Writes what a run does into the version and history tables, so that after a crash they never
 * claim less than the schema holds without saying so.
 *
 * <p>By default each revision is recorded on its own: its version row and history row commit in
 * one transaction right after it ran (on PostgreSQL, in the migration's own transaction, and, for a
 * linear step, with the commit in the same statement: {@link HistoryTable#recordAndCommit}). Where the
 * revision's work cannot commit with that transaction (MySQL, MariaDB and H2 commit DDL by
 * themselves; a non-transactional migration on PostgreSQL), the revision is first marked as started
 * ({@link RevisionJournal}), and the mark of the next revision is written in the same transaction as
 * the record of the one before, so marking costs no commit of its own.
 *
 * <p>Where the database commits each DDL statement by itself (MySQL, MariaDB), that transaction is
 * not committed by the recorder either: the next revision's first DDL statement commits it, as
 * Alembic lets the next DDL commit its version row, and whatever else the revision runs first commits
 * it before running ({@link RevisionJournal#pending()}). A crash in between loses the record, but not
 * silently: the revision's own mark, committed with the record before it, stays, and the next run
 * refuses until someone says where the schema is. The last revision of a run, a revision that ran no
 * statement, and a failure commit it explicitly.
 *
 * <p>With {@code recordEvery} above 1, the rows of a batch of revisions commit together. Before a
 * batch runs, a history row marked {@link HistoryTable#UNRECORDED} stands for each of its revisions,
 * so that a crash inside the batch leaves a trace that the next run refuses to ignore.
 */
final class Recorder {

    private final Connection connection;
    private final HistoryTable history;
    private final VersionTable versions;
    private final List<Plan.Step> steps;
    private final int every;
    /** Whether every revision needs a mark before it starts, so the record of one marks the next. */
    private final boolean markAhead;
    /** Whether the record of one revision and the next one's mark are left for its first DDL to commit. */
    private final boolean piggyback;
    /**
     * Whether a revision that replaces one version row by another, in a transaction of its own, is
     * recorded and committed in one statement ({@link HistoryTable#recordAndCommit}).
     */
    private final boolean oneTrip;
    /** The version rows as committed. */
    private List<String> recorded;
    /** Revisions applied since the last commit of the tables, and the version rows after them. */
    private final List<HistoryEntry> waiting = new ArrayList<>();
    private List<String> rowsAfterWaiting;
    /** The first step after the batch that is marked. */
    private int batchEnd;
    /** The journal of the step {@link #journalStep}: the next one to run, or the running one. */
    private RevisionJournal journal;
    private int journalStep = -1;

    Recorder(Connection connection, Dialect dialect, VersionTable versions, HistoryTable history,
            List<Plan.Step> steps, int every, List<String> recorded) {
        this.connection = connection;
        this.versions = versions;
        this.history = history;
        this.steps = steps;
        this.every = dialect.transactionalDdl() ? 1 : every;
        this.markAhead = !dialect.transactionalDdl() && this.every == 1;
        this.piggyback = markAhead && dialect.commitsEachStatement();
        this.oneTrip = !markAhead && this.every == 1 && dialect.commitsInStatementText();
        this.recorded = recorded;
    }

    /**
     * Before step {@code index} runs: at the start of a batch, marks the batch's revisions; otherwise
     * returns the step's journal, marked durably first when {@code oneTransaction} is false (its work
     * will not commit together with its record).
     */
    LiveOperations.Journal starting(int index, boolean oneTransaction) throws SQLException {
        if (every > 1) {
            markBatch(index);
            return LiveOperations.Journal.NONE;
        }
        if (journalStep != index) {
            journal = new RevisionJournal(connection, history, started(index));
            journalStep = index;
        }
        if (!oneTransaction && !journal.marked()) {
            journal.mark();
            if (!connection.getAutoCommit()) { // with auto-commit on (the first revision), the INSERT committed itself
                connection.commit();
            }
        }
        return journal;
    }

    private HistoryEntry started(int index) {
        Plan.Step step = steps.get(index);
        return HistoryEntry.of(step.revision().id(), step.upgrade() ? HistoryEntry.UP : HistoryEntry.DOWN,
                Instant.now(), Duration.ZERO, false, null);
    }

    private void markBatch(int index) throws SQLException {
        if (index < batchEnd) {
            return;
        }
        batchEnd = Math.min(steps.size(), index + every);
        Instant now = Instant.now();
        List<HistoryEntry> marks = new ArrayList<>();
        for (Plan.Step step : steps.subList(index, batchEnd)) {
            marks.add(HistoryEntry.of(step.revision().id(), step.upgrade() ? HistoryEntry.UP : HistoryEntry.DOWN, now,
                    Duration.ZERO, false, HistoryTable.UNRECORDED));
        }
        autoCommit(false);
        history.recordAll(connection, marks);
        connection.commit();
    }

    /**
     * Step {@code index} ran: records it now, with the next step's mark, or with the rest of its
     * batch. A failure to record rolls the record back and throws; the step's mark, if any, stays.
     */
    void applied(int index, HistoryEntry entry) throws SQLException {
        if (every > 1) {
            waiting.add(entry);
            rowsAfterWaiting = steps.get(index).versionRowsAfter();
            if (index + 1 == batchEnd) {
                recordBatch();
            }
            return;
        }
        List<String> after = steps.get(index).versionRowsAfter();
        commitPending(); // a revision that ran no statement: the record before it commits by itself
        autoCommit(false);
        try {
            boolean marked = journalStep == index && journal.marked();
            RowChange change = RowChange.between(recorded, after);
            if (oneTrip && !marked && change.oneReplaced()) {
                // the usual linear step of a revision in its own transaction: the record and the commit in one
                // round trip (two fewer per revision); a non-transactional one has a mark to rewrite instead
                history.recordAndCommit(connection, versions, change.removed().get(0), change.added().get(0), entry);
                recorded = after;
                journal = null;
                journalStep = -1;
                return;
            }
            writeRows(connection, versions, change);
            RevisionJournal next = null;
            if (markAhead && index + 1 < steps.size()) {
                next = new RevisionJournal(connection, history, started(index + 1));
                if (marked) {
                    next.marked(history.finishAndMark(connection, journal.markId(), entry, next.markRow()));
                } else {
                    history.record(connection, entry);
                    next.mark();
                }
            } else if (marked) {
                history.rewrite(connection, journal.markId(), entry);
            } else {
                history.record(connection, entry);
            }
            if (piggyback && next != null) {
                next.pending(); // committed by the next revision's first statement, or before it
            } else {
                connection.commit();
            }
            recorded = after;
            journal = next;
            journalStep = next == null ? -1 : index + 1;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    /** Commits the waiting revisions' rows, replacing the batch's marks. */
    private void recordBatch() throws SQLException {
        autoCommit(false);
        try {
            history.forgetUnrecorded(connection);
            if (!waiting.isEmpty()) {
                writeRows(connection, versions, RowChange.between(recorded, rowsAfterWaiting));
                history.recordAll(connection, waiting);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        }
        if (!waiting.isEmpty()) {
            recorded = rowsAfterWaiting;
            waiting.clear();
        }
    }

    /**
     * Step {@code index} failed, and what it did is settled (rolled back or undone as far as
     * possible); auto-commit is on. Writes its history row: a plain failure, or, when
     * {@code leftChanges} is not null, a {@link HistoryEntry.State#LEFT_CHANGES} mark holding that
     * text, which stops later runs until someone decides what to do. Never throws: what it cannot
     * write is added to {@code failure}, and a mark already written stays.
     */
    void failed(int index, HistoryEntry entry, String leftChanges, Throwable failure) {
        try {
            HistoryEntry row = leftChanges == null ? entry
                    : entry.withOutcome(false, entry.durationMs(), HistoryEntry.LEFT_CHANGES + leftChanges);
            if (journalStep == index && journal.marked()) {
                history.rewrite(connection, journal.markId(), row);
            } else {
                history.record(connection, row);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The run stops before step {@code index} ran anything (the lock was lost, say): its mark, if
     * the record of the step before wrote one, is deleted, as nothing of it ran. Never throws.
     */
    void abandon(int index, Throwable failure) {
        commitPending(failure);
        if (journalStep != index || !journal.marked() || journal.ranAnything()) {
            return;
        }
        try {
            autoCommit(true);
            history.delete(connection, journal.markId());
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * After a migration failed in a batch, records the revisions before it: the failure report
     * then holds as with {@code recordEvery(1)}. Returns what to add to the report: nothing, or
     * which revisions ran and could not be recorded.
     */
    String recordBeforeFailure(Throwable failure) {
        if (every == 1) {
            return "";
        }
        List<String> ids = waiting.stream().map(HistoryEntry::revision).toList();
        try {
            recordBatch();
            return "";
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
            return "\n  The revisions applied before it in this batch could not be recorded (" + e.getMessage()
                    + "): " + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ". They are applied; the"
                    + " version table says " + (recorded.isEmpty() ? "(empty)" : String.join(", ", recorded))
                    + ". Check the schema, then stamp the last revision that is applied.";
        }
    }

    /**
     * Commits the record of the last revision and the next one's mark, if they wait for the next
     * revision's first statement: before a failure is recorded, or the run stops.
     */
    void commitPending(Throwable failure) {
        try {
            commitPending();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void commitPending() throws SQLException {
        if (journal != null) {
            journal.commitPending();
        }
    }

    /**
     * The version rows as the table holds them now, after a failure was settled: what the failure
     * report names, which is not {@code expected} when the table was changed behind the run's back or
     * a batch could not be recorded. {@code expected} when the table cannot be read.
     */
    List<String> versionRowsNow(List<String> expected) {
        try {
            return versions.read(connection);
        } catch (RuntimeException e) {
            return expected;
        }
    }

    /** Closes the statements the tables kept prepared for this run's revisions. */
    void close() {
        versions.release();
        history.release();
    }

    private void rollback(Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void autoCommit(boolean on) throws SQLException {
        autoCommit(connection, on);
    }

    /**
     * Sets auto-commit only when it changes: MySQL's driver sends a statement for every call, and a
     * run of 1,000 revisions would pay for 2,000 of them.
     */
    static void autoCommit(Connection connection, boolean on) throws SQLException {
        if (connection.getAutoCommit() != on) {
            connection.setAutoCommit(on);
        }
    }

    /** The version rows that leave and those that come when the rows change from one list to another. */
    record RowChange(List<String> removed, List<String> added) {

        static RowChange between(List<String> before, List<String> after) {
            List<String> removed = new ArrayList<>(before);
            removed.removeAll(after);
            List<String> added = new ArrayList<>(after);
            added.removeAll(before);
            return new RowChange(removed, added);
        }

        /** Whether one row replaces another: a linear step. */
        boolean oneReplaced() {
            return removed.size() == 1 && added.size() == 1;
        }
    }

    /** Changes the version rows from {@code before} to {@code after}, in the open transaction. */
    static void writeRows(Connection connection, VersionTable versions, List<String> before, List<String> after)
            throws SQLException {
        writeRows(connection, versions, RowChange.between(before, after));
    }

    /** Makes {@code change} to the version rows, in the open transaction. */
    private static void writeRows(Connection connection, VersionTable versions, RowChange change) throws SQLException {
        List<String> removed = change.removed();
        List<String> added = change.added();
        if (change.oneReplaced()) {
            versions.update(connection, removed.get(0), added.get(0));
            return;
        }
        for (String row : removed) {
            versions.delete(connection, row);
        }
        for (String row : added) {
            versions.insert(connection, row);
        }
    }
}
