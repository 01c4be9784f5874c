package org.divemap.migrations.runtime.sql;

import java.sql.Connection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.NamingConvention;
import org.divemap.migrations.OnlineDdl;
import org.divemap.migrations.RowMapper;
import org.divemap.migrations.SchemaInspector;
import org.divemap.migrations.runtime.dialect.Dialect;

/**
 * The operations a migration runs on a live connection: each call is rendered and run at once.
 * Every statement sent is remembered, so a failure can say which statement failed and which ran
 * before it, and {@link #undo()} can revert what a database that commits each DDL statement kept.
 */
public final class LiveOperations extends RenderedOperations {

    private final Connection connection;
    private final State state;

    /** What only a live run keeps, shared by the views {@link #online} returns. */
    private static final class State extends Log {
        /** Whether op.batchUpdate committed, so that a rollback no longer undoes everything. */
        boolean committedEarly;
        /** Auto-commit is off on a database whose DDL commits itself: commit after every other statement. */
        boolean commitEach;
        /** Where batch progress goes besides the migration's own listener. */
        Consumer<BatchUpdate.Progress> progress = p -> { };
        /** Hears each statement and each commit, for the revision's journal. */
        Journal journal = Journal.NONE;
        /** Whether op.connection() was handed out, which the journal notes once. */
        boolean connectionHandedOut;
        /** What op.connection() hands out: the connection, guarding its transaction. */
        Connection guarded;
    }

    /**
     * Hears what a live migration runs and commits, so that the runner can keep a durable journal of
     * the revision. Failures are unchecked.
     */
    public interface Journal {
        /** Hears nothing. */
        Journal NONE = new Journal() {};

        /** {@code statement} is about to run, and the database commits it, with whatever is open, by itself. */
        default void beforeImplicitCommit(String statement) {}

        /**
         * Work that does not commit by itself is about to run: a statement the database does not commit
         * implicitly, a read, a data change, or the connection handed to the migration. What the run
         * left to ride the next implicit commit must be committed first.
         */
        default void beforeWork() {}

        /** {@code what} (a statement, or a description of work done) completed. */
        default void completed(String what) {}

        /** The operations are about to commit the open transaction. */
        default void beforeCommit() {}
    }

    /**
     * What undoing the operations of a failed migration achieved.
     *
     * @param undone the operations reverted, last first
     * @param kept the operations that could not be reverted, with the statements that ran for them
     */
    public record UndoReport(List<Done> undone, List<Done> kept, String failure) {
        public boolean complete() {
            return kept.isEmpty() && failure == null;
        }
    }

    public LiveOperations(Connection connection, Dialect dialect, NamingConvention names) {
        this(connection, dialect, names, OnlineDdl.DEFAULT, new State());
    }

    private LiveOperations(Connection connection, Dialect dialect, NamingConvention names, OnlineDdl online,
            State state) {
        super(dialect, names, online, state);
        this.connection = connection;
        this.state = state;
    }

    @Override
    RenderedOperations withOnline(OnlineDdl options) {
        return new LiveOperations(connection, dialect, names, options, state);
    }

    /** Tells {@code journal} each statement that runs and each commit. */
    public void journal(Journal journal) {
        state.journal = journal;
    }

    /** Sends the progress of batched updates to {@code sink} as well. */
    public void onBatchProgress(Consumer<BatchUpdate.Progress> sink) {
        state.progress = sink;
    }

    /**
     * Makes every statement commit as it would with auto-commit on, while auto-commit is off: the
     * database commits its DDL by itself ({@link Dialect#commitsImplicitly}), and these operations
     * commit after any other statement. What the migration does through {@link #connection()} is
     * committed by the next DDL statement or by the runtime.
     */
    public void commitEachStatement() {
        state.commitEach = true;
    }

    /** Whether part of the migration committed before its end (op.batchUpdate commits). */
    public boolean committedEarly() {
        return state.committedEarly;
    }

    /** In commit-each mode, commits after a statement unless the database committed it by itself. */
    private void settle(boolean committedItself) throws SQLException {
        if (state.commitEach && !committedItself && !connection.getAutoCommit()) {
            state.journal.beforeCommit();
            connection.commit();
        }
    }

