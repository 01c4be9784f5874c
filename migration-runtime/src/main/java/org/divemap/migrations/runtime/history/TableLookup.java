package org.divemap.migrations.runtime.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.divemap.migrations.runtime.dialect.Dialect;

/**
 * What one command knows of its version and history tables in the catalog: the schema they live
 * in, and the names they are stored under, looked up together in one query the first time either
 * is needed and remembered for the command. A table this command creates is remembered as created,
 * so nothing asks the catalog about it again. {@link #forget()} drops what was found (not the
 * schema) before the command plans again under the migration lock, where another migrator may have
 * created the tables meanwhile.
 *
 * <p>Not thread-safe: one command, one thread.
 */
public final class TableLookup {

    private final Dialect dialect;
    private final String schema;
    private final String[] names;
    /** The schema as stored, or the connection's current one; null until known. */
    private String where;
    private boolean whereKnown;
    /** The stored name of each of {@link #names}, null where absent; null until looked up. */
    private String[] found;
    private boolean[] absentBefore;
    /** Per table, the column a caller will ask about (version_num, source_checksum), or null. */
    private final String[] wantedColumns;
    /** Per table, the wanted column as found, once looked up; null until then. */
    private Catalog.Column[] columns;
    private boolean columnsLooked;

    /**
     * @param schema the configured schema, or null for the connection's current one
     * @param names the configured names of the tables to look up together
     */
    public TableLookup(Dialect dialect, String schema, String... names) {
        this.dialect = dialect;
        this.schema = schema;
        this.names = names.clone();
        this.wantedColumns = new String[names.length];
    }

    /**
     * Says that {@link #column} will be asked about {@code column} of {@code table}, so that one query
     * answers for every table's column.
     */
    void want(String table, String column) {
        wantedColumns[index(table)] = column;
    }

    /**
     * The column {@code column} of the table {@code table} (one of the names given), stored as
     * {@code stored} in {@code where}: the wanted columns of all tables that exist are looked up
     * together, in one query, the first time; a column nobody said it wanted is looked up alone.
     */
    Optional<Catalog.Column> column(Connection connection, String where, String table, String stored, String column)
            throws SQLException {
        int index = index(table);
        if (!column.equals(wantedColumns[index]) || found == null || !stored.equals(found[index])) {
            return Catalog.column(connection, where, stored, column);
        }
        if (!columnsLooked) {
            columns = lookUpColumns(connection, where);
            columnsLooked = true;
        }
        return Optional.ofNullable(columns[index]);
    }

    /**
     * One {@code UNION ALL} of one query per existing table, each naming its table exactly, so that
     * MySQL and MariaDB open only those tables' definitions ({@code table_name IN (...)} would make
     * them open every table of the schema).
     */
    private Catalog.Column[] lookUpColumns(Connection connection, String where) throws SQLException {
        Catalog.Column[] result = new Catalog.Column[names.length];
        StringBuilder sql = new StringBuilder();
        List<String> parameters = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (wantedColumns[i] != null && found[i] != null) {
                sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(", column_name,"
                        + " character_maximum_length FROM information_schema.columns WHERE table_schema = ?"
                        + " AND table_name = ? AND LOWER(column_name) = LOWER(?)");
                parameters.add(where);
                parameters.add(found[i]);
                parameters.add(wantedColumns[i]);
            }
        }
        if (parameters.isEmpty()) {
            return result;
        }
        List<List<Catalog.Column>> candidates = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            candidates.add(new ArrayList<>());
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int table = rs.getInt(1);
                    long length = rs.getLong(3);
                    int max = rs.wasNull() || length > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) length;
                    candidates.get(table).add(new Catalog.Column(rs.getString(2), max));
                }
            }
        }
        for (int i = 0; i < names.length; i++) {
            result[i] = Catalog.pick(candidates.get(i), wantedColumns[i]);
        }
        return result;
    }

    /** The schema holding the tables, as stored; null when the connection has none (MySQL without a database). */
    String schema(Connection connection) throws SQLException {
        if (!whereKnown) {
            where = schema != null ? dialect.storedName(connection, schema) : dialect.currentSchema(connection);
            whereKnown = true;
        }
        return where;
    }

    /**
     * The name {@code name} (one of the names given) is stored under, or empty if there is no such
     * table: the stored form of the name exactly if the catalog has it, otherwise the one table whose
     * name matches ignoring case. All names are looked up in one query, on the first call.
     */
    Optional<String> find(Connection connection, String where, String name) throws SQLException {
        int index = index(name);
        if (found == null) {
            found = lookUp(connection, where);
        }
        return Optional.ofNullable(found[index]);
    }

    /** Remembers that this command created {@code name}, stored as {@code stored}. */
    void created(String name, String stored) {
        if (found != null) {
            found[index(name)] = stored;
        }
        columnsLooked = false; // looked up again if anyone asks: callers know the columns of what they create
        columns = null;
    }

    /**
     * Forgets the tables found (the schema stays known): before planning again under the lock. A
     * table that was absent is looked up in the catalog first next time, instead of being read
     * directly: on a first run it is most likely still absent, and the one query answers for both
     * tables.
     */
    public void forget() {
        columnsLooked = false;
        columns = null;
        if (found != null) {
            absentBefore = new boolean[names.length];
            for (int i = 0; i < names.length; i++) {
                absentBefore[i] = found[i] == null;
            }
        }
        found = null;
    }

    /** Whether the lookup before the last {@link #forget()} found no table {@code name}. */
    boolean absentBefore(String name) {
        return absentBefore != null && absentBefore[index(name)];
    }

    /** Whether {@code name} was looked up (since the last {@link #forget()}) and found absent: no query. */
    boolean knownAbsent(String name) {
        return found != null && found[index(name)] == null;
    }

    private int index(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " is not one of the tables looked up");
    }

    /**
     * One query for every name, matching ignoring case; an exact match of a stored name wins. On
     * MySQL and MariaDB, {@code information_schema.tables} answers it from the schema's list of table
     * names without opening any table, as it does an equality ({@code Skip_open_table}).
     */
    private String[] lookUp(Connection connection, String where) throws SQLException {
        String[] stored = new String[names.length];
        StringBuilder sql = new StringBuilder("SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND LOWER(table_name) IN (");
        for (int i = 0; i < names.length; i++) {
            stored[i] = dialect.storedName(connection, names[i]);
            sql.append(i == 0 ? "LOWER(?)" : ", LOWER(?)");
        }
        sql.append(')');
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setString(1, where);
            for (int i = 0; i < names.length; i++) {
                statement.setString(i + 2, stored[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        String[] result = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            result[i] = pick(tables, stored[i]);
        }
        return result;
    }

    /** {@code wanted} if present; otherwise the one name equal to it ignoring case; otherwise null. */
    private static String pick(List<String> tables, String wanted) {
        String match = null;
        int matches = 0;
        for (String table : tables) {
            if (table.equals(wanted)) {
                return table;
            }
            if (table.equalsIgnoreCase(wanted)) {
                match = table;
                matches++;
            }
        }
        return matches == 1 ? match : null;
    }
}
