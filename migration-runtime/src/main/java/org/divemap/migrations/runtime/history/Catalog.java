package org.divemap.migrations.runtime.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks tables and columns up in {@code information_schema}, which all our databases have. Names
 * match exactly if they can, otherwise ignoring case, so a table is found whether the database
 * folded its name (H2 keeps an unquoted {@code divemap_version} as {@code DIVEMAP_VERSION}) or not.
 * Callers look for the name as the database stores it ({@code Dialect.storedName}).
 */
final class Catalog {

    /** A column as stored: its name, and its maximum length in characters ({@link Integer#MAX_VALUE} if none). */
    record Column(String name, int maxLength) {}

    private Catalog() {}

    static Optional<String> table(Connection connection, String schema, String table) throws SQLException {
        // An equality on table_name lets MySQL and MariaDB open that one table's metadata; LOWER(...)
        // makes them open every table of the schema, which grows with each table the migrations create.
        Optional<String> exact = pick(names(connection, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = ? AND table_name = ?", schema, null, table), table);
        if (exact.isPresent()) {
            return exact;
        }
        return pick(names(connection, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = ? AND LOWER(table_name) = LOWER(?)", schema, null, table), table);
    }

    static Optional<Column> column(Connection connection, String schema, String table, String column)
            throws SQLException {
        List<String> names = names(connection, "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? AND LOWER(column_name) = LOWER(?)",
                schema, table, column);
        Optional<String> name = pick(names, column);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT character_maximum_length"
                + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ? AND column_name = ?")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            statement.setString(3, name.get());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long length = rs.getLong(1);
                int max = rs.wasNull() || length > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) length;
                return Optional.of(new Column(name.get(), max));
            }
        }
    }

    /** The tables of {@code schema}, sorted by name. */
    static List<String> tables(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT table_name FROM"
                + " information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            statement.setString(1, schema);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    /** The tables of {@code schema} that have a column named {@code column} in any case, sorted. */
    static List<String> tablesWithColumn(Connection connection, String schema, String column) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT table_name FROM"
                + " information_schema.columns WHERE table_schema = ? AND LOWER(column_name) = LOWER(?)"
                + " ORDER BY table_name")) {
            statement.setString(1, schema);
            statement.setString(2, column);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    private static List<String> names(Connection connection, String sql, String schema, String table, String name)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            statement.setString(index++, schema);
            if (table != null) {
                statement.setString(index++, table);
            }
            statement.setString(index, name);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }

    private static Optional<String> pick(List<String> names, String wanted) {
        if (names.contains(wanted)) {
            return Optional.of(wanted);
        }
        return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
    }
}
