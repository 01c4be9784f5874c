package org.divemap.migrations.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.Column;
import org.divemap.migrations.ColumnChange;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.Index;
import org.divemap.migrations.NamingConvention;
import org.divemap.migrations.OnlineDdl;
import org.divemap.migrations.Operations;
import org.divemap.migrations.SchemaInspector;
import org.divemap.migrations.Table;
import org.divemap.migrations.runtime.dialect.Ddl;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.sql.DataOperations;
import org.divemap.migrations.runtime.sql.JdbcSchemaInspector;

/**
 * The operations a migration runs on a live connection: each schema-changing call is rendered by the
 * dialect's {@link Ddl} and run at once. Every statement sent is remembered, so a failure can say
 * which statement failed and which ran before it.
 */
final class JdbcOperations implements Operations {

    private final Connection connection;
    private final Dialect dialect;
    private final Ddl ddl;
    private final OnlineDdl online;
    private final Log log;
    private final NamingConvention names;
    /** Set while an operation runs its own statements, so they are not recorded as raw executes. */
    private boolean internal;

    /** What ran, shared by the views {@link #online(OnlineDdl)} returns. */
    private static final class Log {
        /** Whether op.batchUpdate committed, so that a rollback no longer undoes everything. */
        boolean committedEarly;
        /** Auto-commit is off on a database whose DDL commits itself: commit after every other statement. */
        boolean commitEach;
        final List<String> executed = new ArrayList<>();
        final List<Done> done = new ArrayList<>();
        /** Where batch progress goes besides the migration's own listener. */
        java.util.function.Consumer<BatchUpdate.Progress> progress = p -> { };
        /** Hears each statement and each commit, for the revision's journal. */
        Journal journal = Journal.NONE;
        /** Whether op.connection() was handed out, which the journal notes once. */
        boolean connectionHandedOut;
        /** The SHA-256 of the migration's SQL as an offline script would print it. */
        final java.security.MessageDigest rendered = sha256();
        String failed;
    }

