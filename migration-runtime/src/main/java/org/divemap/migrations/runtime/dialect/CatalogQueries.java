package org.divemap.migrations.runtime.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.divemap.migrations.Type;

/**
 * The SQL of one database that reads what a schema holds where JDBC's {@code DatabaseMetaData}
 * says too little or differs between drivers: the schema inspector's per-database queries. Every
 * query takes the schema and the table's stored name as its two parameters.
 */
public abstract class CatalogQueries {

    protected CatalogQueries() {}

    /**
     * The length of character types and the precision and scale of decimals, as MySQL's
     * {@code column_type} has them, so that a change of either shows in the type name; for the
     * databases whose {@code information_schema.columns} has only the bare {@code data_type}.
     */
    protected static final String SIZE = " || CASE"
            + " WHEN character_maximum_length IS NOT NULL AND character_maximum_length < 1000000"
            + " THEN '(' || character_maximum_length || ')'"
            + " WHEN UPPER(data_type) IN ('NUMERIC', 'DECIMAL') AND numeric_precision IS NOT NULL"
            + " THEN '(' || numeric_precision || ',' || COALESCE(numeric_scale, 0) || ')'"
            + " ELSE '' END";

    /** The end of every {@link #columns()} query: one table's columns ({@code c}), in their order. */
    protected static final String COLUMNS_OF_TABLE = " FROM information_schema.columns c WHERE c.table_schema = ?"
            + " AND c.table_name = ? ORDER BY c.ordinal_position";

    /** Columns 6 to 10 of every {@link #columns()} query: what {@link TypeFacts} holds besides the name. */
    protected static final String TYPE_FACTS = ", c.data_type, c.character_maximum_length, c.numeric_precision,"
            + " c.numeric_scale, c.datetime_precision";

    /** What separates the enumeration values in column 11 of {@link #columns()}: the ASCII unit separator. */
    public static final char ENUM_SEPARATOR = (char) 31;

    /**
     * One row per column of a table, in the table's order, with eleven columns: the column's name, its
     * type as the database spells it, whether it is nullable ({@code YES} or {@code NO}), its default
     * expression, whether the database numbers it ({@code YES} or {@code NO}); then ({@link #TYPE_FACTS})
     * the bare data type, the character length, the numeric precision and scale, the fractional
     * seconds; and the enumeration values joined by {@link #ENUM_SEPARATOR}, or {@code NULL}.
     */
    public abstract String columns();

    /**
     * What the catalog says of one column's type.
     *
     * @param typeName the type as the database spells it (column 2 of {@link #columns()})
     * @param dataType the bare data type
     * @param length the character or byte length, or null
     * @param precision the numeric precision, or null
     * @param scale the numeric scale, or null
     * @param fractionalDigits the fractional-second digits, or null
     * @param enumValues the values of an enumeration, or empty
     */
    public record TypeFacts(String typeName, String dataType, Long length, Integer precision, Integer scale,
            Integer fractionalDigits, List<String> enumValues) {
        public TypeFacts {
            enumValues = List.copyOf(enumValues);
        }

        /** The length as an int, for the sized types. */
        public int size() {
            return Math.toIntExact(length);
        }
    }

    /**
     * The column's type as a {@link Type}, or {@code Type.custom(typeName)} where Divemap has no
     * factory for it or the facts do not fit one.
     */
    public final Type type(TypeFacts facts) {
        try {
            Type type = typeOf(facts, facts.dataType().toLowerCase(java.util.Locale.ROOT));
            return type != null ? type : Type.custom(facts.typeName());
        } catch (IllegalArgumentException | ArithmeticException | NullPointerException e) {
            return Type.custom(facts.typeName());
        }
    }

    /** The database's mapping, given the lower-case data type; null for a type without a factory. */
    protected abstract Type typeOf(TypeFacts facts, String dataType);

    /** Whether the column is an {@code UNSIGNED} number; only MySQL has them. */
    public boolean unsigned(TypeFacts facts) {
        return false;
    }

    /** {@code make()} with the fractional digits when the catalog gives a number other than the default. */
    protected static Type temporal(TypeFacts facts, java.util.function.IntFunction<Type> withDigits, Type plain,
            int defaultDigits) {
        Integer digits = facts.fractionalDigits();
        return digits == null || digits == defaultDigits ? plain : withDigits.apply(digits);
    }

    /**
     * The names of the indexes of a table that belong to a constraint (its primary key, a unique
     * constraint, the index H2 makes for a foreign key), which the inspector leaves out of the indexes.
     */
    public abstract Set<String> constraintIndexes(Connection connection, String schema, String table)
            throws SQLException;

    /**
     * One row per check constraint of a table: its name and its condition (with or without
     * {@code CHECK}). Its parameters name the schema and the table in turn: schema, table, schema, ...
     * The schema is named for the checks too rather than joined on: MariaDB then reads one schema's
     * checks, where the join alone made it open every table on the server.
     */
    public String checkConstraints() {
        return "SELECT tc.constraint_name, cc.check_clause FROM information_schema.table_constraints tc"
                + " JOIN information_schema.check_constraints cc ON cc.constraint_schema = tc.constraint_schema"
                + " AND cc.constraint_name = tc.constraint_name"
                + " WHERE tc.table_schema = ? AND tc.table_name = ? AND tc.constraint_type = 'CHECK'"
                + " AND cc.constraint_schema = ?" + checkTableCondition();
    }

    /**
     * Where check names are not unique per schema, the condition that keeps the table's own, with the
     * table as its one parameter; empty elsewhere.
     */
    protected String checkTableCondition() {
        return "";
    }

    /**
     * The catalog argument of the {@code DatabaseMetaData} methods for {@code schema}: null, the
     * connection's current catalog, except where the driver calls schemas catalogs (MySQL's).
     */
    public String metadataCatalog(String schema) {
        return null;
    }

    /** The first column of each row of {@code sql}, run with {@code parameters}. */
    protected static List<String> strings(Connection connection, String sql, String... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }
}
