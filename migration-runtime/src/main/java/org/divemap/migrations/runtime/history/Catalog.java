package org.divemap.migrations.runtime.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks columns and a schema's tables up in {@code information_schema}, which all our databases
 * have. Names match exactly if they can, otherwise ignoring case, so a column is found whether the
 * database folded its name or not ({@link TableLookup} finds the version and history tables).
 */
final class Catalog {

    /** A column as stored: its name, and its maximum length in characters ({@link Integer#MAX_VALUE} if none). */
    record Column(String name, int maxLength) {}

    private Catalog() {}

    /**
     * The column of {@code table} named {@code column} in any case (exactly, if the table has it),
     * with its length: one query.
     */
    static Optional<Column> column(Connection connection, String schema, String table, String column)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, character_maximum_length"
                + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                + " AND LOWER(column_name) = LOWER(?)")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            statement.setString(3, column);
            List<Column> columns = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long length = rs.getLong(2);
                    int max = rs.wasNull() || length > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) length;
                    columns.add(new Column(rs.getString(1), max));
                }
            }
            return Optional.ofNullable(pick(columns, column));
        }
    }

    /** The column named exactly {@code column}, or else the only one found; null if none or several. */
    static Column pick(List<Column> columns, String column) {
        for (Column found : columns) {
            if (found.name().equals(column)) {
                return found;
            }
        }
        return columns.size() == 1 ? columns.get(0) : null;
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
}
