package org.divemap.migrations.autogenerate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.Operations;

/**
 * Reads one table's columns with everything a comparison needs: the type spelled with its length,
 * precision, scale, fractional digits and enumeration values, nullability, default, whether the
 * database numbers it, and its comment. One implementation per database, as the runtime keeps one
 * dialect package per database.
 */
abstract class ColumnCatalog {

    /** A column as read: {@code type} is SQL text for {@link SqlTypes#parse}. */
    record RawColumn(String name, String type, boolean nullable, String defaultValue, boolean identity,
            String comment) {}

    static ColumnCatalog of(Operations.Database database) {
        return switch (database) {
            case MYSQL, MARIADB -> new MySql();
            case POSTGRESQL -> new Postgres();
            case H2 -> new H2();
        };
    }

    /** The columns of {@code table} in {@code schema}, in table order. */
    final List<RawColumn> columns(Connection connection, String schema, String table) throws SQLException {
        List<RawColumn> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(query())) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(new RawColumn(rs.getString(1), type(connection, schema, table, rs),
                            "YES".equalsIgnoreCase(rs.getString(2)), rs.getString(3),
                            "YES".equalsIgnoreCase(rs.getString(4)), blankToNull(rs.getString(5))));
                }
            }
        }
        return columns;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** Selects name, is_nullable, default, identity (YES/NO), comment, then what {@link #type} reads. */
    abstract String query();

    /** The type of the current row, as SQL text. */
    abstract String type(Connection connection, String schema, String table, ResultSet rs) throws SQLException;

    /** MySQL and MariaDB spell the whole type in {@code column_type}. */
    private static final class MySql extends ColumnCatalog {
        @Override
        String query() {
            return "SELECT column_name, is_nullable, column_default,"
                    + " CASE WHEN LOWER(extra) LIKE '%auto_increment%' THEN 'YES' ELSE 'NO' END, column_comment,"
                    + " column_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                    + " ORDER BY ordinal_position";
        }

        @Override
        String type(Connection connection, String schema, String table, ResultSet rs) throws SQLException {
            return rs.getString(6);
        }
    }

    /** PostgreSQL: the standard columns, fractional digits added; enums and arrays by their own name. */
    private static final class Postgres extends ColumnCatalog {
        @Override
        String query() {
            return "SELECT column_name, is_nullable, column_default,"
                    + " CASE WHEN is_identity = 'YES' OR column_default LIKE 'nextval(%' THEN 'YES' ELSE 'NO' END,"
                    + " col_description(format('%I.%I', table_schema, table_name)::regclass, ordinal_position),"
                    + " data_type, udt_name, character_maximum_length, numeric_precision, numeric_scale,"
                    + " datetime_precision FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                    + " ORDER BY ordinal_position";
        }

        @Override
        String type(Connection connection, String schema, String table, ResultSet rs) throws SQLException {
            return standard(rs.getString(6), rs.getString(7), rs, 8);
        }
    }

    /** H2 2.x: the standard columns; enumeration values from {@code information_schema.enum_values}. */
    private static final class H2 extends ColumnCatalog {
        @Override
        String query() {
            return "SELECT column_name, is_nullable, column_default, is_identity, remarks,"
                    + " data_type, dtd_identifier, character_maximum_length, numeric_precision, numeric_scale,"
                    + " datetime_precision FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                    + " ORDER BY ordinal_position";
        }

        @Override
        String type(Connection connection, String schema, String table, ResultSet rs) throws SQLException {
            String dataType = rs.getString(6);
            if (!dataType.equalsIgnoreCase("ENUM")) {
                return standard(dataType, dataType, rs, 8);
            }
            List<String> values = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT value_name FROM"
                    + " information_schema.enum_values WHERE object_schema = ? AND object_name = ?"
                    + " AND object_type = 'TABLE' AND enum_identifier = ? ORDER BY value_ordinal")) {
                statement.setString(1, schema);
                statement.setString(2, table);
                statement.setString(3, rs.getString(7));
                try (ResultSet values2 = statement.executeQuery()) {
                    while (values2.next()) {
                        values.add("'" + values2.getString(1).replace("'", "''") + "'");
                    }
                }
            }
            return "enum (" + String.join(",", values) + ")";
        }
    }

    /**
     * A type from the standard {@code information_schema.columns}: {@code character varying(100)},
     * {@code numeric(10,2)}, {@code timestamp(6) with time zone}.
     *
     * @param first the index of {@code character_maximum_length}; precision, scale and fractional
     *     digits follow it
     */
    static String standard(String dataType, String ownName, ResultSet rs, int first) throws SQLException {
        String type = dataType.toLowerCase(java.util.Locale.ROOT);
        if (type.equals("user-defined") || type.equals("array")) {
            return ownName;
        }
        long length = rs.getLong(first);
        boolean hasLength = !rs.wasNull();
        int precision = rs.getInt(first + 1);
        boolean hasPrecision = !rs.wasNull();
        int scale = rs.getInt(first + 2);
        int digits = rs.getInt(first + 3);
        boolean hasDigits = !rs.wasNull();
        if (type.startsWith("time")) {
            int space = type.indexOf(' ');
            String base = space < 0 ? type : type.substring(0, space);
            String rest = space < 0 ? "" : type.substring(space);
            return hasDigits ? base + "(" + digits + ")" + rest : type;
        }
        if ((type.equals("numeric") || type.equals("decimal")) && hasPrecision) {
            return type + "(" + precision + "," + scale + ")";
        }
        if (hasLength && length < 1_000_000 && (type.contains("char") || type.contains("binary")
                || type.equals("bit"))) {
            return type + "(" + length + ")";
        }
        return type;
    }
}
