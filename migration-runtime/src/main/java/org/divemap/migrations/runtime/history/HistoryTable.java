package org.divemap.migrations.runtime.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.dialect.Dialect;

/**
 * The table with one row per revision applied, reverted or stamped: {@link HistoryEntry}'s fields,
 * numbered by an identity column. Methods run on the connection they are given, inside whatever
 * transaction it has open; failures are {@link DivemapException}s of kind {@code DATABASE}.
 */
public final class HistoryTable {

    /** The table's default name. */
    public static final String DEFAULT_NAME = "divemap_history";

    /** Longer errors are cut to this many characters, which fit MySQL's TEXT in any character set. */
    static final int MAX_ERROR = 16_000;

    private static final int MAX_NAME = 255;

    private static final String[] COLUMNS = {"revision", "direction", "started_at", "duration_ms", "success",
        "os_user", "host", "checksum", "error"};

    private final Dialect dialect;
    private final String schema;
    private final String name;
    private final TableLookup lookup;

    /**
     * @param schema the schema (database on MySQL) holding the table, or null for the connection's current one
     * @param name the table's name, for example {@value #DEFAULT_NAME}
     */
    public HistoryTable(Dialect dialect, String schema, String name) {
        this(dialect, schema, name, null);
    }

    /**
     * As {@link #HistoryTable(Dialect, String, String)}, looking the table up in the catalog through
     * {@code lookup}, which the command shares with its version table (null: a lookup of its own).
     */
    public HistoryTable(Dialect dialect, String schema, String name, TableLookup lookup) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.schema = schema;
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("history table name must not be blank");
        }
        this.name = name;
        this.lookup = lookup != null ? lookup : new TableLookup(dialect, schema, name);
        this.lookup.want(name, SOURCE_CHECKSUM);
    }

    /** The table's name as configured. */
    public String name() {
        return name;
    }

    /** Whether the table exists. */
    public boolean exists(Connection connection) {
        return stored(connection).isPresent();
    }

    /** The column added after the first release of the table: {@link HistoryEntry#sourceChecksum()}. */
    private static final String SOURCE_CHECKSUM = "source_checksum";

    /**
     * Creates the table unless it exists; a table created before the source checksum was recorded
     * gets its column.
     */
    public void create(Connection connection) {
        if (exists(connection)) {
            if (!hasSourceColumn(connection)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ALTER TABLE " + table(connection) + " ADD " + q(SOURCE_CHECKSUM)
                            + " VARCHAR(64)");
                    hasSource = true;
                } catch (SQLException e) {
                    throw failure("add the column " + SOURCE_CHECKSUM + " to", e);
                }
            }
            return;
        }
        String sql = "CREATE TABLE IF NOT EXISTS " + dialect.qualify(schema, name) + " ("
                + dialect.identityColumn("id") + ", "
                + q("revision") + " VARCHAR(" + MAX_NAME + ") NOT NULL, "
                + q("direction") + " VARCHAR(5) NOT NULL, "
                + q("started_at") + " " + dialect.timestampType() + " NOT NULL, "
                + q("duration_ms") + " BIGINT NOT NULL, "
                + q("success") + " BOOLEAN NOT NULL, "
                + q("os_user") + " VARCHAR(" + MAX_NAME + "), "
                + q("host") + " VARCHAR(" + MAX_NAME + "), "
                + q("checksum") + " VARCHAR(64), "
                + q("error") + " " + dialect.textType() + ", "
                + q(SOURCE_CHECKSUM) + " VARCHAR(64))";
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            hasSource = true;
        } catch (SQLException e) {
            looked = false;
            lookup.forget();
            if (!exists(connection)) { // not a concurrent create of the same table
                throw failure("create", e);
            }
            return;
        }
        // the lookup before found no table of this name in any case, so the one there now is ours: writing
        // to it asks the catalog nothing
        try {
            known = dialect.storedName(connection, name);
            looked = true;
            lookup.created(name, known);
        } catch (SQLException e) {
            looked = false; // looked up when next needed
        }
    }

    /** Adds {@code entry} as the newest row (its {@code id} is ignored; the database numbers rows). */
    public void record(Connection connection, HistoryEntry entry) {
        boolean source = hasSourceColumn(connection);
        try {
            PreparedStatement statement = recordRow.on(connection, dialect, () -> insertSql(connection));
            bind(statement, 0, entry, source);
            statement.executeUpdate();
        } catch (SQLException e) {
            recordRow.close();
            throw failure("record " + entry.direction() + " " + entry.revision() + " in", e);
        }
    }

    private String insertSql(Connection connection) {
        return "INSERT INTO " + table(connection) + " (" + columnList(connection) + ") VALUES (" + marks(connection)
                + ")";
    }

    /** Rows per {@code INSERT} of {@link #recordAll}. */
    private static final int ROWS_PER_INSERT = 100;

    /**
     * Adds {@code entries} as the newest rows, in order, with one multi-row {@code INSERT} per
     * {@value #ROWS_PER_INSERT} entries: one round trip for a batch of recorded revisions.
     */
    public void recordAll(Connection connection, List<HistoryEntry> entries) {
        for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
            List<HistoryEntry> chunk = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(table(connection)).append(" (")
                    .append(columnList(connection)).append(") VALUES ");
            for (int row = 0; row < chunk.size(); row++) {
                sql.append(row == 0 ? "" : ", ").append('(').append(marks(connection)).append(')');
            }
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                int p = 0;
                for (HistoryEntry entry : chunk) {
                    p = bind(statement, p, entry, hasSourceColumn(connection));
                }
                statement.executeUpdate();
            } catch (SQLException e) {
                HistoryEntry first = chunk.get(0);
                throw failure("record " + first.direction() + " " + first.revision()
                        + (chunk.size() > 1 ? " and " + (chunk.size() - 1) + " more in" : " in"), e);
            }
        }
    }

    /**
     * The error of the rows that stand for revisions a run applies but has not recorded yet, when it
     * records revisions in batches ({@code recordEvery}). The run replaces them when it records the
     * batch; a row left with this error means the run stopped in between.
     */
    public static final String UNRECORDED = "not recorded yet: applied in a batch (recordEvery) that the run had"
            + " not recorded; if this row stays, the run stopped before recording it";

    /**
     * Adds {@code entry} as the newest row and returns its number: how a run marks a revision as
     * started ({@link HistoryEntry.State#RUNNING}) so that it can rewrite the row when it ends.
     */
    public long insert(Connection connection, HistoryEntry entry) {
        boolean source = hasSourceColumn(connection);
        try {
            PreparedStatement statement = insertMark.on(connection, dialect, () -> insertSql(connection));
            bind(statement, 0, entry, source);
            statement.executeUpdate();
            return generatedKey(statement);
        } catch (SQLException e) {
            insertMark.close();
            throw failure("mark " + entry.direction() + " " + entry.revision() + " as started in", e);
        }
    }

    /**
     * Replaces what row {@code id} says of its revision (start, duration, outcome, checksum and
     * error) with {@code entry}'s; its revision, direction, user and host stay.
     */
    public void rewrite(Connection connection, long id, HistoryEntry entry) {
        boolean source = hasSourceColumn(connection);
        try {
            PreparedStatement statement = rewriteRow.on(connection, dialect, () -> "UPDATE " + table(connection)
                    + " SET " + q("started_at") + " = ?, " + q("duration_ms") + " = ?, " + q("success") + " = ?, "
                    + q("checksum") + " = ?, " + q("error") + " = ?" + (source ? ", " + q(SOURCE_CHECKSUM) + " = ?" : "")
                    + " WHERE " + q("id") + " = ?");
            dialect.setTimestamp(statement, 1, entry.startedAt());
            statement.setLong(2, entry.durationMs());
            statement.setBoolean(3, entry.success());
            statement.setString(4, entry.checksum());
            statement.setString(5, cut(entry.error(), MAX_ERROR));
            int p = 5;
            if (source) {
                statement.setString(++p, entry.sourceChecksum());
            }
            statement.setLong(++p, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            rewriteRow.close();
            throw failure("record " + entry.direction() + " " + entry.revision() + " in", e);
        }
    }

    /**
     * Replaces what mark {@code id} says with {@code done}'s outcome, as {@link #rewrite} does, and
     * adds {@code mark} as the newest row; returns the new row's number. Where the dialect has an
     * upsert ({@link Dialect#onDuplicateKeyUpdate}) this is one statement, so one round trip:
     * {@code INSERT (id, ...) VALUES (NULL, <mark>), (<id>, <done>) ON DUPLICATE KEY UPDATE ...}, whose
     * second row meets the existing mark and updates it, and whose first is numbered by the database.
     * Elsewhere it is an {@code UPDATE} and an {@code INSERT}. Either way, in the open transaction.
     */
    public long finishAndMark(Connection connection, long id, HistoryEntry done, HistoryEntry mark) {
        boolean source = hasSourceColumn(connection);
        if (!dialect.hasOnDuplicateKeyUpdate()) {
            rewrite(connection, id, done);
            return insert(connection, mark);
        }
        try {
            // prepared once per run (see release()): a run of 1,000 revisions sends this text 1,000 times
            PreparedStatement statement = upsert.on(connection, dialect, () -> upsertSql(connection, source));
            int p = bind(statement, 0, mark, source);
            statement.setLong(++p, id);
            p = bind(statement, p, done, source);
            dialect.setTimestamp(statement, ++p, done.startedAt());
            statement.setLong(++p, done.durationMs());
            statement.setBoolean(++p, done.success());
            statement.setString(++p, done.checksum());
            statement.setString(++p, cut(done.error(), MAX_ERROR));
            if (source) {
                statement.setString(++p, done.sourceChecksum());
            }
            statement.executeUpdate();
            return generatedKey(statement);
        } catch (SQLException e) {
            upsert.close();
            throw failure("record " + done.direction() + " " + done.revision() + " and mark " + mark.direction() + " "
                    + mark.revision() + " as started in", e);
        }
    }

    /** The first key {@code statement}'s {@code INSERT} generated: from the driver directly where it can tell. */
    private long generatedKey(PreparedStatement statement) throws SQLException {
        long key = dialect.generatedKey(statement);
        if (key > 0) {
            return key;
        }
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated key");
            }
            return keys.getLong(1);
        }
    }

    /** The SQLState of a division by zero, which {@link #recordAndCommit}'s guard raises. */
    private static final String DIVISION_BY_ZERO = "22012";

    /**
     * Changes the version table's row {@code from} to {@code to}, adds {@code entry} as the newest
     * row and commits the transaction open on {@code connection} (the revision's), in one round trip:
     * where {@link Dialect#commitsInStatementText} holds, one statement, kept prepared for the run,
     * <pre>
     * WITH moved AS (UPDATE &lt;version table&gt; SET version_num = ? WHERE version_num = ? RETURNING 1),
     *      counted AS (SELECT COUNT(*) AS n FROM moved)
     * INSERT INTO &lt;history table&gt; (...) SELECT ?, ... FROM counted
     *   WHERE 1 / CASE WHEN n = 1 THEN 1 ELSE 0 END = 1;
     * COMMIT</pre>
     * instead of the version table's {@code UPDATE}, this table's {@code INSERT} and a
     * {@code commit()}, three round trips. The division is the guard {@link VersionTable#update} has
     * in Java: a version row that did not match exactly once fails the statement before its
     * {@code COMMIT} runs, so nothing commits.
     *
     * <p>Fails as the three would: when the {@code UPDATE} or the {@code INSERT} fails, with the
     * version table's {@link DivemapException}, the transaction left aborted for the caller to roll
     * back (after a row that did not match, rolled back already, to count the rows it met); when the
     * {@code COMMIT} fails (a deferred constraint of the revision's), with the driver's exception,
     * as {@code commit()} throws it, the database having rolled the transaction back.
     */
    public void recordAndCommit(Connection connection, VersionTable versions, String from, String to,
            HistoryEntry entry) throws SQLException {
        versions.requireFits(connection, List.of(to));
        boolean source = hasSourceColumn(connection);
        try {
            // the text is built when the statement is first prepared, not for every revision
            PreparedStatement statement = recordAndCommit.on(connection, dialect, () -> "WITH moved AS ("
                    + versions.updateStatement(connection)
                    + " RETURNING 1), counted AS (SELECT COUNT(*) AS n FROM moved) INSERT INTO " + table(connection)
                    + " (" + columnList(connection) + ") SELECT " + marks(connection)
                    + " FROM counted WHERE 1 / CASE WHEN n = 1 THEN 1 ELSE 0 END = 1; COMMIT");
            statement.setString(1, to);
            statement.setString(2, from);
            bind(statement, 2, entry, source);
            statement.executeUpdate();
        } catch (SQLException e) {
            recordAndCommit.close();
            if (DIVISION_BY_ZERO.equals(e.getSQLState())) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback); // then the rows are not counted either: the message says so
                }
                DivemapException notOne = versions.notOneRow(connection, from, to);
                notOne.addSuppressed(e);
                throw notOne;
            }
            if (dialect.commitFailed(connection)) {
                throw e;
            }
            throw versions.failure(from, to, "record " + entry.direction() + " " + entry.revision()
                    + " in the history table " + display(), e);
        }
    }

    // the statements a run sends for each revision, kept prepared until release()
    private final KeptStatement recordAndCommit = KeptStatement.plain();
    private final KeptStatement upsert = KeptStatement.returningKeys();
    private final KeptStatement recordRow = KeptStatement.plain();
    private final KeptStatement insertMark = KeptStatement.returningKeys();
    private final KeptStatement rewriteRow = KeptStatement.plain();

    private String upsertSql(Connection connection, boolean source) {
        List<String> assigned = new ArrayList<>(List.of(q("started_at"), q("duration_ms"), q("success"),
                q("checksum"), q("error")));
        if (source) {
            assigned.add(q(SOURCE_CHECKSUM));
        }
        return "INSERT INTO " + table(connection) + " (" + q("id") + ", " + columnList(connection)
                + ") VALUES (NULL, " + marks(connection) + "), (?, " + marks(connection) + ")"
                + dialect.onDuplicateKeyUpdate(assigned);
    }

    /** Closes the statements kept prepared for a run's revisions. */
    public void release() {
        recordAndCommit.close();
        upsert.close();
        recordRow.close();
        insertMark.close();
        rewriteRow.close();
    }

    /** Deletes row {@code id}. */
    public void delete(Connection connection, long id) {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table(connection) + " WHERE "
                + q("id") + " = ?")) {
            statement.setLong(1, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete a row of", e);
        }
    }

    /**
     * The marks ({@link HistoryEntry#isMark()}): the rows that stand for revisions a run did not
     * finish cleanly, oldest first; empty when there are none or the table does not exist.
     */
    public List<HistoryEntry> unfinished(Connection connection) {
        if (looked ? known == null : lookup.knownAbsent(name)) {
            return List.of(); // looked up in this command: no such table
        }
        if (known == null && Boolean.FALSE.equals(newestIsMarkDirectly(connection))) {
            return List.of(); // the usual start-up: one read, no catalog query
        }
        if (!exists(connection) || !newestIsMark(connection)) {
            return List.of();
        }
        return select(connection, " WHERE " + q("success") + " = ? AND (" + q("error") + " = ? OR " + q("error")
                + " LIKE ? OR " + q("error") + " LIKE ?)", false, UNRECORDED, HistoryEntry.RUNNING + "%",
                HistoryEntry.LEFT_CHANGES + "%");
    }

    /**
     * Whether the newest row is a mark. Marks left behind are always the newest rows: every later run
     * that would write a row refuses while they stand, and a stamp settles them before writing its own.
     * So a start-up with nothing to do reads one row by the primary key instead of scanning the whole
     * history.
     */
    private boolean newestIsMark(Connection connection) {
        try {
            return newestIsMark(connection, table(connection));
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private boolean newestIsMark(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + q("success") + ", " + q("error")
                + " FROM " + table + " WHERE " + q("id") + " = (SELECT MAX(" + q("id") + ") FROM " + table + ")");
                ResultSet rs = statement.executeQuery()) {
            return rs.next() && !rs.getBoolean(1) && HistoryEntry.stateOfFailure(rs.getString(2)) != HistoryEntry.State.FAILED;
        }
    }

    /**
     * {@link #newestIsMark}, reading the table under its configured name without looking it up in the
     * catalog first, as {@link VersionTable#read} does: null when that read fails (no such table, or one
     * whose stored name differs), when the dialect does not let the read be tried
     * ({@link org.divemap.migrations.runtime.dialect.Dialect#mayReadDirectly}), or when a transaction is
     * open (a failed statement would abort it on PostgreSQL).
     */
    private Boolean newestIsMarkDirectly(Connection connection) {
        if (!dialect.mayReadDirectly(connection, schema, name)) {
            return null;
        }
        try {
            if (!connection.getAutoCommit()) {
                return null;
            }
            return newestIsMark(connection, dialect.qualify(schema, name));
        } catch (SQLException e) {
            return null;
        }
    }

    /** Deletes the {@link #UNRECORDED} rows: a run recording in batches replaces them with the batch's rows. */
    public void forgetUnrecorded(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table(connection)
                + " WHERE " + q("success") + " = ? AND " + q("error") + " = ?")) {
            statement.setBoolean(1, false);
            statement.setString(2, UNRECORDED);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("clear the unrecorded rows of", e);
        }
    }

    /**
     * Turns {@code marks} into ordinary failed rows that keep what they knew, followed by how they
     * were settled ({@code how}, such as "Cleared by stamp 0003"), by whom and when: a stamp or a
     * retry has dealt with them, and later runs go on.
     */
    public void settle(Connection connection, List<HistoryEntry> marks, String how) {
        String note = how + " at " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                + " by " + Machine.osUser() + " on " + Machine.hostName() + ".";
        for (HistoryEntry mark : marks) {
            String error = mark.error();
            String settled = switch (mark.state()) {
                case RUNNING -> "interrupted: " + error.substring(HistoryEntry.RUNNING.length()) + "\n" + note;
                case LEFT_CHANGES -> "failed and left changes: " + error.substring(HistoryEntry.LEFT_CHANGES.length())
                        + "\n" + note;
                case UNRECORDED -> "not recorded: a run recording in batches (recordEvery) stopped before recording"
                        + " it. " + note;
                default -> throw new IllegalArgumentException("not a mark: " + mark);
            };
            rewrite(connection, mark.id(), mark.withOutcome(false, mark.durationMs(), settled));
        }
    }

    /** Every row in insertion order; empty if the table does not exist. */
    public List<HistoryEntry> list(Connection connection) {
        if (!exists(connection)) {
            return List.of();
        }
        return select(connection, "");
    }

    /** The rows matching {@code where}, whose parameters are {@code parameters} (booleans and strings). */
    private List<HistoryEntry> select(Connection connection, String where, Object... parameters) {
        boolean source = hasSourceColumn(connection);
        StringBuilder sql = new StringBuilder("SELECT ").append(q("id")).append(", ").append(columnList(connection));
        sql.append(" FROM ").append(table(connection)).append(where).append(" ORDER BY ").append(q("id"));
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Boolean b) {
                    statement.setBoolean(i + 1, b);
                } else {
                    statement.setString(i + 1, (String) parameters[i]);
                }
            }
            List<HistoryEntry> entries = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    entries.add(new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getString(3),
                            dialect.getTimestamp(rs, 4), rs.getLong(5), rs.getBoolean(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), source ? rs.getString(11) : null));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private String columnList(Connection connection) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < COLUMNS.length; i++) {
            list.append(i == 0 ? "" : ", ").append(q(COLUMNS[i]));
        }
        if (hasSourceColumn(connection)) {
            list.append(", ").append(q(SOURCE_CHECKSUM));
        }
        return list.toString();
    }

    /** The placeholders of one row of {@link #columnList}. */
    private String marks(Connection connection) {
        return "?, ".repeat(COLUMNS.length - 1) + "?" + (hasSourceColumn(connection) ? ", ?" : "");
    }

    /** Whether the table has the source checksum's column, looked up once per instance. */
    private Boolean hasSource;

    private boolean hasSourceColumn(Connection connection) {
        if (hasSource == null) {
            try {
                String where = lookup.schema(connection);
                hasSource = lookup.column(connection, where, name, stored(connection).orElse(name), SOURCE_CHECKSUM)
                        .isPresent();
            } catch (SQLException e) {
                throw failure("read the columns of", e);
            }
        }
        return hasSource;
    }

    /** Binds {@code entry}'s {@link #COLUMNS} (and its source checksum) after parameter {@code p}; returns the last one bound. */
    private int bind(PreparedStatement statement, int p, HistoryEntry entry, boolean source) throws SQLException {
        statement.setString(++p, entry.revision());
        statement.setString(++p, entry.direction());
        dialect.setTimestamp(statement, ++p, entry.startedAt());
        statement.setLong(++p, entry.durationMs());
        statement.setBoolean(++p, entry.success());
        statement.setString(++p, cut(entry.osUser(), MAX_NAME));
        statement.setString(++p, cut(entry.host(), MAX_NAME));
        statement.setString(++p, entry.checksum());
        statement.setString(++p, cut(entry.error(), MAX_ERROR));
        if (source) {
            statement.setString(++p, entry.sourceChecksum());
        }
        return p;
    }

    /** The table's stored name, looked up once per instance (an instance lives for one command). */
    private String known;
    /** Whether {@link #known} was looked up: a null {@code known} then means there is no such table. */
    private boolean looked;

    private Optional<String> stored(Connection connection) {
        if (!looked) {
            known = lookUp(connection).orElse(null);
            looked = true;
        }
        return Optional.ofNullable(known);
    }

    private Optional<String> lookUp(Connection connection) {
        try {
            String where = lookup.schema(connection);
            if (where == null) {
                throw new DivemapException(Kind.CONFIGURATION, "The connection has no current database, so Divemap "
                        + "cannot find the history table " + name + ". Name the database in the JDBC URL "
                        + "(jdbc:mysql://host:3306/shop) or configure the schema.");
            }
            return lookup.find(connection, where, name);
        } catch (SQLException e) {
            throw failure("look up", e);
        }
    }

    /** The table as found in the catalog, quoted exactly; before it exists, as Divemap creates it. */
    private String table(Connection connection) {
        return stored(connection).map(table -> dialect.qualifyExact(schema, table))
                .orElseGet(() -> dialect.qualify(schema, name));
    }

    private String q(String column) {
        return dialect.quote(column);
    }

    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }

    private String display() {
        return schema == null ? name : schema + "." + name;
    }

    private DivemapException failure(String what, SQLException e) {
        return new DivemapException(Kind.DATABASE, "Could not " + what + " the history table "
                + display() + " on " + dialect.displayName() + ": "
                + e.getMessage() + " (SQLState " + e.getSQLState() + "). Check that the database is reachable and "
                + "that the user may create, read and write that table.", e);
    }
}
