package org.divemap.migrations.runtime.sql;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.divemap.migrations.ReferentialAction;
import org.divemap.migrations.SchemaInspector;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.dialect.CatalogQueries;
import org.divemap.migrations.runtime.dialect.Dialect;

/**
 * A {@link SchemaInspector} over a live connection. Every call reads the metadata again, so a
 * migration sees its own earlier changes. Tables, columns and unique constraints come from
 * {@code information_schema}; indexes, foreign keys and primary keys from {@link DatabaseMetaData}.
 * Table names are looked up ignoring case (the exact spelling wins if several tables differ only
 * in case); everything is returned as the database stores it.
 *
 * <p>What each database reports:
 *
 * <ul>
 *   <li><b>Type names</b> are the database's own. MySQL and MariaDB: the full column type, with
 *       length, precision and attributes ({@code varchar(120)}, {@code int(11)} on MariaDB,
 *       {@code decimal(10,2)}, {@code int unsigned}). PostgreSQL: {@code data_type}
 *       ({@code character varying}, {@code integer}, {@code numeric},
 *       {@code timestamp without time zone}; the type's own name for enums and arrays). H2:
 *       {@code DATA_TYPE} ({@code CHARACTER VARYING}, {@code INTEGER}, {@code NUMERIC}), with the
 *       length or precision added. {@link ColumnInfo#type()} has the same as a {@code Type}, read
 *       from the catalog's lengths, precisions, scales, fractional seconds and enumeration values
 *       (each dialect's {@link CatalogQueries#type}).
 *   <li><b>Defaults</b> are the stored expression: {@code current_timestamp()} and {@code 'open'} on
 *       MariaDB; {@code CURRENT_TIMESTAMP} and {@code 'open'::character varying} on PostgreSQL;
 *       {@code CURRENT_TIMESTAMP} and {@code 'open'} on H2. MySQL (not MariaDB) stores literal
 *       defaults without quotes ({@code open}). An explicit {@code DEFAULT NULL} is reported as no
 *       default ({@code null}).
 *   <li><b>Indexes</b> are those a user can create and drop as indexes. The primary key's index is
 *       left out everywhere. On PostgreSQL and H2 the indexes that back a constraint (a unique
 *       constraint, or the index H2 creates for a foreign key) are left out too: they belong to
 *       the constraint and are listed by {@link #uniqueConstraints(String)}. On MySQL and MariaDB a
 *       unique constraint <em>is</em> a unique index, so it is listed by both methods, and
 *       {@code CREATE UNIQUE INDEX} there also makes a unique constraint; the index InnoDB adds for
 *       a foreign key (named after it) is listed as an ordinary index. FULLTEXT and SPATIAL
 *       indexes are listed as non-unique indexes; {@link IndexInfo} cannot say which kind they are.
 *       Expression indexes list the expression as PostgreSQL reports it; MySQL's functional key
 *       parts, which JDBC reports without a name, are left out of the column list.
 *   <li><b>Foreign key actions</b> are those stored: MariaDB and MySQL store an omitted action as
 *       {@code RESTRICT}, and H2 stores both an omitted action and {@code NO ACTION} as
 *       {@code RESTRICT} (on both, the two behave the same); PostgreSQL reports {@code NO ACTION}.
 * </ul>
 *
 * <p>Not thread-safe, like the connection it reads.
 */
public final class JdbcSchemaInspector implements SchemaInspector {

    /** Case-insensitive, then exact, so the order does not depend on how the database folds case. */
    private static final Comparator<String> NAME_ORDER =
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    /** MariaDB lists system-versioned tables as their own type; they are base tables all the same. */
    private static final String BASE_TABLE = "table_type IN ('BASE TABLE', 'SYSTEM VERSIONED')";

    private final Connection connection;
    private final Dialect dialect;
    private final CatalogQueries catalog;
    private final String configuredSchema;

