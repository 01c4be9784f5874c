package org.divemap.migrations.runtime.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.history.HistoryEntry;
import org.divemap.migrations.runtime.history.HistoryTable;
import org.divemap.migrations.runtime.sql.LiveOperations;

/**
 * The durable trace of one revision whose work does not commit together with its version row: a
 * history row marked {@link HistoryEntry.State#RUNNING}, written before the revision's first
 * statement, and rewritten with the statements known to have completed whenever the revision's work
 * commits anyway. The run replaces the mark with the revision's outcome in the transaction that
 * writes its version row; a mark that stays means the process stopped inside the revision, and
 * every later run refuses to go on until someone decides what happened ({@link Unfinished}).
 *
 * <p>The journal costs no commit of its own where the database commits each statement (MySQL,
 * MariaDB): a data change's journal entry commits with the data change, and the entries of
 * statements the database commits by itself (DDL) are sent just before the next such statement,
 * whose implicit commit carries them. So a revision of one DDL statement writes no journal entry at
 * all; one of five writes four, the last statement of each being known only by the revision's end.
 * Where statements commit one by one under auto-commit (H2, and non-transactional migrations on
 * PostgreSQL), each entry is written as its statement completes. Inside a PostgreSQL transaction
 * nothing is written unless the migration commits early ({@code op.batchUpdate}), which marks the
 * revision in the transaction it commits.
 *
 * <p>Where the database commits each DDL statement by itself, the run does not commit the record of
 * the revision before, which also writes this mark: the revision's first DDL statement commits both,
 * as Alembic lets the next DDL commit its version row. Until then the journal is <em>pending</em>
 * ({@link #pending()}); whatever else the revision runs first (a data change, a read, the connection
 * handed out) commits them before it runs ({@link #beforeWork()}), and so does a failure.
 */
final class RevisionJournal implements LiveOperations.Journal {

    /** Longest statement kept in the journal, in characters. */
    private static final int MAX_STATEMENT = 2_000;
    /** The journal's text stays well inside the history table's error column. */
    private static final int MAX_TEXT = 12_000;

    private final Connection connection;
    private final HistoryTable history;
    private final HistoryEntry started;
    private final List<String> completed = new ArrayList<>();
    private String running;
    private boolean dirty;
    private long markId;
    /** Whether everything written so far is committed (or certain to be, by the statement running). */
    private boolean durable = true;

    /**
     * @param started the revision, its direction and start, as its history row will carry them
     */
    RevisionJournal(Connection connection, HistoryTable history, HistoryEntry started) {
        this.connection = connection;
        this.history = history;
        this.started = started;
    }

    /**
     * Inserts the mark in the connection's open transaction: it is durable once that commits. The
     * caller commits it with the previous revision's record, or by itself.
     */
    void mark() {
        markId = history.insert(connection, markRow());
        dirty = false;
    }

    /** The mark's row as {@link #mark()} writes it. */
    HistoryEntry markRow() {
        return started.withOutcome(false, 0, text());
    }

    /**
     * Uses {@code id} as the mark, written by the caller in the connection's open transaction, which
     * the caller leaves open ({@link #pending()}) or commits.
     */
    void marked(long id) {
        markId = id;
        dirty = false;
    }

    /**
     * The connection's open transaction holds the mark and the record of the revision before, and
     * the caller leaves it for the revision's first statement to commit.
     */
    void pending() {
        durable = false;
    }

    /** Whether what the open transaction holds of the mark and the record before it is committed. */
    boolean durable() {
        return durable;
    }

    /** Commits what is pending, if anything. */
    void commitPending() throws SQLException {
        if (!durable) {
            connection.commit();
            durable = true;
        }
    }

    /** Whether the mark is written (it is durable once the transaction that wrote it committed). */
    boolean marked() {
        return markId != 0;
    }

    /** The mark's row number; 0 when the revision is not marked. */
    long markId() {
        return markId;
    }

    /** Whether any statement is known to have completed. */
    boolean ranAnything() {
        return !completed.isEmpty();
    }

    @Override
    public void beforeImplicitCommit(String statement) {
        if (marked() && dirty) {
            running = statement;
            write();
        }
        implicitCommit = true;
    }

    /** Set between {@link #beforeImplicitCommit} and the statement's completion, which committed what was pending. */
    private boolean implicitCommit;

    @Override
    public void beforeWork() {
        implicitCommit = false;
        try {
            commitPending();
        } catch (SQLException e) {
            throw new DivemapException(DivemapException.Kind.DATABASE, "Could not commit the record of the"
                    + " revision before, and the mark of " + started.revision() + ": " + e.getMessage()
                    + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public void completed(String what) {
        if (implicitCommit) {
            implicitCommit = false;
            durable = true; // the statement committed, implicitly, what the transaction held before it
        }
        completed.add(what);
        running = null;
        dirty = true;
        if (marked() && autoCommit()) {
            write();
        }
    }

    @Override
    public void beforeCommit() {
        durable = true; // the commit that follows carries what is pending
        if (!marked()) {
            mark(); // a transactional migration that commits early (op.batchUpdate): marked in that commit
        } else if (dirty) {
            write();
        }
    }

    private boolean autoCommit() {
        try {
            return connection.getAutoCommit();
        } catch (SQLException e) {
            throw new DivemapException(DivemapException.Kind.DATABASE, "Could not read the migration connection's"
                    + " auto-commit setting: " + e.getMessage(), e);
        }
    }

    private void write() {
        history.rewrite(connection, markId, started.withOutcome(false, 0, text()));
        dirty = false;
    }

    /**
     * The mark's error text: who runs the revision, and the statements known to have completed,
     * the earliest ones left out when they would not fit.
     */
    private String text() {
        StringBuilder text = new StringBuilder(HistoryEntry.RUNNING).append("process ")
                .append(ProcessHandle.current().pid()).append(" started this revision and has not recorded its end;"
                        + " if this row stays, the process stopped inside the revision.");
        if (completed.isEmpty()) {
            text.append("\nNo statement is known to have completed.");
        } else {
            text.append("\nKnown to have completed (").append(completed.size())
                    .append(completed.size() == 1 ? " statement" : " statements").append("):");
            List<String> shown = new ArrayList<>();
            int length = 0;
            for (int i = completed.size() - 1; i >= 0; i--) {
                String line = "\n  " + cut(completed.get(i)) + ";";
                if (length + line.length() > MAX_TEXT) {
                    shown.add(0, "\n  (" + (i + 1) + " earlier " + (i == 0 ? "statement" : "statements")
                            + " not shown)");
                    break;
                }
                shown.add(0, line);
                length += line.length();
            }
            shown.forEach(text::append);
        }
        if (running != null) {
            text.append("\nRunning when last written:\n  ").append(cut(running)).append(';');
        }
        return text.toString();
    }

    /** The statement, cut to {@value #MAX_STATEMENT} characters, its lines after the first indented. */
    private static String cut(String statement) {
        String shown = statement.length() <= MAX_STATEMENT ? statement
                : statement.substring(0, MAX_STATEMENT) + " ... (" + statement.length() + " characters)";
        return shown.replace("\n", "\n  ");
    }
}
