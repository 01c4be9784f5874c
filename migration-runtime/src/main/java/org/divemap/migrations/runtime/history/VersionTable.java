package org.divemap.migrations.runtime.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.dialect.Ddl;
import org.divemap.migrations.runtime.dialect.Dialect;

/**
 * The table that holds one row per current head, in Alembic's layout: {@code version_num
 * VARCHAR(n) NOT NULL} with a primary key named {@code <table>_pkc} (shortened with a hash when that
 * name is too long for the database). An existing table, such as the
 * {@code alembic_version} Alembic created with {@code VARCHAR(32)}, is used as it is.
 *
 * <p>Methods run on the connection they are given, inside whatever transaction it has open. Every
 * failure is a {@link DivemapException} of kind {@code DATABASE} naming the table.
 */
public final class VersionTable {

    /** The table's default name. */
    public static final String DEFAULT_NAME = "divemap_version";

    static final String COLUMN = "version_num";

    /** The length of {@code version_num} in tables we create; Alembic's 32 is too short for descriptive ids. */
    static final int LENGTH = 255;

    private final Dialect dialect;
    private final Ddl ddl;
    private final String schema;
    private final String name;
    private final TableLookup lookup;

    /**
     * @param schema the schema (database on MySQL) holding the table, or null for the connection's current one
     * @param name the table's name, for example {@value #DEFAULT_NAME} or {@code alembic_version}
     */
    public VersionTable(Dialect dialect, String schema, String name) {
        this(dialect, schema, name, null);
    }

