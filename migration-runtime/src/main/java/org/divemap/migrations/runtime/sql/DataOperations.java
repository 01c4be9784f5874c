package org.divemap.migrations.runtime.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.dialect.Dialect;

/**
 * The data-changing operations of a live migration: {@code bulkInsert} and {@code batchUpdate} of
 * {@link org.divemap.migrations.Operations}, on one connection. Names are quoted by the dialect where
 * they need it and values always bound as parameters; nothing is spliced into the SQL.
 *
 * <p><b>{@link #batchUpdate} commits.</b> It runs each batch in its own transaction and commits it,
 * and it first commits whatever the migration did on this connection before calling it, so that a
 * failing batch rolls back only itself. The connection's auto-commit setting is switched off for the
 * walk and restored afterwards. In consequence a migration that calls {@code batchUpdate} cannot run
 * inside one all-or-nothing transaction, not even on PostgreSQL, whose DDL is otherwise
 * transactional: the runtime must not wrap such a migration and its version-table update in one
 * transaction and expect to roll both back. If a batch fails, the batches before it stay committed,
 * so the action must be idempotent (for example {@code ... WHERE id BETWEEN ? AND ? AND depth_m IS
 * NULL}): the fix is to run the migration again, which walks the whole key range again.
 *
 * <p>{@link #bulkInsert} runs in the caller's transaction and never commits.
 */
public final class DataOperations {

    /** Rows sent to the database per {@code executeBatch}. */
    static final int INSERT_CHUNK = 1_000;

    private final Connection connection;
    private final Dialect dialect;
    private final CommitHook beforeCommit;

    /** Hears each commit of {@link #batchUpdate} that commits work, just before it. */
    @FunctionalInterface
    public interface CommitHook {
        /**
         * The transaction is about to commit {@code work}: a description of the batch, or null for
         * the work the migration did before the batched update.
         */
        void beforeCommit(String work);
    }

    public DataOperations(Connection connection, Dialect dialect) {
        this(connection, dialect, work -> { });
    }