    @Override
    void send(String sql) {
        try (Statement statement = connection.createStatement()) {
            boolean commitsItself = state.commitEach && dialect.commitsImplicitly(sql);
            if (commitsItself) {
                state.journal.beforeImplicitCommit(sql);
            } else {
                state.journal.beforeWork();
            }
            SqlLog.statement(sql);
            statement.execute(sql);
            state.journal.completed(sql);
            settle(commitsItself);
        } catch (SQLException e) {
            log.failed = sql;
            throw new StatementFailed(sql, e);
        }
    }

    @Override
    void send(String sql, String inline, Object[] params) {
        state.journal.beforeWork();
        try (PreparedStatement statement = prepare(sql, params)) {
            statement.execute();
            state.journal.completed(inline);
            settle(false);
        } catch (SQLException e) {
            log.failed = inline;
            throw new StatementFailed(inline, e);
        }
    }

    @Override
    void sendCommit() {
        state.journal.beforeWork();
        try {
            state.journal.completed("-- op.commit()");
            if (!connection.getAutoCommit()) {
                state.journal.beforeCommit(); // on PostgreSQL, marks the revision as started in this very commit
                connection.commit();
                state.committedEarly = true;
            }
        } catch (SQLException e) {
            log.failed = "COMMIT";
            throw new StatementFailed("COMMIT", e);
        }
    }

    @Override
    public boolean isOffline() {
        return false;
    }