    /**
     * As {@link #VersionTable(Dialect, String, String)}, looking the table up in the catalog through
     * {@code lookup}, which the command shares with its history table (null: a lookup of its own).
     */
    public VersionTable(Dialect dialect, String schema, String name, TableLookup lookup) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.ddl = Ddl.of(dialect);
        this.schema = schema;
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("version table name must not be blank");
        }
        this.name = name;
        this.lookup = lookup != null ? lookup : new TableLookup(dialect, schema, name);
        this.lookup.want(name, COLUMN);
    }

    /** The table's name as configured. */
    public String name() {
        return name;
    }

    /** The table as it exists: its stored name and its version column. */
    private record Layout(String table, Catalog.Column column) {}

    private Layout known;
    /** Whether {@link #known} was looked up: a null {@code known} then means there is no such table. */
    private boolean looked;

    /** Whether the table exists. */
    public boolean exists(Connection connection) {
        return layout(connection).isPresent();
    }

    /** Creates the table unless it exists; an existing one is kept as it is. */
    public void create(Connection connection) {
        if (layout(connection).isPresent()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(createStatement());
        } catch (SQLException e) {
            looked = false;
            lookup.forget();
            if (layout(connection).isEmpty()) { // not a concurrent create of the same table
                throw failure("create", e);
            }
            return;
        }
        created(connection);
    }

    /**
     * Remembers the table this command just created, as {@link #createStatement()} creates it, so
     * that writing to it asks the catalog nothing: the lookup before found no table of this name in
     * any case, so the one there now is ours.
     */
    private void created(Connection connection) {
        try {
            String stored = dialect.storedName(connection, name);
            known = new Layout(stored, new Catalog.Column(dialect.storedName(connection, COLUMN), LENGTH));
            looked = true;
            lookup.created(name, stored);
        } catch (SQLException e) {
            looked = false; // looked up when next needed
        }
    }

    /**
     * The rows, in the order the database returns them; empty if the table does not exist. The table
     * is read directly under its configured name first, which needs no catalog query; only when that
     * fails (no such table, or one whose name differs in case) is the catalog consulted.
     */
    public List<String> read(Connection connection) {
        if (looked ? known == null : lookup.knownAbsent(name)) {
            return List.of(); // looked up in this command: no such table
        }
        if (known == null && dialect.mayReadDirectly(connection, schema, name) && !lookup.absentBefore(name)) {
            Optional<List<String>> direct = readDirectly(connection);
            if (direct.isPresent()) {
                return direct.get();
            }
        }
        Optional<Layout> layout = layout(connection);
        if (layout.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT " + dialect.quoteExact(layout.get().column().name()) + " FROM " + table(layout.get());
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private Optional<List<String>> readDirectly(Connection connection) {
        String sql = "SELECT " + dialect.quote(COLUMN) + " FROM " + dialect.qualify(schema, name);
        try {
            if (!connection.getAutoCommit()) {
                return Optional.empty(); // a failed statement would abort the caller's transaction on PostgreSQL
            }
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
                return Optional.of(rows);
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /**
     * What to tell a user whose first revision failed on a schema that already held tables, when this
     * run created the version table: the version tables the schema holds under other names (tables
     * with a {@code version_num} column) and their rows, and a few of its other tables. Empty when the
     * schema holds no table but the ones named in {@code ours}.
     */
    public Optional<String> otherTablesHint(Connection connection, java.util.Set<String> ours) {
        try {
            String where = schema != null ? dialect.storedName(connection, schema) : dialect.currentSchema(connection);
            List<String> tables = new ArrayList<>();
            for (String table : Catalog.tables(connection, where)) {
                if (ours.stream().noneMatch(table::equalsIgnoreCase)) {
                    tables.add(table);
                }
            }
            if (tables.isEmpty()) {
                return Optional.empty();
            }
            List<String> versions = new ArrayList<>();
            for (String table : Catalog.tablesWithColumn(connection, where, COLUMN)) {
                if (ours.stream().noneMatch(table::equalsIgnoreCase)) {
                    List<String> rows = new VersionTable(dialect, schema, table).read(connection);
                    versions.add(table + (rows.isEmpty() ? " (empty)" : " (at " + String.join(", ", rows) + ")"));
                }
            }
            StringBuilder text = new StringBuilder("\n  The version table ").append(name).append(" did not exist,"
                    + " so this run took the database to be at base; but the schema already holds ")
                    .append(tables.size()).append(tables.size() == 1 ? " table: " : " tables: ")
                    .append(String.join(", ", tables.subList(0, Math.min(8, tables.size()))))
                    .append(tables.size() > 8 ? ", ..." : "").append('.');
            if (!versions.isEmpty()) {
                text.append(" Version tables under other names: ").append(String.join(", ", versions)).append('.')
                        .append(" If one of them is this history's, name it (versionTable, --version-table,"
                                + " -Ddivemap.versionTable) and drop the new ").append(name).append('.');
            }
            text.append(" If the schema was built without Divemap, stamp the revision it is at instead of"
                    + " upgrading from base.");
            return Optional.of(text.toString());
        } catch (SQLException | RuntimeException e) {
            return Optional.empty(); // a hint, not worth a second failure
        }
    }

    // ---------------------------------------------------------------- offline scripts

    /** The statement that creates the table, for an offline script. */
    public String createStatement() {
        return "CREATE TABLE IF NOT EXISTS " + dialect.qualify(schema, name) + " (" + dialect.quote(COLUMN)
                + " VARCHAR(" + LENGTH + ") NOT NULL, CONSTRAINT " + dialect.quote(primaryKeyName()) + " PRIMARY KEY ("
                + dialect.quote(COLUMN) + "))";
    }

    /**
     * {@code <table>_pkc}, as Alembic names it; for a table name too long for that, its start, a hash
     * of the whole name and {@code _pkc}, so that any name the database accepts for a table works.
     */
    String primaryKeyName() {
        String alembic = name + "_pkc";
        if (dialect.nameLength(alembic) <= dialect.maxNameLength()) {
            return alembic;
        }
        String suffix;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            suffix = "_" + HexFormat.of().formatHex(hash, 0, 4) + "_pkc";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        String start = name;
        while (!start.isEmpty() && dialect.nameLength(start + suffix) > dialect.maxNameLength()) {
            start = start.substring(0, start.offsetByCodePoints(start.length(), -1));
        }
        return start + suffix;
    }

    /** The statements that move the rows from {@code before} to {@code after}, for an offline script. */
    public List<String> changeStatements(List<String> before, List<String> after) {
        String table = dialect.qualify(schema, name);
        String column = dialect.quote(COLUMN);
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        List<String> statements = new ArrayList<>();
        if (removed.size() == 1 && added.size() == 1) {
            statements.add("UPDATE " + table + " SET " + column + " = " + text(added.get(0)) + " WHERE " + column
                    + " = " + text(removed.get(0)));
            return statements;
        }
        for (String row : removed) {
            statements.add("DELETE FROM " + table + " WHERE " + column + " = " + text(row));
        }
        for (String row : added) {
            statements.add("INSERT INTO " + table + " (" + column + ") VALUES (" + text(row) + ")");
        }
        return statements;
    }

    /** An id as the dialect writes a text literal, escaped as data values are (MySQL's backslashes too). */
    private String text(String value) {
        return ddl.literal(value);
    }

    /** Adds a row for {@code revision}. */
    public void insert(Connection connection, String revision) {
        Layout layout = require(connection);
        requireFits(layout, List.of(revision));
        String sql = "INSERT INTO " + table(layout) + " (" + dialect.quoteExact(layout.column().name()) + ") VALUES (?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, revision);
            statement.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new DivemapException(Kind.DATABASE, "Could not add " + revision + " to the version table "
                        + display() + ": it already has that row (" + e.getMessage() + "). Another process changed "
                        + "the table during this run; check that every migrator takes the migration lock, and look "
                        + "at the table before running again.", e);
            }
            throw failure("add the row " + revision + " to", e);
        }
    }

    /** Removes the row for {@code revision}, which must exist. */
    public void delete(Connection connection, String revision) {
        Layout layout = require(connection);
        String sql = "DELETE FROM " + table(layout) + " WHERE " + dialect.quoteExact(layout.column().name()) + " = ?";
        expectOneRow(connection, layout, sql, "delete the row " + revision + " from", List.of(revision));
    }

    /** Replaces the row {@code from} with {@code to}, as a linear step does. */
    public void update(Connection connection, String from, String to) {
        Layout layout = require(connection);
        requireFits(layout, List.of(to));
        int count;
        try {
            PreparedStatement statement = updateRow.on(connection, dialect, () -> updateSql(layout));
            statement.setString(1, to);
            statement.setString(2, from);
            count = statement.executeUpdate();
        } catch (SQLException e) {
            updateRow.close();
            throw failure("change the row " + from + " to " + to + " in", e);
        }
        expectOne(count, layout, "change the row " + from + " to " + to + " in");
    }

    private String updateSql(Layout layout) {
        String column = dialect.quoteExact(layout.column().name());
        return "UPDATE " + table(layout) + " SET " + column + " = ? WHERE " + column + " = ?";
    }

    /**
     * {@link #update}'s statement, for a statement that sends it with others
     * ({@link HistoryTable#recordAndCommit}): its parameters are the new row, then the old one. Unlike
     * {@link #update}, it does not check that the new row fits the table: call {@link #requireFits} first.
     */
    String updateStatement(Connection connection) {
        return updateSql(require(connection));
    }

    /**
     * The failure of {@link #updateStatement} when it did not change exactly one row, as
     * {@link #update} reports it; the transaction it ran in is rolled back, and the rows matching
     * {@code from} are counted again to say how many it met.
     */
    DivemapException notOneRow(Connection connection, String from, String to) {
        Layout layout = require(connection);
        String what = "change the row " + from + " to " + to + " in";
        String sql = "SELECT COUNT(*) FROM " + table(layout) + " WHERE " + dialect.quoteExact(layout.column().name())
                + " = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, from);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return notOne(rs.getInt(1), layout, what);
            }
        } catch (SQLException e) {
            return notOne(-1, layout, what);
        }
    }

    /**
     * The failure of a statement that changed this table's row {@code from} to {@code to} together
     * with {@code other} (what else it did, for the message), as {@link #update} reports its own.
     */
    DivemapException failure(String from, String to, String other, SQLException e) {
        return failure("change the row " + from + " to " + to + " in", e, other);
    }

    /** {@link #update}'s statement, sent once per revision of a run and kept prepared until {@link #release}. */
    private final KeptStatement updateRow = KeptStatement.plain();

    /** Closes the statement kept prepared for a run's revisions. */
    public void release() {
        updateRow.close();
    }

    /** The longest revision id the table can hold: 32 in Alembic's table, 255 in ours. */
    public int maxIdLength(Connection connection) {
        return require(connection).column().maxLength();
    }

    /**
     * Checks that every id fits the table's column, before anything runs. A table Alembic created
     * holds 32 characters; a longer id would fail or be cut short.
     *
     * @throws DivemapException {@code DATABASE} naming the first id that does not fit and the
     *     statement that widens the column
     */
    public void requireFits(Connection connection, Collection<String> revisions) {
        requireFits(require(connection), revisions);
    }

    private void requireFits(Layout layout, Collection<String> revisions) {
        int max = layout.column().maxLength();
        for (String revision : revisions) {
            if (revision.length() > max) {
                throw new DivemapException(Kind.DATABASE, "Revision id " + revision + " has " + revision.length()
                        + " characters, but the version table " + display() + " holds at most " + max + " (its column "
                        + layout.column().name() + " is VARCHAR(" + max + ")" + (max == 32 ? ", as Alembic creates it"
                                : "")
                        + "). Nothing was changed. Widen the column, then run again: "
                        + dialect.widenVarchar(table(layout), layout.column().name(), LENGTH)
                        + "; or give the revision a shorter id.");
            }
        }
    }

    private void expectOneRow(Connection connection, Layout layout, String sql, String what, List<String> values) {
        int count;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                statement.setString(i + 1, values.get(i));
            }
            count = statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
        expectOne(count, layout, what);
    }

    private void expectOne(int count, Layout layout, String what) {
        if (count != 1) {
            throw notOne(count, layout, what);
        }
    }

    /** {@code count} rows matched, or, if negative, a number other than one. */
    private DivemapException notOne(int count, Layout layout, String what) {
        return new DivemapException(Kind.DATABASE, "Could not " + what + " the version table " + display()
                + ": expected to change exactly one row, but " + (count < 0 ? "another number of rows" : count)
                + " matched. Another process changed the table during this run; check that every migrator takes "
                + "the migration lock, and look at the table (SELECT * FROM " + table(layout) + ") before running "
                + "again.");
    }

    private Layout require(Connection connection) {
        return layout(connection).orElseThrow(() -> new DivemapException(Kind.DATABASE, "The version table "
                + display() + " does not exist. Create it first (the runtime does so before the first migration)."));
    }

    /**
     * The table's layout, looked up in the catalog once per instance (an instance lives for one
     * command) and remembered once found.
     */
    private Optional<Layout> layout(Connection connection) {
        if (!looked) {
            known = lookUp(connection).orElse(null);
            looked = true;
        }
        return Optional.ofNullable(known);
    }

    private Optional<Layout> lookUp(Connection connection) {
        try {
            String where = lookup.schema(connection);
            if (where == null) {
                throw new DivemapException(Kind.CONFIGURATION, "The connection has no current database, so Divemap "
                        + "cannot find the version table " + name + ". Name the database in the JDBC URL "
                        + "(jdbc:mysql://host:3306/shop) or configure the schema.");
            }
            String stored = dialect.storedName(connection, name);
            Optional<String> table = lookup.find(connection, where, name);
            if (table.isEmpty()) {
                return Optional.empty();
            }
            refuseLowerCaseNames(connection, table.get(), stored);
            Catalog.Column column = lookup.column(connection, where, name, table.get(), COLUMN).orElseThrow(
                    () -> new DivemapException(Kind.DATABASE, "The table " + display() + " exists but has no "
                            + COLUMN + " column, so it is not a version table. Configure another version table "
                            + "name, or rename that table."));
            return Optional.of(new Layout(table.get(), column));
        } catch (SQLException e) {
            throw failure("look up", e);
        }
    }

    private String table(Layout layout) {
        return dialect.qualifyExact(schema, layout.table());
    }

    /**
     * Refuses a version table kept in lower case, exactly as configured, when this connection folds
     * the unquoted name Divemap now writes to another case and matches names by case: earlier versions
     * quoted every name, so on H2 without {@code DATABASE_TO_LOWER} every table they created is in
     * lower case, and the migrations to come, writing {@code dive_sites} unquoted, would look for
     * {@code DIVE_SITES}.
     */
    private void refuseLowerCaseNames(Connection connection, String found, String stored) throws SQLException {
        if (found.equals(name) && !found.equals(stored) && !dialect.ignoresCaseOfNames(connection)) {
            throw new DivemapException(Kind.CONFIGURATION, "The version table " + display() + " is stored as \""
                    + found + "\", in lower case, as earlier versions of Divemap created every name by quoting it;"
                    + " but this " + dialect.displayName() + " connection reads unquoted names as " + stored
                    + ", and Divemap now quotes names only where needed, so it would not find this database's"
                    + " tables. " + dialect.lowerCaseNamesAdvice());
        }
    }

    private String display() {
        return schema == null ? name : schema + "." + name;
    }

    private DivemapException failure(String what, SQLException e) {
        return failure(what, e, null);
    }

    private DivemapException failure(String what, SQLException e, String other) {
        return new DivemapException(Kind.DATABASE, "Could not " + what + " the version table " + display()
                + (other == null ? "" : " and " + other) + " on " + dialect.displayName() + ": " + e.getMessage()
                + " (SQLState " + e.getSQLState() + "). Check that the database is reachable and that the user may "
                + "create, read and write " + (other == null ? "that table." : "these tables."), e);
    }
}