    /** Data operations that tell {@code beforeCommit} about each commit of work before making it. */
    public DataOperations(Connection connection, Dialect dialect, CommitHook beforeCommit) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.beforeCommit = Objects.requireNonNull(beforeCommit, "beforeCommit");
    }

    // ---------------------------------------------------------------- bulk insert

    /**
     * Inserts {@code rows} with one parameterised {@code INSERT}, sent with {@code addBatch} and
     * {@code executeBatch} in chunks of {@value #INSERT_CHUNK} rows, in the caller's transaction.
     * Every row is checked before anything is sent, so a malformed row inserts nothing.
     *
     * @return the statement used, for reports: {@code INSERT INTO "t" ("a", "b") VALUES (?, ?)}
     * @throws IllegalArgumentException if no column is given, a column is repeated, or a row is null or
     *     has a number of values other than {@code columns.size()} (the message names the row index)
     * @throws DivemapException {@code MIGRATION_FAILED} if the database rejects a chunk, naming its rows
     */
    public String bulkInsert(String table, List<String> columns, List<List<Object>> rows) {
        requireName(table, "bulk insert table");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(rows, "rows");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("the insert into " + table + " names no column; give at least one");
        }
        Set<String> seen = new HashSet<>();
        StringJoiner names = new StringJoiner(", ", " (", ")");
        StringJoiner marks = new StringJoiner(", ", " VALUES (", ")");
        for (String column : columns) {
            requireName(column, "column of the insert into " + table);
            if (!seen.add(column)) {
                throw new IllegalArgumentException("the insert into " + table + " names column " + column
                        + " twice: " + columns);
            }
            names.add(dialect.quote(column));
            marks.add("?");
        }
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = rows.get(i);
            if (row == null) {
                throw new IllegalArgumentException("row " + i + " of the insert into " + table
                        + " is null; give a list of values, with null for NULL");
            }
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + i + " of the insert into " + table + " has " + row.size()
                        + " values but there are " + columns.size() + " columns " + columns
                        + "; give one value per column, with null for NULL");
            }
        }
        String sql = "INSERT INTO " + dialect.quote(table) + names + marks;
        if (rows.isEmpty()) {
            return sql;
        }
        int chunkStart = 0;
        SqlLog.batch(sql, rows.size(), columns.size());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < rows.size(); i++) {
                List<Object> row = rows.get(i);
                for (int c = 0; c < row.size(); c++) {
                    dialect.bind(statement, c + 1, row.get(c));
                }
                statement.addBatch();
                if ((i + 1) % INSERT_CHUNK == 0 || i == rows.size() - 1) {
                    statement.executeBatch();
                    chunkStart = i + 1;
                }
            }
        } catch (SQLException e) {
            int chunkEnd = Math.min(chunkStart + INSERT_CHUNK, rows.size()) - 1;
            throw new DivemapException(DivemapException.Kind.MIGRATION_FAILED,
                    "Bulk insert into " + table + " failed in rows " + chunkStart + " to " + chunkEnd + " of "
                            + rows.size() + ": " + describe(e) + ". Statement: " + sql + ". Rows before " + chunkStart
                            + " were sent in this transaction; the runtime's handling of the failed migration decides"
                            + " whether they are rolled back. Fix the rows or the table and run the migration again.",
                    e);
        }
        return sql;
    }

    // ---------------------------------------------------------------- batch update

    /**
     * Runs {@code spec}: reads {@code MIN} and {@code MAX} of the key once, then walks
     * {@code [from, to]} ranges of {@code batchSize} keys (the last one ending at the maximum),
     * calling the action for each, committing after it and telling the listener. After each batch
     * the next range starts at the next existing key, found with {@code SELECT MIN(key) ... WHERE key
     * > ?}, so gaps in the keys cost one query. An empty table runs no batch.
     *
     * <p>Commits the migration's earlier work on this connection first; see the class comment.
     *
     * @throws DivemapException {@code MIGRATION_FAILED} if the action or the database fails, naming the
     *     batch, its key range and the batches committed before it; the failing batch is rolled back
     */
    public void batchUpdate(BatchUpdate spec) {
        Objects.requireNonNull(spec, "batch update");
        new Walk(spec).run();
    }

    /** One run of a {@link BatchUpdate}: its position and counts, for progress and for errors. */
    private final class Walk {
        private final BatchUpdate spec;
        private final String table;
        private final String key;
        private int committed;
        private long committedFrom;
        private long committedTo;
        private long rowsSoFar;

        Walk(BatchUpdate spec) {
            this.spec = spec;
            this.table = dialect.quote(spec.table());
            this.key = dialect.quote(spec.keyColumn());
        }

        void run() {
            boolean autoCommit = readAutoCommit();
            RuntimeException failure = null;
            try {
                if (autoCommit) {
                    connection.setAutoCommit(false);
                } else {
                    beforeCommit.beforeCommit(null);
                    connection.commit(); // the migration's earlier work must not roll back with batch 1
                }
                walk();
            } catch (SQLException e) {
                rollbackQuietly(e);
                failure = failed(null, e);
            } catch (RuntimeException e) {
                rollbackQuietly(e); // a failed batch has rolled back already; this ends any read left open
                failure = e;
            } finally {
                if (autoCommit) {
                    try {
                        connection.setAutoCommit(true); // nothing is open here: every batch committed or rolled back
                    } catch (SQLException e) {
                        DivemapException restore = new DivemapException(DivemapException.Kind.DATABASE,
                                "Could not switch auto-commit back on after the batch update of " + spec.table() + ": "
                                        + e.getMessage() + ". The connection should be discarded.",
                                e);
                        if (failure == null) {
                            failure = restore;
                        } else {
                            failure.addSuppressed(restore);
                        }
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        private boolean readAutoCommit() {
            try {
                return connection.getAutoCommit();
            } catch (SQLException e) {
                throw new DivemapException(DivemapException.Kind.DATABASE,
                        "Could not read the connection's auto-commit setting before the batch update of "
                                + spec.table() + ": " + e.getMessage() + ". Check that the connection is open.",
                        e);
            }
        }

        private void walk() throws SQLException {
            Long min;
            Long max;
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT MIN(" + key + "), MAX(" + key + ") FROM " + table);
                    ResultSet rs = statement.executeQuery()) {
                rs.next();
                min = keyValue(rs.getObject(1));
                max = keyValue(rs.getObject(2));
            }
            connection.commit(); // end the read, so the first batch does not start on an old snapshot
            if (min == null || max == null) {
                return;
            }
            String nextKey = "SELECT MIN(" + key + ") FROM " + table + " WHERE " + key + " > ?";
            long started = System.nanoTime();
            long from = min;
            for (int number = 1; ; number++) {
                long to = Math.min(max, from > Long.MAX_VALUE - (spec.batchSize() - 1) ? Long.MAX_VALUE
                        : from + spec.batchSize() - 1);
                long rows = runBatch(number, from, to);
                committed = number;
                committedFrom = committed == 1 ? from : committedFrom;
                committedTo = to;
                rowsSoFar += rows;
                spec.progress().onBatch(new BatchUpdate.Progress(spec.table(), number, from, to, min, max, rows,
                        rowsSoFar, Duration.ofNanos(System.nanoTime() - started)));
                if (to >= max) {
                    return;
                }
                Long next;
                try (PreparedStatement statement = connection.prepareStatement(nextKey)) {
                    statement.setLong(1, to);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        next = keyValue(rs.getObject(1));
                    }
                } catch (SQLException e) {
                    rollbackQuietly(e);
                    throw failed(null, e);
                }
                if (next == null || next > max) {
                    connection.commit();
                    return;
                }
                from = next;
            }
        }

        /** Runs and commits one batch; returns its row count. Rolls back and throws on failure. */
        private long runBatch(int number, long from, long to) {
            JdbcBatch batch = new JdbcBatch(number, from, to);
            try {
                spec.action().apply(batch);
                batch.close();
                long rows = batch.counted ? batch.rows : countRows(from, to);
                beforeCommit.beforeCommit("batch " + number + " of the batched update of " + spec.table() + " (keys "
                        + from + " to " + to + ", " + rows + " rows)");
                connection.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                batch.close();
                rollbackQuietly(e);
                throw failed(batch, e);
            } catch (Error e) {
                batch.close();
                rollbackQuietly(e);
                throw e;
            }
        }

        private long countRows(long from, long to) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT COUNT(*) FROM " + table + " WHERE " + key + " BETWEEN ? AND ?")) {
                statement.setLong(1, from);
                statement.setLong(2, to);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private void rollbackQuietly(Throwable cause) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }

        /** The error for a failure in {@code batch}, or outside any batch when it is null. */
        private DivemapException failed(JdbcBatch batch, Exception cause) {
            String where = batch == null
                    ? "The batch update of table " + spec.table() + " (key " + spec.keyColumn() + ") failed"
                            + (committed == 0 ? " before its first batch" : " after batch " + committed)
                    : "Batch " + batch.number + " (keys " + batch.from + " to " + batch.to + ") of the batch update of"
                            + " table " + spec.table() + " (key " + spec.keyColumn() + ") failed";
            String kept = committed == 0
                    ? "No batch had been committed"
                    : committed + (committed == 1 ? " batch" : " batches") + " had been committed before "
                            + (batch == null ? "the failure" : "it") + " and stay"
                            + " committed (batches 1 to " + committed + ", keys " + committedFrom + " to "
                            + committedTo + ", " + rowsSoFar + " rows)";
            String undone = batch == null ? "" : "; batch " + batch.number + " was rolled back";
            return new DivemapException(DivemapException.Kind.MIGRATION_FAILED,
                    where + ": " + describe(cause) + ". " + kept + undone + ". Fix the cause and run the migration"
                            + " again; the action must be idempotent, since the walk starts again from the first key.",
                    cause);
        }

        /** A key read from the database, or null for SQL NULL. */
        private Long keyValue(Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            try {
                if (value instanceof BigInteger big) {
                    return big.longValueExact();
                }
                if (value instanceof BigDecimal decimal) {
                    return decimal.longValueExact();
                }
            } catch (ArithmeticException e) {
                // not a long: reported below
            }
            throw new DivemapException(DivemapException.Kind.MIGRATION_FAILED,
                    "The batch update of table " + spec.table() + " is keyed by column " + spec.keyColumn()
                            + ", but its values are not integers that fit a Java long (found "
                            + value.getClass().getSimpleName() + " " + value + "). Key the batches by an integer"
                            + " column with unique values, usually the primary key.");
        }
    }

    /** The {@link BatchUpdate.Batch} given to the action; usable only while the action runs. */
    private final class JdbcBatch implements BatchUpdate.Batch {
        final int number;
        final long from;
        final long to;
        boolean counted;
        long rows;
        private boolean closed;

        JdbcBatch(int number, long from, long to) {
            this.number = number;
            this.from = from;
            this.to = to;
        }

        @Override
        public int number() {
            return number;
        }

        @Override
        public long from() {
            return from;
        }

        @Override
        public long to() {
            return to;
        }

        @Override
        public int execute(String sql, Object... params) throws SQLException {
            open();
            Objects.requireNonNull(sql, "sql");
            Object[] values = params == null ? new Object[] {null} : params;
            SqlLog.statement(sql, values.length);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    dialect.bind(statement, i + 1, values[i]);
                }
                int count = statement.executeUpdate();
                counted = true;
                rows += Math.max(count, 0);
                return count;
            }
        }

        @Override
        public Connection connection() {
            open();
            return connection;
        }

        void close() {
            closed = true;
        }

        private void open() {
            if (closed) {
                throw new IllegalStateException("batch " + number + " of the batch update is over; use a batch only"
                        + " inside the action it was passed to");
            }
        }
    }

    // ---------------------------------------------------------------- shared

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    /** The cause's message, with the database's own error where the driver hides it behind a batch error. */
    private static String describe(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        if (cause instanceof BatchUpdateException batch && batch.getNextException() != null
                && batch.getNextException().getMessage() != null
                && !message.contains(batch.getNextException().getMessage())) {
            message += " (" + batch.getNextException().getMessage() + ")";
        }
        return message;
    }
}