    /**
     * The connection, wrapped so that {@code commit()} on it does what {@link #commit()} does, and
     * what would break the run ({@code rollback()}, {@code close()}, switching auto-commit) is refused
     * with a message that says what to do instead.
     */
    @Override
    public Connection connection() {
        state.journal.beforeWork();
        if (!state.connectionHandedOut) {
            state.connectionHandedOut = true;
            state.journal.completed("-- op.connection() handed out: what the migration does through it is known only"
                    + " as far as its commits show");
            // nothing tells what is done through it, nor how to undo it: an undo stops here, and a failure
            // after it leaves the revision marked rather than claiming that nothing stayed
            log.done.add(new Done("work through op.connection()", List.of("-- whatever the migration did through"
                    + " op.connection() (use op.update, op.query... to let Divemap see it)"), null));
        }
        if (state.guarded == null) {
            state.guarded = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "commit" -> {
                                commit();
                                return null;
                            }
                            case "rollback", "setAutoCommit", "close", "abort", "setSavepoint", "releaseSavepoint" ->
                                throw new IllegalStateException("op.connection()." + method.getName() + "(...) is"
                                        + " not allowed in a migration: the runtime owns the connection's transaction."
                                        + " Use op.commit() to commit the work so far; throw an exception to fail the"
                                        + " migration, and the runtime rolls back or undoes what it can.");
                            case "unwrap" -> {
                                if (args[0] == Connection.class) {
                                    return proxy;
                                }
                            }
                            default -> { }
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
        return state.guarded;
    }

    // ---------------------------------------------------------------- reading and counting

    @Override
    public int update(String sql, Object... params) {
        String inline = ddl.inline(sql, params);
        state.journal.beforeWork();
        try (PreparedStatement statement = prepare(sql, params)) {
            int count = statement.executeUpdate();
            state.journal.completed(inline);
            settle(false);
            log.executed.add(inline);
            log.done.add(new Done("update", List.of(inline), null));
            return count;
        } catch (SQLException e) {
            log.failed = inline;
            throw new StatementFailed(inline, e);
        }
    }

    @Override
    public Object insertReturningKey(String sql, String keyColumn, Object... params) {
        String inline = ddl.inline(sql, params);
        state.journal.beforeWork();
        SqlLog.statement(sql, params.length);
        try (PreparedStatement statement = connection.prepareStatement(sql, new String[] {keyColumn})) {
            bindAll(statement, params);
            statement.executeUpdate();
            Object key;
            try (ResultSet keys = statement.getGeneratedKeys()) {
                key = keys.next() ? keys.getObject(1) : null;
            }
            state.journal.completed(inline);
            settle(false);
            log.executed.add(inline);
            log.done.add(new Done("insert", List.of(inline), null));
            if (key == null) {
                throw new IllegalStateException("The database generated no key for column " + keyColumn + " of: "
                        + inline + ". Name a column the database fills itself (auto-increment, identity, serial).");
            }
            return key instanceof Number number && !(key instanceof Double || key instanceof Float)
                    && new java.math.BigDecimal(number.toString()).scale() <= 0 ? (Object) number.longValue() : key;
        } catch (SQLException e) {
            log.failed = inline;
            throw new StatementFailed(inline, e);
        }
    }

    @Override
    public List<Map<String, Object>> queryForList(String sql, Object... params) {
        return query(sql, LiveOperations::row, params);
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.put(meta.getColumnLabel(c), rs.getObject(c));
        }
        return row;
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Stream<T> rows = queryForStream(sql, mapper, params)) {
            return rows.collect(java.util.stream.Collectors.toList());
        }
    }

    @Override
    public <T> T queryForObject(String sql, Class<T> type, Object... params) {
        String inline = ddl.inline(sql, params);
        List<Object> values = query(sql, row -> {
            if (row.getMetaData().getColumnCount() != 1) {
                throw new IllegalStateException("op.queryForObject needs a query of one column, but " + inline
                        + " returns " + row.getMetaData().getColumnCount() + ". Use op.queryForList instead.");
            }
            return row.getObject(1, type);
        }, params);
        if (values.size() != 1) {
            throw new IllegalStateException("op.queryForObject needs exactly one row, but " + inline + " returned "
                    + values.size() + ". Use op.queryForList to read any number of rows.");
        }
        return type.cast(values.get(0));
    }

    @Override
    public <T> Stream<T> queryForStream(String sql, RowMapper<T> mapper, Object... params) {
        String inline = ddl.inline(sql, params);
        PreparedStatement statement = null;
        ResultSet rows;
        state.journal.beforeWork();
        try {
            statement = prepare(sql, params);
            rows = statement.executeQuery();
        } catch (SQLException e) {
            closeQuietly(statement, e);
            log.failed = inline;
            throw new StatementFailed(inline, e);
        }
        PreparedStatement open = statement;
        Spliterator<T> spliterator = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                try {
                    if (!rows.next()) {
                        return false;
                    }
                    action.accept(mapper.map(rows));
                    return true;
                } catch (SQLException e) {
                    log.failed = inline;
                    throw new StatementFailed(inline, e);
                }
            }
        };
        return StreamSupport.stream(spliterator, false).onClose(() -> {
            try (open; rows) {
                settle(false); // ends the read, as auto-commit would, where the run keeps auto-commit off
            } catch (SQLException e) {
                throw new StatementFailed(inline, e);
            }
        });
    }

    private PreparedStatement prepare(String sql, Object[] params) throws SQLException {
        SqlLog.statement(sql, params.length);
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bindAll(statement, params);
            return statement;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(statement, e);
            throw e;
        }
    }

    private void bindAll(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            dialect.bind(statement, i + 1, params[i]);
        }
    }

    private static void closeQuietly(Statement statement, Throwable failure) {
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    @Override
    public SchemaInspector schema() {
        return new JdbcSchemaInspector(connection, dialect, null);
    }

    @Override
    public void addConstraint(String table, Constraint constraint) {
        String name = names.nameFor(table, constraint).orElse(null);
        if (name == null) {
            addServerNamed(table, constraint);
            return;
        }
        // MySQL gives a foreign key an index of the same name when no index serves its columns, and
        // DROP FOREIGN KEY leaves it: an undo that must restore the schema drops it too.
        boolean implicitIndex = name != null && constraint.kind() == Constraint.Kind.FOREIGN_KEY
                && dialect.foreignKeyAddsIndex() && !schema().hasIndex(table, name);
        super.addConstraint(table, constraint);
        if (implicitIndex && schema().hasIndex(table, name)) {
            Done added = log.done.remove(log.done.size() - 1);
            List<String> inverse = new ArrayList<>(added.inverse());
            inverse.addAll(ddl.dropIndex(table, name, OnlineDdl.DEFAULT));
            log.done.add(new Done(added.description(), added.statements(), List.copyOf(inverse), added.subject()));
        }
    }

    /**
     * Adds a constraint the database names, then reads the name it gave (the one constraint of that
     * kind that was not there before), so that a failed migration can still drop it: with the index
     * MySQL created for a foreign key, which {@code DROP FOREIGN KEY} leaves. If the name cannot be
     * told, the constraint stays as an operation that cannot be undone.
     */
    private void addServerNamed(String table, Constraint constraint) {
        Constraint.Kind kind = constraint.kind();
        boolean implicitIndex = kind == Constraint.Kind.FOREIGN_KEY && dialect.foreignKeyAddsIndex();
        java.util.Set<String> before = constraintNames(table, kind);
        java.util.Set<String> indexesBefore = implicitIndex ? indexNames(table) : java.util.Set.of();
        super.addConstraint(table, constraint);
        java.util.Set<String> added = constraintNames(table, kind);
        added.removeAll(before);
        if (added.size() != 1) {
            return;
        }
        String given = added.iterator().next();
        List<String> inverse = new ArrayList<>(ddl.dropConstraint(table, given, kind));
        if (implicitIndex) {
            java.util.Set<String> indexes = indexNames(table);
            indexes.removeAll(indexesBefore);
            indexes.forEach(index -> inverse.addAll(ddl.dropIndex(table, index, OnlineDdl.DEFAULT)));
        }
        Done done = log.done.remove(log.done.size() - 1);
        log.done.add(new Done("addConstraint " + given + " (named by the database) on " + table, done.statements(),
                List.copyOf(inverse), done.subject()));
    }

    /** The names of the constraints of one kind on {@code table}, as the database gave them. */
    private java.util.Set<String> constraintNames(String table, Constraint.Kind kind) {
        SchemaInspector schema = schema();
        java.util.Set<String> result = new java.util.TreeSet<>();
        switch (kind) {
            case FOREIGN_KEY -> schema.foreignKeys(table).forEach(k -> result.add(k.name()));
            case UNIQUE -> schema.uniqueConstraints(table).forEach(u -> result.add(u.name()));
            case CHECK -> schema.checkConstraints(table).forEach(c -> result.add(c.name()));
            case PRIMARY_KEY -> schema.primaryKey(table).ifPresent(k -> result.add(k.name()));
        }
        return result;
    }

    private java.util.Set<String> indexNames(String table) {
        java.util.Set<String> result = new java.util.TreeSet<>();
        schema().indexes(table).forEach(i -> result.add(i.name()));
        return result;
    }

    @Override
    public void bulkInsert(String table, List<String> columns, List<List<Object>> rows) {
        ddl.insertRows(table, columns, rows).forEach(this::render);
        state.journal.beforeWork();
        String statement = new DataOperations(connection, dialect).bulkInsert(table, columns, rows);
        state.journal.completed(statement + " -- " + rows.size() + " rows");
        try {
            settle(false);
        } catch (SQLException e) {
            log.failed = statement + " -- commit of " + rows.size() + " rows";
            throw new StatementFailed(log.failed, e);
        }
        log.executed.add(statement + " -- " + rows.size() + " rows");
        log.done.add(new Done("bulkInsert of " + rows.size() + " rows into " + table, List.of(statement), null));
    }

    @Override
    public void batchUpdate(BatchUpdate spec) {
        render("-- batched update of " + spec.table() + " by " + spec.keyColumn());
        log.done.add(new Done("batchUpdate of " + spec.table(), List.of("-- committed batch by batch"), null));
        BatchUpdate.ProgressListener own = spec.progress();
        BatchUpdate reported = spec.progress(progress -> {
            own.onBatch(progress);
            state.progress.accept(progress);
        });
        state.committedEarly = true; // the migration's earlier work commits before the first batch
        state.journal.beforeWork();
        new DataOperations(connection, dialect, work -> {
            if (work != null) {
                state.journal.completed(work);
            }
            state.journal.beforeCommit();
        }).batchUpdate(reported);
        log.executed.add("-- batched update of " + spec.table() + " by " + spec.keyColumn());
    }

    // ---------------------------------------------------------------- undo

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
    public UndoReport undo() {
        List<Done> undone = new ArrayList<>();
        List<Done> remaining = new ArrayList<>(log.done);
        Collections.reverse(remaining);
        String failure = null;
        boolean droppedTables = false;
        while (!remaining.isEmpty() && remaining.get(0).inverse() != null) {
            Done operation = remaining.get(0);
            try (Statement statement = connection.createStatement()) {
                for (String sql : operation.inverse()) {
                    SqlLog.statement(sql);
                    statement.execute(sql);
                    state.journal.completed("undone: " + sql);
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
        Map<String, Created> byName = new HashMap<>();
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
}
