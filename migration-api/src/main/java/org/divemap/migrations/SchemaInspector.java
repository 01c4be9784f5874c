package org.divemap.migrations;

import java.util.List;
import java.util.Optional;

/**
 * Reads the live schema, for migrations that depend on what is already there
 * ({@link Operations#schema()}):
 *
 * <pre>{@code
 * if (!op.schema().hasColumn("dive_sites", "country")) {
 *     op.addColumn("dive_sites", Column.of("country", Type.varchar(100)).nullable());
 * }
 * }</pre>
 *
 * <p>It sees the schema (or MySQL database) the migrations run in, including changes made earlier
 * in the same migration. Names are compared ignoring case, because H2 reports unquoted names in
 * upper case and PostgreSQL in lower case; the records hold names as the database reports them.
 * A table that does not exist has no columns, indexes or constraints: the list methods return an
 * empty list rather than throw.
 *
 * <p>Conditional migrations render differently depending on the database they meet, so use them
 * for repairs and adoption of existing schemas, not as the normal way to write history.
 */
public interface SchemaInspector {

    /** The names of the tables in the migrated schema, views excluded, sorted. */
    List<String> tableNames();

    /** The columns of {@code table} in their table order; empty if there is no such table. */
    List<ColumnInfo> columns(String table);

    /** The indexes of {@code table}, sorted by name, including those that back unique constraints on MySQL. */
    List<IndexInfo> indexes(String table);

    /** The foreign keys declared on {@code table} (those referring to other tables), sorted by name. */
    List<ForeignKeyInfo> foreignKeys(String table);

    /**
     * The unique constraints of {@code table}, sorted by name. On MySQL, where a unique constraint is
     * a unique index, these are its unique indexes.
     */
    List<UniqueConstraintInfo> uniqueConstraints(String table);

    /** The primary key of {@code table}, if it has one. */
    Optional<PrimaryKeyInfo> primaryKey(String table);

    /**
     * The check constraints of {@code table}, sorted by name, with their conditions as the database
     * stores them. {@code NOT NULL} is a column's nullability, not a check constraint. MariaDB lists
     * the checks it adds to {@code JSON} columns ({@code json_valid(...)}), named after the column.
     */
    List<CheckConstraintInfo> checkConstraints(String table);

    /** Whether {@code table} exists. */
    default boolean hasTable(String table) {
        return tableNames().stream().anyMatch(name -> name.equalsIgnoreCase(table));
    }

    /** {@code table} with its columns, if it exists. */
    default Optional<TableInfo> table(String table) {
        return tableNames().stream()
                .filter(name -> name.equalsIgnoreCase(table))
                .findFirst()
                .map(name -> new TableInfo(name, columns(name)));
    }

    /** The column {@code column} of {@code table}, if both exist. */
    default Optional<ColumnInfo> column(String table, String column) {
        return columns(table).stream().filter(c -> c.name().equalsIgnoreCase(column)).findFirst();
    }

    /** Whether {@code table} has a column named {@code column}. */
    default boolean hasColumn(String table, String column) {
        return column(table, column).isPresent();
    }

    /** Whether {@code table} has an index named {@code index}. */
    default boolean hasIndex(String table, String index) {
        return indexes(table).stream().anyMatch(i -> i.name().equalsIgnoreCase(index));
    }

    /** Whether {@code table} has a foreign key named {@code foreignKey}. */
    default boolean hasForeignKey(String table, String foreignKey) {
        return foreignKeys(table).stream().anyMatch(f -> f.name().equalsIgnoreCase(foreignKey));
    }

    /** Whether {@code table} has a check constraint named {@code constraint}. */
    default boolean hasCheckConstraint(String table, String constraint) {
        return checkConstraints(table).stream().anyMatch(c -> c.name().equalsIgnoreCase(constraint));
    }

    /** Whether {@code table} has a unique constraint (on MySQL: a unique index) named {@code constraint}. */
    default boolean hasUniqueConstraint(String table, String constraint) {
        return uniqueConstraints(table).stream().anyMatch(u -> u.name().equalsIgnoreCase(constraint));
    }

    /**
     * The foreign key of {@code table} that {@code ref} means, found by its columns (and referred
     * table, if the reference names one) whatever its name: for constraints the database named.
     *
     * @throws IllegalStateException if several foreign keys match; add
     *     {@link ForeignKeyRef#referring(String)} to tell them apart
     */
    default Optional<ForeignKeyInfo> foreignKey(String table, ForeignKeyRef ref) {
        Checks.notNull(ref, "foreign key reference");
        List<ForeignKeyInfo> matches = foreignKeys(table).stream().filter(ref::matches).toList();
        if (matches.size() > 1) {
            throw new IllegalStateException("table " + table + " has " + matches.size() + " foreign keys that " + ref
                    + " matches: " + matches.stream().map(k -> k.name() + " -> " + k.referredTable()).toList()
                    + ". Add .referring(table) to say which one.");
        }
        return matches.stream().findFirst();
    }

    /**
     * The unique constraint of {@code table} on exactly these columns, in this order, whatever its
     * name (on MySQL: the unique index on them).
     */
    default Optional<UniqueConstraintInfo> uniqueConstraintOn(String table, String... columns) {
        List<String> wanted = Checks.columnNames(columns, "a unique constraint look-up");
        return uniqueConstraints(table).stream().filter(u -> ForeignKeyRef.sameNames(wanted, u.columns())).findFirst();
    }

    /**
     * The indexes of {@code table} on exactly these columns, in this order, whatever their names
     * (for example the index MySQL created for a foreign key, named after its first column).
     */
    default List<IndexInfo> indexesOn(String table, String... columns) {
        List<String> wanted = Checks.columnNames(columns, "an index look-up");
        return indexes(table).stream().filter(i -> ForeignKeyRef.sameNames(wanted, i.columns())).toList();
    }