    static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private void render(String statement) {
        log.rendered.update((statement + ";\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Hears what a live migration runs and commits, so that the runner can keep a durable journal of
     * the revision ({@link RevisionJournal}). Failures are unchecked ({@link DivemapException}).
     */
    interface Journal {
        /** Hears nothing. */
        Journal NONE = new Journal() {};

        /** {@code statement} is about to run, and the database commits it, with whatever is open, by itself. */
        default void beforeImplicitCommit(String statement) {}

        /** {@code what} (a statement, or a description of work done) completed. */
        default void completed(String what) {}

        /** The operations are about to commit the open transaction. */
        default void beforeCommit() {}
    }

    /** Tells {@code journal} each statement that runs and each commit. */
    void journal(Journal journal) {
        log.journal = journal;
    }

    /** Sends the progress of batched updates to {@code sink} as well. */
    void onBatchProgress(java.util.function.Consumer<BatchUpdate.Progress> sink) {
        log.progress = sink;
    }

    /**
     * Makes every statement commit as it would with auto-commit on, while auto-commit is off: the
     * database commits its DDL by itself ({@link Dialect#commitsImplicitly}), and these operations
     * commit after any other statement. What the migration does through {@link #connection()} is
     * committed by the next DDL statement or by the runtime.
     */
    void commitEachStatement() {
        log.commitEach = true;
    }

    /** In commit-each mode, commits after {@code statement} (null: any data change) unless the database did. */
    private void settle(String statement) throws SQLException {
        if (log.commitEach && (statement == null || !dialect.commitsImplicitly(statement))
                && !connection.getAutoCommit()) {
            log.journal.beforeCommit();
            connection.commit();
        }
    }

    /** The checksum of everything this migration rendered: the same online and offline. */
    String checksum() {
        return java.util.HexFormat.of().formatHex(log.rendered.digest());
    }

    /** Operations on a live connection; with a null connection, they only record the SQL (offline). */
    JdbcOperations(Connection connection, Dialect dialect, NamingConvention names) {
        this(connection, dialect, names, OnlineDdl.DEFAULT, new Log());
    }

    private JdbcOperations(Connection connection, Dialect dialect, NamingConvention names, OnlineDdl online, Log log) {
        this.names = names;
        this.connection = connection;
        this.dialect = dialect;
        this.ddl = Ddl.of(dialect);
        this.online = online;
        this.log = log;
    }

    private void run(List<String> statements) {
        statements.forEach(this::execute);
    }

    /**
     * Runs one operation's statements and remembers how to undo it: {@code inverse} holds the
     * statements that revert it, or is null when they are not known. An operation that fails after
     * some of its statements ran is remembered as not undoable, with those statements.
     */
    private void run(String description, List<String> statements, List<String> inverse) {
        run(null, description, statements, inverse);
    }

    /** Like {@link #run(String, List, List)}, for an operation that changes the table {@code subject} names. */
    private void run(Subject subject, String description, List<String> statements, List<String> inverse) {
        List<String> ran = new ArrayList<>();
        boolean outer = !internal;
        internal = true;
        try {
            for (String statement : statements) {
                execute(statement);
                ran.add(statement);
            }
        } finally {
            if (outer) {
                internal = false;
            }
            if (!ran.isEmpty()) {
                boolean complete = ran.size() == statements.size();
                log.done.add(new Done(description, List.copyOf(ran), complete ? inverse : null, subject));
            }
        }
    }

    /**
     * An operation that ran, with the statements that undo it (null when unknown) and the table it
     * changed (null when not known, as for {@code execute}).
     */
    record Done(String description, List<String> statements, List<String> inverse, Subject subject) {
        Done(String description, List<String> statements, List<String> inverse) {
            this(description, statements, inverse, null);
        }

        Done describedAs(String text) {
            return new Done(text, statements, inverse, subject);
        }
    }

    /** The table an operation changed: one it created, or one it renamed to {@code renamedTo}. */
    record Subject(String table, boolean creates, String renamedTo) {
        static Subject of(String table) {
            return new Subject(table, false, null);
        }
    }

    /**
     * What undoing the operations of a failed migration achieved.
     *
     * @param undone the operations reverted, last first
     * @param kept the operations that could not be reverted, with the statements that ran for them
     */
    record UndoReport(List<Done> undone, List<Done> kept, String failure) {
        boolean complete() {
            return kept.isEmpty() && failure == null;
        }
    }

    /**
     * Reverts, last first, the operations that ran, where their inverse is known: what a database
     * that commits every DDL statement needs after a migration fails half-way. Stops at the first
     * operation it cannot revert, since the ones before it may depend on it.
     *
     * <p>When an inverse fails, the tables the migration created (since the last operation whose
     * inverse is unknown) are dropped ahead of their turn, with what was done to them since, and the
     * remaining inverses are tried again: an inverse can fail because of a table created after it
     * ran, as MariaDB will not drop an index that a foreign key of a newer table has come to need.
     */
    UndoReport undo() {
        List<Done> undone = new ArrayList<>();
        List<Done> remaining = new ArrayList<>(log.done);
        java.util.Collections.reverse(remaining);
        String failure = null;
        boolean droppedTables = false;
        while (!remaining.isEmpty() && remaining.get(0).inverse() != null) {
            Done operation = remaining.get(0);
            try (Statement statement = connection.createStatement()) {
                for (String sql : operation.inverse()) {
                    statement.execute(sql);
                    log.journal.completed("undone: " + sql);
                }
                undone.add(operation);
                remaining.remove(0);
            } catch (SQLException e) {
                List<Done> dropped = droppedTables ? List.of() : dropCreatedTables(remaining);
                droppedTables = true;
                if (dropped.isEmpty()) {
                    failure = "undoing " + operation.description() + " failed: " + e.getMessage();
                    break;
                }
                undone.addAll(dropped);
            }
        }
        return new UndoReport(undone, remaining, failure);
    }

    /** A table the failed migration created, under its current name, with the operations on it since. */
    private static final class Created {
        String name;
        final List<Done> operations = new ArrayList<>();

        Created(Done creation) {
            this.name = creation.subject().table();
            operations.add(creation);
        }
    }

    /**
     * Drops, newest first, the tables created by the operations in {@code remaining} (latest first)
     * before the first one whose inverse is unknown, and removes from it their creation and the
     * operations done to them since. A table another one still depends on is left for its turn.
     *
     * @return what was undone, latest first, described as undone with its table
     */
    private List<Done> dropCreatedTables(List<Done> remaining) {
        int window = 0;
        while (window < remaining.size() && remaining.get(window).inverse() != null) {
            window++;
        }
        List<Created> created = new ArrayList<>();
        java.util.Map<String, Created> byName = new java.util.HashMap<>();
        for (int i = window - 1; i >= 0; i--) { // in the order they ran
            Done operation = remaining.get(i);
            Subject subject = operation.subject();
            if (subject == null) {
                continue;
            }
            if (subject.creates()) {
                Created table = new Created(operation);
                created.add(table);
                byName.put(table.name, table);
                continue;
            }
            Created table = byName.get(subject.table());
            if (table != null) {
                table.operations.add(operation);
                if (subject.renamedTo() != null) {
                    byName.remove(table.name);
                    table.name = subject.renamedTo();
                    byName.put(table.name, table);
                }
            }
        }
        List<Done> undone = new ArrayList<>();
        for (int i = created.size() - 1; i >= 0; i--) {
            Created table = created.get(i);
            try (Statement statement = connection.createStatement()) {
                for (String sql : ddl.dropTable(table.name)) {
                    statement.execute(sql);
                }
            } catch (SQLException e) {
                continue; // a table created before it, say, has a foreign key to it
            }
            for (int j = table.operations.size() - 1; j >= 1; j--) {
                undone.add(table.operations.get(j).describedAs(table.operations.get(j).description()
                        + " (with table " + table.name + ")"));
            }
            undone.add(table.operations.get(0).describedAs(table.operations.get(0).description()
                    + " (dropped ahead of its turn" + (table.operations.size() > 1 ? ", with what followed on it" : "")
                    + ")"));
            table.operations.forEach(operation -> remaining.removeIf(other -> other == operation));
        }
        return undone;
    }

    /** The statements that completed, in order. */
    List<String> executed() {
        return List.copyOf(log.executed);
    }

    /** Whether part of the migration committed before its end (op.batchUpdate commits). */
    boolean committedEarly() {
        return log.committedEarly;
    }

    /** The statement that failed, or null. */
    String failedStatement() {
        return log.failed;
    }

    @Override
    public void execute(String sql) {
        if (!internal) {
            internal = true;
            try {
                run("execute", List.of(sql), null);
            } finally {
                internal = false;
            }
            return;
        }
        render(sql);
        if (connection == null) {
            log.executed.add(sql);
            return;
        }
        try (Statement statement = connection.createStatement()) {
            if (log.commitEach && dialect.commitsImplicitly(sql)) {
                log.journal.beforeImplicitCommit(sql);
            }
            statement.execute(sql);
            log.journal.completed(sql);
            settle(sql);
        } catch (SQLException e) {
            log.failed = sql;
            throw new StatementFailed(sql, e);
        }
        log.executed.add(sql);
    }

    @Override
    public void execute(String sql, Object... params) {
        String inline = ddl.inline(sql, params);
        render(inline);
        if (connection == null) {
            log.executed.add(inline);
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                dialect.bind(statement, i + 1, params[i]);
            }
            statement.execute();
            log.journal.completed(inline);
            settle(null);
        } catch (SQLException e) {
            log.failed = inline;
            throw new StatementFailed(inline, e);
        }
        log.executed.add(inline);
        // like execute(sql): it ran and cannot be undone, so a failure later lists it and stops the undo there
        log.done.add(new Done("execute", List.of(inline), null));
    }

    /** A statement of a migration failed; carries the statement for the report. */
    static final class StatementFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String statement;

        StatementFailed(String statement, SQLException cause) {
            super(cause.getMessage(), cause);
            this.statement = statement;
        }
    }

    @Override
    public Connection connection() {
        requireOnline("op.connection()");
        if (!log.connectionHandedOut) {
            log.connectionHandedOut = true;
            log.journal.completed("-- op.connection() handed out: what the migration does through it is known only"
                    + " as far as its commits show");
        }
        return connection;
    }

    private void requireOnline(String call) {
        if (connection == null) {
            throw new IllegalStateException(call + " needs a live database, so this migration cannot be rendered as"
                    + " an offline SQL script.");
        }
    }

    @Override
    public Database database() {
        return dialect.database();
    }

    @Override
    public boolean isOffline() {
        return connection == null;
    }

    @Override
    public NamingConvention namingConvention() {
        return names;
    }

    @Override
    public void createTable(Table table) {
        run(new Subject(table.name(), true, null), "createTable " + table.name(), ddl.createTable(table, names),
                ddl.dropTable(table.name()));
    }

    @Override
    public void dropTable(String table) {
        run(Subject.of(table), "dropTable " + table, ddl.dropTable(table), null);
    }

    @Override
    public void renameTable(String from, String to) {
        run(new Subject(from, false, to), "renameTable " + from + " to " + to, ddl.renameTable(from, to),
                ddl.renameTable(to, from));
    }

    @Override
    public void addColumn(String table, Column column) {
        run(Subject.of(table), "addColumn " + table + "." + column.name(), ddl.addColumn(table, column, online, names),
                ddl.dropColumn(table, column.name(), OnlineDdl.DEFAULT));
    }

    @Override
    public void dropColumn(String table, String column) {
        run(Subject.of(table), "dropColumn " + table + "." + column, ddl.dropColumn(table, column, online), null);
    }

    @Override
    public void alterColumn(String table, ColumnChange change) {
        ColumnChange inverse = change.inverse().orElse(null);
        run(Subject.of(table), "alterColumn " + table + "." + change.column(), ddl.alterColumn(table, change, online),
                inverse == null ? null : ddl.alterColumn(table, inverse, OnlineDdl.DEFAULT));
    }

    @Override
    public void createIndex(String table, Index index) {
        List<String> create = ddl.createIndex(table, index, names, online);
        run(Subject.of(table), "createIndex " + names.nameFor(table, index).orElse("") + " on " + table, create,
                ddl.dropIndex(table, names.nameFor(table, index).orElseThrow(), OnlineDdl.DEFAULT));
    }

    @Override
    public void dropIndex(String table, String name) {
        run(Subject.of(table), "dropIndex " + name + " on " + table, ddl.dropIndex(table, name, online), null);
    }

    @Override
    public void addConstraint(String table, Constraint constraint) {
        String name = names.nameFor(table, constraint).orElse(null);
        // MySQL gives a foreign key an index of the same name when no index serves its columns, and
        // DROP FOREIGN KEY leaves it: an undo that must restore the schema drops it too.
        boolean implicitIndex = name != null && connection != null && constraint.kind() == Constraint.Kind.FOREIGN_KEY
                && dialect.foreignKeyAddsIndex() && !schema().hasIndex(table, name);
        run(Subject.of(table), "addConstraint " + (name != null ? name : constraint.kind()) + " on " + table,
                ddl.addConstraint(table, constraint, names),
                name == null ? null : ddl.dropConstraint(table, name, constraint.kind()));
        if (implicitIndex && schema().hasIndex(table, name)) {
            Done added = log.done.remove(log.done.size() - 1);
            List<String> inverse = new ArrayList<>(added.inverse());
            inverse.addAll(ddl.dropIndex(table, name, OnlineDdl.DEFAULT));
            log.done.add(new Done(added.description(), added.statements(), List.copyOf(inverse), added.subject()));
        }
    }

    @Override
    public void dropConstraint(String table, String name, Constraint.Kind kind) {
        run(Subject.of(table), "dropConstraint " + name + " on " + table, ddl.dropConstraint(table, name, kind), null);
    }

    @Override
    public void bulkInsert(String table, List<String> columns, List<List<Object>> rows) {
        if (connection == null) {
            run(ddl.insertRows(table, columns, rows));
            return;
        }
        ddl.insertRows(table, columns, rows).forEach(this::render);
        String statement = new DataOperations(connection, dialect).bulkInsert(table, columns, rows);
        log.journal.completed(statement + " -- " + rows.size() + " rows");
        try {
            settle(null);
        } catch (SQLException e) {
            log.failed = statement + " -- commit of " + rows.size() + " rows";
            throw new StatementFailed(log.failed, e);
        }
        log.executed.add(statement + " -- " + rows.size() + " rows");
        log.done.add(new Done("bulkInsert of " + rows.size() + " rows into " + table, List.of(statement), null));
    }

    @Override
    public void batchUpdate(BatchUpdate spec) {
        requireOnline("op.batchUpdate(...)");
        render("-- batched update of " + spec.table() + " by " + spec.keyColumn());
        log.done.add(new Done("batchUpdate of " + spec.table(), List.of("-- committed batch by batch"), null));
        BatchUpdate.ProgressListener own = spec.progress();
        BatchUpdate reported = spec.progress(progress -> {
            own.onBatch(progress);
            log.progress.accept(progress);
        });
        log.committedEarly = true; // the migration's earlier work commits before the first batch
        new DataOperations(connection, dialect, work -> {
            if (work != null) {
                log.journal.completed(work);
            }
            log.journal.beforeCommit();
        }).batchUpdate(reported);
        log.executed.add("-- batched update of " + spec.table() + " by " + spec.keyColumn());
    }

    @Override
    public SchemaInspector schema() {
        requireOnline("op.schema()");
        return new JdbcSchemaInspector(connection, dialect, null);
    }

    @Override
    public Operations online(OnlineDdl options) {
        return new JdbcOperations(connection, dialect, names, options, log);
    }
}