    /**
     * @param connection the connection to read through; the caller keeps owning it
     * @param dialect the connection's dialect
     * @param schemaOrNull the schema (database, on MySQL) to inspect, exactly as stored; null for
     *     the connection's current one, read at each call
     */
    public JdbcSchemaInspector(Connection connection, Dialect dialect, String schemaOrNull) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.catalog = dialect.catalog();
        this.configuredSchema = schemaOrNull;
    }

    @Override
    public List<String> tableNames() {
        String schema = schema();
        try {
            List<String> names = strings("SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND "
                    + BASE_TABLE, schema);
            names.sort(NAME_ORDER);
            return List.copyOf(names);
        } catch (SQLException e) {
            throw failure("the table names", null, schema, e);
        }
    }

    @Override
    public List<ColumnInfo> columns(String table) {
        String schema = schema();
        try {
            Optional<String> name = resolve(schema, table);
            if (name.isEmpty()) {
                return List.of();
            }
            List<ColumnInfo> columns = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(catalog.columns())) {
                statement.setString(1, schema);
                statement.setString(2, name.get());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        columns.add(column(rs));
                    }
                }
            }
            return List.copyOf(columns);
        } catch (SQLException e) {
            throw failure("the columns", table, schema, e);
        }
    }

    private ColumnInfo column(ResultSet rs) throws SQLException {
        String defaultValue = rs.getString(4);
        String enumValues = rs.getString(11);
        CatalogQueries.TypeFacts facts = new CatalogQueries.TypeFacts(rs.getString(2), rs.getString(6),
                number(rs, 7), integer(rs, 8), integer(rs, 9), integer(rs, 10),
                enumValues == null ? List.of()
                        : List.of(enumValues.split(String.valueOf(CatalogQueries.ENUM_SEPARATOR), -1)));
        return new ColumnInfo(rs.getString(1), rs.getString(2), "YES".equalsIgnoreCase(rs.getString(3)),
                isNullDefault(defaultValue) ? null : defaultValue, "YES".equalsIgnoreCase(rs.getString(5)),
                catalog.type(facts), catalog.unsigned(facts));
    }

    private static Long number(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        Long value = number(rs, column);
        return value == null ? null : (int) Math.min(Integer.MAX_VALUE, value);
    }

    /** {@code NULL} (MariaDB, H2) or {@code NULL::character varying} (PostgreSQL): no default. */
    private static boolean isNullDefault(String value) {
        if (value == null) {
            return true;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        return upper.equals("NULL") || upper.startsWith("NULL::");
    }

    @Override
    public List<IndexInfo> indexes(String table) {
        String schema = schema();
        try {
            Optional<String> name = resolve(schema, table);
            if (name.isEmpty()) {
                return List.of();
            }
            Set<String> constraintIndexes = catalog.constraintIndexes(connection, schema, name.get());
            Map<String, Boolean> unique = new TreeMap<>(NAME_ORDER);
            Map<String, Map<Integer, String>> columns = new TreeMap<>(NAME_ORDER);
            try (ResultSet rs = connection.getMetaData()
                    .getIndexInfo(catalogArgument(schema), schema, name.get(), false, true)) {
                while (rs.next()) {
                    String index = rs.getString("INDEX_NAME");
                    if (index == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic
                            || constraintIndexes.contains(index)) {
                        continue;
                    }
                    unique.put(index, !rs.getBoolean("NON_UNIQUE"));
                    Map<Integer, String> parts = columns.computeIfAbsent(index, k -> new TreeMap<>());
                    String column = rs.getString("COLUMN_NAME");
                    if (column != null) {
                        parts.put((int) rs.getShort("ORDINAL_POSITION"), column);
                    }
                }
            }
            List<IndexInfo> indexes = new ArrayList<>();
            unique.forEach((index, isUnique) ->
                    indexes.add(new IndexInfo(index, List.copyOf(columns.get(index).values()), isUnique)));
            return List.copyOf(indexes);
        } catch (SQLException e) {
            throw failure("the indexes", table, schema, e);
        }
    }

    @Override
    public List<ForeignKeyInfo> foreignKeys(String table) {
        String schema = schema();
        try {
            Optional<String> name = resolve(schema, table);
            if (name.isEmpty()) {
                return List.of();
            }
            Map<String, List<ForeignKeyPart>> keys = new TreeMap<>(NAME_ORDER);
            try (ResultSet rs = connection.getMetaData().getImportedKeys(catalogArgument(schema), schema, name.get())) {
                while (rs.next()) {
                    String key = rs.getString("FK_NAME");
                    if (key != null) {
                        keys.computeIfAbsent(key, k -> new ArrayList<>()).add(new ForeignKeyPart(rs.getShort("KEY_SEQ"),
                                rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"),
                                rs.getString("PKCOLUMN_NAME"), action(rs.getShort("DELETE_RULE")),
                                action(rs.getShort("UPDATE_RULE"))));
                    }
                }
            }
            List<ForeignKeyInfo> foreignKeys = new ArrayList<>();
            keys.forEach((key, parts) -> {
                parts.sort(Comparator.comparingInt(ForeignKeyPart::sequence));
                ForeignKeyPart first = parts.get(0);
                foreignKeys.add(new ForeignKeyInfo(key, parts.stream().map(ForeignKeyPart::column).toList(),
                        first.referredTable(), parts.stream().map(ForeignKeyPart::referredColumn).toList(),
                        first.onDelete(), first.onUpdate()));
            });
            return List.copyOf(foreignKeys);
        } catch (SQLException e) {
            throw failure("the foreign keys", table, schema, e);
        }
    }

    /** One row of {@link DatabaseMetaData#getImportedKeys}: one column pair of a foreign key. */
    private record ForeignKeyPart(int sequence, String column, String referredTable, String referredColumn,
            ReferentialAction onDelete, ReferentialAction onUpdate) {}

    private static ReferentialAction action(short rule) {
        return switch (rule) {
            case DatabaseMetaData.importedKeyCascade -> ReferentialAction.CASCADE;
            case DatabaseMetaData.importedKeySetNull -> ReferentialAction.SET_NULL;
            case DatabaseMetaData.importedKeySetDefault -> ReferentialAction.SET_DEFAULT;
            case DatabaseMetaData.importedKeyRestrict -> ReferentialAction.RESTRICT;
            default -> ReferentialAction.NO_ACTION;
        };
    }

    @Override
    public List<UniqueConstraintInfo> uniqueConstraints(String table) {
        String schema = schema();
        try {
            Optional<String> name = resolve(schema, table);
            if (name.isEmpty()) {
                return List.of();
            }
            Map<String, List<String>> constraints = new TreeMap<>(NAME_ORDER);
            // the schema and the table named for both views, not joined on: MariaDB then reads the one table's
            // constraints, where a join on them made it open every table of every schema on the server
            String sql = "SELECT tc.constraint_name, k.column_name FROM information_schema.table_constraints tc"
                    + " JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema"
                    + " AND k.constraint_name = tc.constraint_name"
                    + " WHERE tc.table_schema = ? AND tc.table_name = ? AND tc.constraint_type = 'UNIQUE'"
                    + " AND k.table_schema = ? AND k.table_name = ?"
                    + " ORDER BY tc.constraint_name, k.ordinal_position";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bindSchemaAndTable(statement, sql, schema, name.get());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        constraints.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
            }
            List<UniqueConstraintInfo> unique = new ArrayList<>();
            constraints.forEach((constraint, columns) -> unique.add(new UniqueConstraintInfo(constraint, columns)));
            return List.copyOf(unique);
        } catch (SQLException e) {
            throw failure("the unique constraints", table, schema, e);
        }
    }

    @Override
    public List<CheckConstraintInfo> checkConstraints(String table) {
        String schema = schema();
        try {
            Optional<String> name = resolve(schema, table);
            if (name.isEmpty()) {
                return List.of();
            }
            Map<String, String> checks = new TreeMap<>(NAME_ORDER);
            String sql = catalog.checkConstraints();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bindSchemaAndTable(statement, sql, schema, name.get());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        checks.put(rs.getString(1), condition(rs.getString(2)));
                    }
                }
            }
            List<CheckConstraintInfo> result = new ArrayList<>();
            checks.forEach((constraint, condition) -> result.add(new CheckConstraintInfo(constraint, condition)));
            return List.copyOf(result);
        } catch (SQLException e) {
            throw failure("the check constraints", table, schema, e);
        }
    }

    /**
     * Binds the parameters of {@code sql}, a catalog query whose parameters name the schema and the
     * table in turn (schema, table, schema, ...), and whose text has no other {@code ?}.
     */
    static void bindSchemaAndTable(PreparedStatement statement, String sql, String schema, String table)
            throws SQLException {
        int parameter = 0;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '?') {
                parameter++;
                statement.setString(parameter, parameter % 2 == 1 ? schema : table);
            }
        }
    }


    /** The condition alone: PostgreSQL prints the whole clause, {@code CHECK (...)}. */
    private static String condition(String clause) {
        String text = clause.strip();
        if (text.regionMatches(true, 0, "CHECK ", 0, 6)) {
            text = text.substring(6).strip();
        }
        return text;
    }

    @Override
    public Optional<PrimaryKeyInfo> primaryKey(String table) {
        String schema = schema();
        try {
            Optional<String> name = resolve(schema, table);
            if (name.isEmpty()) {
                return Optional.empty();
            }
            String key = null;
            Map<Integer, String> columns = new TreeMap<>();
            try (ResultSet rs = connection.getMetaData().getPrimaryKeys(catalogArgument(schema), schema, name.get())) {
                while (rs.next()) {
                    key = rs.getString("PK_NAME");
                    columns.put((int) rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
            if (columns.isEmpty()) {
                return Optional.empty();
            }
            // Every supported database names its primary keys; fall back to MySQL's name just in case.
            return Optional.of(new PrimaryKeyInfo(key == null || key.isBlank() ? "PRIMARY" : key,
                    List.copyOf(columns.values())));
        } catch (SQLException e) {
            throw failure("the primary key", table, schema, e);
        }
    }

    /** The inspected schema: the configured one, or the connection's current one. */
    private String schema() {
        if (configuredSchema != null) {
            return configuredSchema;
        }
        String current = dialect.currentSchema(connection);
        if (current == null) {
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, "The " + dialect.displayName()
                    + " connection has no current " + dialect.schemaNoun()
                    + ", so there is no schema to inspect. Name the " + dialect.schemaNoun()
                    + " in the JDBC URL, or configure the schema to migrate.");
        }
        return current;
    }

    /** The stored name of the base table {@code table}, matched ignoring case. */
    private Optional<String> resolve(String schema, String table) throws SQLException {
        if (table == null || table.isBlank()) {
            return Optional.empty();
        }
        // an exact name first: LOWER(...) makes MySQL and MariaDB open every table of the schema
        if (strings("SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_name = ?"
                + " AND " + BASE_TABLE, schema, table).contains(table)) {
            return Optional.of(table);
        }
        List<String> names = strings("SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND LOWER(table_name) = LOWER(?) AND " + BASE_TABLE, schema, table);
        if (names.contains(table)) {
            return Optional.of(table);
        }
        return names.stream().min(NAME_ORDER);
    }

    /** The catalog argument of the {@link DatabaseMetaData} methods, as the dialect's driver reads it. */
    private String catalogArgument(String schema) {
        return catalog.metadataCatalog(schema);
    }

    private List<String> strings(String sql, String... parameters) throws SQLException {
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

    private DivemapException failure(String what, String table, String schema, SQLException e) {
        String where = (table == null ? "" : " of table " + table) + " in "
                + dialect.schemaNoun() + " " + schema;
        return new DivemapException(DivemapException.Kind.DATABASE, "Could not read " + what + where + " from "
                + dialect.displayName() + ": " + e.getMessage()
                + ". Check that the connection is open and that its user may read the schema's metadata.", e);
    }
}