    /**
     * A table and its columns.
     *
     * @param name the table name as the database reports it
     * @param columns its columns in table order
     */
    record TableInfo(String name, List<ColumnInfo> columns) {
        /** Checks the name and copies the columns. */
        public TableInfo {
            Checks.identifier(name, "table name");
            columns = List.copyOf(Checks.notNull(columns, "columns"));
        }
    }

    /**
     * A column as the database describes it.
     *
     * <pre>{@code
     * ColumnInfo status = op.schema().column("dives", "status").orElseThrow();
     * if (status.type() instanceof Type.Enumeration e && e.values().contains("archived")) { ... }
     * if (status.type() instanceof Type.Sized s && s.length() < 200) { ... }
     * }</pre>
     *
     * @param name the column name as the database reports it
     * @param typeName the database's own type name with its length, or precision and scale, e.g.
     *     {@code varchar(100)} on MySQL, {@code character varying(100)} on PostgreSQL,
     *     {@code CHARACTER VARYING(100)} on H2, {@code numeric(10,2)}; for display
     * @param nullable whether it accepts {@code NULL}
     * @param defaultValue the default as the database reports it (an expression such as
     *     {@code 'open'} or {@code CURRENT_TIMESTAMP}), or {@code null} if it has none
     * @param autoIncrement whether the database generates its values
     * @param type the type as a {@link Type}, read from the database's catalog: its length
     *     ({@link Type.Sized}), precision and scale ({@link Type.Decimal}), fractional seconds
     *     ({@link Type.Temporal}), enumeration values ({@link Type.Enumeration}, MySQL, MariaDB,
     *     H2 and PostgreSQL's own enum types); {@link Type.Custom} holding {@code typeName} for a
     *     type Divemap has no factory for ({@code geometry}, {@code mediumint}, arrays)
     * @param unsigned whether the number is {@code UNSIGNED} (MySQL and MariaDB only)
     */
    record ColumnInfo(String name, String typeName, boolean nullable, String defaultValue, boolean autoIncrement,
            Type type, boolean unsigned) {
        /** Checks that the name and type name are not blank, and that there is a type. */
        public ColumnInfo {
            Checks.identifier(name, "column name");
            Checks.text(typeName, "the type name of column \"" + name + "\"");
            Checks.notNull(type, "the type of column \"" + name + "\"");
        }

        /** A column whose type is known only by its name: {@code type} is {@code Type.custom(typeName)}. */
        public ColumnInfo(String name, String typeName, boolean nullable, String defaultValue, boolean autoIncrement) {
            this(name, typeName, nullable, defaultValue, autoIncrement,
                    Type.custom(Checks.text(typeName, "the type name of column \"" + name + "\"")), false);
        }
    }

    /**
     * An index.
     *
     * @param name its name ({@code PRIMARY} for MySQL's primary key index)
     * @param columns the indexed columns, in order
     * @param unique whether it is unique
     */
    record IndexInfo(String name, List<String> columns, boolean unique) {
        /** Checks the name and copies the columns. */
        public IndexInfo {
            Checks.identifier(name, "index name");
            columns = List.copyOf(Checks.notNull(columns, "columns"));
        }
    }

    /**
     * A foreign key.
     *
     * @param name its name
     * @param columns the referencing columns, in order
     * @param referredTable the referenced table
     * @param referredColumns the referenced columns, one per referencing column
     * @param onDelete its {@code ON DELETE} action ({@link ReferentialAction#NO_ACTION} if none was given)
     * @param onUpdate its {@code ON UPDATE} action ({@link ReferentialAction#NO_ACTION} if none was given)
     */
    record ForeignKeyInfo(String name, List<String> columns, String referredTable, List<String> referredColumns,
            ReferentialAction onDelete, ReferentialAction onUpdate) {
        /** Checks the names and copies the columns. */
        public ForeignKeyInfo {
            Checks.identifier(name, "foreign key name");
            Checks.identifier(referredTable, "referred table");
            columns = List.copyOf(Checks.notNull(columns, "columns"));
            referredColumns = List.copyOf(Checks.notNull(referredColumns, "referred columns"));
            Checks.notNull(onDelete, "ON DELETE action");
            Checks.notNull(onUpdate, "ON UPDATE action");
        }
    }

    /**
     * A unique constraint.
     *
     * @param name its name
     * @param columns its columns, in order
     */
    record UniqueConstraintInfo(String name, List<String> columns) {
        /** Checks the name and copies the columns. */
        public UniqueConstraintInfo {
            Checks.identifier(name, "unique constraint name");
            columns = List.copyOf(Checks.notNull(columns, "columns"));
        }
    }

    /**
     * A check constraint.
     *
     * @param name its name
     * @param condition its condition as the database stores and prints it, which differs from what
     *     was written ({@code (`rating` >= 1)} on MySQL, {@code ((rating >= 1))} on PostgreSQL)
     */
    record CheckConstraintInfo(String name, String condition) {
        /** Checks the name and the condition. */
        public CheckConstraintInfo {
            Checks.identifier(name, "check constraint name");
            Checks.text(condition, "the condition of check constraint \"" + name + "\"");
        }
    }

    /**
     * A primary key.
     *
     * @param name its name ({@code PRIMARY} on MySQL)
     * @param columns its columns, in order
     */
    record PrimaryKeyInfo(String name, List<String> columns) {
        /** Checks the name and copies the columns. */
        public PrimaryKeyInfo {
            Checks.identifier(name, "primary key name");
            columns = List.copyOf(Checks.notNull(columns, "columns"));
        }
    }
}
