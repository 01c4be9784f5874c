package org.divemap.migrations;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a migration's {@code upgrade} and {@code downgrade} change the database with: Alembic's
 * {@code op}. The runtime passes an implementation for the database at hand.
 *
 * <pre>{@code
 * @Override public void upgrade(Operations op) {
 *     op.createTable("dive_sites",
 *             Column.of("id", Type.bigint()).autoIncrement().primaryKey(),
 *             Column.of("name", Type.varchar(200)),
 *             Column.of("country", Type.varchar(100)).nullable());
 *     op.createIndex("dive_sites", Index.on("country"));
 * }
 * @Override public void downgrade(Operations op) {
 *     op.dropTable("dive_sites");
 * }
 * }</pre>
 *
 * <p><b>One vocabulary, three databases.</b> Each call is rendered to SQL by the dialect of the
 * database being migrated — MySQL/MariaDB, PostgreSQL or H2 — so one migration runs on all of them.
 * The Javadoc of each method says what it renders to conceptually, and where databases differ.
 * {@link #execute(String)} is the escape hatch for SQL only one database understands; use
 * {@link #database()} to choose it.
 *
 * <p><b>Online and offline.</b> Normally each call runs at once on a live connection. The same
 * migrations can also be <em>rendered offline</em>, printed as a SQL script without a database (for
 * review, or for a DBA to run). Offline, the calls that need data or a live schema —
 * {@link #connection()}, {@link #schema()}, {@link #batchUpdate(BatchUpdate)} — throw
 * {@link IllegalStateException}; check {@link #isOffline()} first if a migration must support both.
 *
 * <p><b>Names.</b> Tables, columns, indexes and constraints are named with plain strings. The dialect
 * quotes a name only where it must: a lower-case name of letters, digits and underscores that the
 * database does not reserve is written unquoted, so hand-written SQL reaches it as written; any other
 * name is quoted and kept exactly as written. Names must not be blank. Indexes and
 * constraints left unnamed are named by the {@link #namingConvention() naming convention}.
 *
 * <p><b>Transactions.</b> On PostgreSQL a migration's calls and its version-table update commit
 * together. MySQL, MariaDB and H2 commit before every DDL statement; if a migration fails there, the
 * runtime undoes the calls it can invert so the schema returns to the last applied revision. Calls
 * whose inverse is known from their arguments (for example {@link #addColumn}, or
 * {@link #alterColumn} with the existing column given) undo cleanly.
 *
 * <p>Every method throws {@link IllegalArgumentException} for invalid arguments, before anything
 * is sent to the database.
 */
public interface Operations {

    /** The databases Divemap renders for. */
    enum Database {
        /** MySQL 8. */
        MYSQL,
        /** MariaDB 10.6 or later; MySQL's dialect with MariaDB's differences. */
        MARIADB,
        /** PostgreSQL. */
        POSTGRESQL,
        /** H2, the embedded database for quick starts and tests. */
        H2
    }

    // ---------------------------------------------------------------- tables

    /**
     * Creates a table: {@code CREATE TABLE name (columns..., constraints...) options}. Column
     * comments become {@code COMMENT ON COLUMN} statements on PostgreSQL and H2, and the MySQL
     * options of {@link Table#options()} are left out there.
     *
     * <p>Unnamed constraints, including the unique and primary-key constraints declared on columns,
     * are named by the {@link #namingConvention()}. Undone by {@link #dropTable(String)}.
     */
    void createTable(Table table);

    /**
     * Creates a table from columns and table-level constraints in any order, as Alembic's
     * {@code op.create_table}; shorthand for {@code createTable(Table.of(name, elements))}.
     *
     * @throws IllegalArgumentException if the definition is inconsistent; see {@link Table}
     */
    default void createTable(String name, TableElement... elements) {
        createTable(Table.of(name, elements));
    }

    /**
     * Drops a table and its data: {@code DROP TABLE table}. Foreign keys of other tables that refer
     * to it must be dropped first. Cannot be undone by the runtime.
     */
    void dropTable(String table);

    /**
     * Renames a table: {@code RENAME TABLE from TO to} on MySQL, {@code ALTER TABLE from RENAME TO to}
     * elsewhere. Indexes and constraints keep their names, even if the naming convention would now
     * name them differently.
     */
    void renameTable(String from, String to);

    // ---------------------------------------------------------------- columns

    /**
     * Adds a column: {@code ALTER TABLE table ADD COLUMN ...}. A {@code NOT NULL} column without a
     * default fails on a table that has rows; give it a default, or add it nullable, fill it, and
     * make it {@code NOT NULL} with {@link #alterColumn}. Undone by {@link #dropColumn}.
     */
    void addColumn(String table, Column column);

    /**
     * Drops a column and its data: {@code ALTER TABLE table DROP COLUMN column}. PostgreSQL drops
     * the indexes and constraints on the column with it; MySQL drops single-column indexes with it,
     * and H2 refuses while a constraint still uses it. Cannot be undone by the runtime.
     */
    void dropColumn(String table, String column);

    /**
     * Changes a column's name, type, nullability, server default or comment, all in one call; see
     * {@link ColumnChange}. On MySQL this is {@code ALTER TABLE ... CHANGE/MODIFY/ALTER COLUMN}
     * restating the column; on PostgreSQL and H2 one {@code ALTER TABLE ... ALTER COLUMN} per change,
     * and {@code RENAME COLUMN}.
     *
     * @throws IllegalArgumentException if the change {@linkplain ColumnChange#isEmpty() changes nothing}
     */
    void alterColumn(String table, ColumnChange change);

    // ---------------------------------------------------------------- indexes

    /**
     * Creates an index: {@code CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name ON table (columns)}, with
     * MySQL prefix lengths and a PostgreSQL {@code WHERE}; see {@link Index}. Unnamed, it is named by
     * the {@link #namingConvention()}. Undone by {@link #dropIndex(String, Index)}.
     */
    void createIndex(String table, Index index);

    /**
     * Drops the index named {@code name}, used as written: {@code DROP INDEX name ON table} on MySQL,
     * {@code DROP INDEX name} elsewhere.
     */
    void dropIndex(String table, String name);

    /**
     * Drops {@code index}, naming it as {@link #createIndex} did: by its own name or by the naming
     * convention. Lets {@code upgrade} and {@code downgrade} share one {@link Index} constant.
     *
     * @throws IllegalArgumentException if the index is unnamed and the convention has no index
     *     template, so its name is unknown
     */
    default void dropIndex(String table, Index index) {
        String name = namingConvention().nameFor(table, index).orElseThrow(() -> new IllegalArgumentException(
                "cannot drop the unnamed index on " + table + index.columns() + ": the naming convention has no "
                        + "index template, so its name is unknown. Name it with .named(...) or call "
                        + "dropIndex(table, name) with the name the database gave it"));
        dropIndex(table, name);
    }

    // ---------------------------------------------------------------- constraints

    /**
     * Adds a primary key, foreign key, unique or check constraint to an existing table:
     * {@code ALTER TABLE table ADD CONSTRAINT name ...}. On MySQL a unique constraint is a unique
     * index, and checks are enforced from 8.0.16. Unnamed, it is named by the
     * {@link #namingConvention()}. Undone by {@link #dropConstraint(String, Constraint)}.
     */
    void addConstraint(String table, Constraint constraint);

    /**
     * Drops the constraint named {@code name}, used as written. {@code kind} is needed because
     * MySQL drops each kind differently ({@code DROP PRIMARY KEY}, {@code DROP FOREIGN KEY name},
     * {@code DROP INDEX name}, {@code DROP CHECK name}); elsewhere it is
     * {@code ALTER TABLE table DROP CONSTRAINT name}.
     */
    void dropConstraint(String table, String name, Constraint.Kind kind);

    /**
     * Drops {@code constraint}, naming it as {@link #addConstraint} did: by its own name or by the
     * naming convention.
     *
     * @throws IllegalArgumentException if the constraint is unnamed and the convention has no
     *     template for its kind, so its name is unknown
     */
    default void dropConstraint(String table, Constraint constraint) {
        String name = namingConvention().nameFor(table, constraint).orElseThrow(() -> new IllegalArgumentException(
                "cannot drop the unnamed " + constraint.kind() + " constraint on " + table + constraint.columns()
                        + ": " + (constraint.namedByServer() ? "the database named it (serverNamed())"
                                : "the naming convention has no template for it")
                        + ", so its name is unknown here. Use dropForeignKey(table, ForeignKeyRef.on(columns...)) or"
                        + " dropUniqueConstraint(table, columns...), which find it in the live schema, or call"
                        + " dropConstraint(table, name, kind) with the name the database gave it"));
        dropConstraint(table, name, constraint.kind());
    }

    /**
     * Drops the foreign key of {@code table} that {@code ref} means, found in the live schema by its
     * columns whatever its name: for a foreign key the database named
     * ({@link Constraint#serverNamed()}, or Alembic's {@code op.create_foreign_key(None, ...)}).
     * As {@link #dropConstraint(String, String, Constraint.Kind)}, it leaves the index MySQL created
     * for the key; drop that with {@link #dropIndex(String, String)} (its name is the first
     * column's) or find it with {@link SchemaInspector#indexesOn}.
     *
     * <pre>{@code
     * op.dropForeignKey("dives", ForeignKeyRef.on("diving_center_id"));
     * }</pre>
     *
     * @throws IllegalStateException when rendering offline, since the name is read from the live
     *     schema; when the table has no such foreign key (the message lists those it has); or when
     *     several match
     */
    default void dropForeignKey(String table, ForeignKeyRef ref) {
        Checks.identifier(table, "table name");
        Checks.notNull(ref, "foreign key reference");
        if (isOffline()) {
            throw new IllegalStateException("dropForeignKey(\"" + table + "\", " + ref + ") reads the name of the"
                    + " foreign key from the live schema, so it cannot be rendered offline. Name the constraint when"
                    + " it is created (.named(...)) and drop it with dropConstraint, or run this revision online.");
        }
        SchemaInspector.ForeignKeyInfo key = schema().foreignKey(table, ref).orElseThrow(() ->
                new IllegalStateException("table " + table + " has no foreign key that " + ref + " matches; it has "
                        + schema().foreignKeys(table).stream().map(k -> k.name() + " " + k.columns() + " -> "
                                + k.referredTable()).toList()
                        + ". Check with op.schema().foreignKey(table, ref) first if it may be missing."));
        dropConstraint(table, key.name(), Constraint.Kind.FOREIGN_KEY);
    }

    /**
     * Drops the unique constraint of {@code table} on exactly these columns, found in the live
     * schema whatever its name (on MySQL: the unique index on them).
     *
     * @throws IllegalStateException when rendering offline, or when the table has no such constraint
     */
    default void dropUniqueConstraint(String table, String... columns) {
        Checks.identifier(table, "table name");
        List<String> wanted = Checks.columnNames(columns, "a unique constraint look-up");
        if (isOffline()) {
            throw new IllegalStateException("dropUniqueConstraint(\"" + table + "\", " + wanted + ") reads the name"
                    + " of the constraint from the live schema, so it cannot be rendered offline. Name the constraint"
                    + " when it is created (.named(...)) and drop it with dropConstraint, or run this revision online.");
        }
        SchemaInspector.UniqueConstraintInfo unique = schema().uniqueConstraintOn(table, columns).orElseThrow(() ->
                new IllegalStateException("table " + table + " has no unique constraint on " + wanted + "; it has "
                        + schema().uniqueConstraints(table).stream().map(u -> u.name() + " " + u.columns()).toList()
                        + "."));
        dropConstraint(table, unique.name(), Constraint.Kind.UNIQUE);
    }

    // ---------------------------------------------------------------- SQL and data

    /**
     * Runs one SQL statement as written, for what the other methods do not cover. Offline it is
     * printed as written. The runtime cannot undo it on MySQL.
     */
    void execute(String sql);

    /**
     * Runs one parameterised SQL statement, binding {@code params} to its {@code ?} placeholders in
     * order. Supported values: {@code null}, {@code String}, {@code Boolean}, the {@code Number}s,
     * {@code byte[]}, {@code java.util.UUID} and the {@code java.time} types. Offline, each value is
     * printed as a SQL literal in place of its placeholder.
     *
     * @throws IllegalArgumentException if the number of values differs from the number of placeholders
     */
    void execute(String sql, Object... params);

    /**
     * Runs one parameterised data change, binding {@code params} as {@link #execute(String, Object...)}
     * does, and returns how many rows it changed (JDBC's update count), as Alembic's
     * {@code op.get_bind().execute(...).rowcount}.
     *
     * @throws IllegalStateException when rendering offline: the count depends on the data; use
     *     {@code execute} in a migration meant for offline scripts
     */
    int update(String sql, Object... params);

    /**
     * Runs one parameterised {@code INSERT} and returns the value the database generated for
     * {@code keyColumn} (an auto-increment or identity column), as Alembic's {@code lastrowid}; a
     * {@code Long} for integer keys. An insert of several rows returns the first row's key.
     *
     * @throws IllegalStateException when rendering offline, or when the database generated no key
     */
    Object insertReturningKey(String sql, String keyColumn, Object... params);

    /**
     * Runs a query, binding {@code params} as {@link #execute(String, Object...)} does, and returns
     * its rows, each a map from column label (as the database reports it) to value, in column order.
     * For small results: a lookup, a count, the rows of a small table.
     *
     * @throws IllegalStateException when rendering offline: there is no data to read
     */
    List<Map<String, Object>> queryForList(String sql, Object... params);

    /**
     * Runs a query and maps each row with {@code mapper}, as JDBC's rows come.
     *
     * @throws IllegalStateException when rendering offline
     */
    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params);

    /**
     * Runs a query and returns its rows mapped by {@code mapper} one at a time, for results too large
     * for a list; close the stream (try-with-resources), which closes the query.
     *
     * <pre>{@code
     * try (Stream<Long> ids = op.queryForStream("SELECT id FROM dives", row -> row.getLong(1))) {
     *     ids.forEach(id -> ...);
     * }
     * }</pre>
     *
     * @throws IllegalStateException when rendering offline
     */
    <T> java.util.stream.Stream<T> queryForStream(String sql, RowMapper<T> mapper, Object... params);

    /**
     * Runs a query that returns exactly one row of one column and returns that value as {@code type}
     * (for example {@code Long.class} for a {@code COUNT(*)}); {@code null} for SQL {@code NULL}.
     *
     * @throws IllegalStateException when rendering offline, or when the query returns no row, several
     *     rows or several columns
     */
    <T> T queryForObject(String sql, Class<T> type, Object... params);

    /**
     * Commits what the migration did so far, as Alembic's {@code connection.commit()} in a migration:
     * on PostgreSQL it ends the migration's transaction there (the rest runs in a new one), elsewhere
     * it commits the data changes made through {@link #connection()}. The revision stays recorded as
     * in progress until it ends, so a failure or a crash after the commit is reported and stops
     * later runs until a stamp, instead of being run again over what committed. Offline it prints
     * {@code COMMIT}. {@code op.connection().commit()} does the same.
     */
    void commit();

    /**
     * Inserts rows given as values per column: {@code INSERT INTO table (columns) VALUES (...), ...},
     * in batches. Each row has one value per column, in column order; {@code null} inserts
     * {@code NULL}. Supported values are those of {@link #execute(String, Object...)}. An empty list
     * inserts nothing.
     *
     * @throws IllegalArgumentException if no column is given, a column is repeated, or a row has the
     *     wrong number of values
     */
    void bulkInsert(String table, List<String> columns, List<List<Object>> rows);

    /**
     * Inserts rows given as maps from column name to value, as Alembic's {@code op.bulk_insert}.
     * Every row must have the same keys. Columns are inserted in alphabetical order, so the SQL
     * (and its checksum) is the same on every run whatever kind of map is passed.
     *
     * @throws IllegalArgumentException if the rows do not all have the same keys
     */
    default void bulkInsert(String table, List<Map<String, Object>> rows) {
        Checks.identifier(table, "bulk insert table");
        Checks.notNull(rows, "rows to insert");
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Object> first = Checks.notNull(rows.get(0), "row 0");
        Set<String> columns = new TreeSet<>(Checks.columnNames(first.keySet(), "row 0 of the insert into " + table));
        List<List<Object>> values = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = Checks.notNull(rows.get(i), "row " + i);
            if (!row.keySet().equals(columns)) {
                throw new IllegalArgumentException("row " + i + " of the insert into " + table + " has columns "
                        + new TreeSet<>(row.keySet()) + " but row 0 has " + columns
                        + "; give every row the same keys, with null for NULL");
            }
            Object[] rowValues = new Object[columns.size()];
            int c = 0;
            for (String column : columns) {
                rowValues[c++] = row.get(column);
            }
            values.add(Collections.unmodifiableList(Arrays.asList(rowValues)));
        }
        bulkInsert(table, List.copyOf(columns), Collections.unmodifiableList(values));
    }

    /**
     * Updates a large table in key-range batches, committing each batch; never uses
     * {@code LIMIT}/{@code OFFSET} paging. See {@link BatchUpdate} for how batches are chosen and why
     * the action must be safe to run again.
     *
     * @throws IllegalStateException when rendering offline, since the batches depend on the data
     */
    void batchUpdate(BatchUpdate spec);

    /**
     * The live JDBC connection, inside the migration's transaction where the database has one, for
     * data migrations the other methods do not cover. Do not commit, roll back or close it: the
     * runtime does. On MySQL and MariaDB its auto-commit is off; what is done on it commits with the
     * next DDL statement or with the version row, and stays if the migration fails later.
     *
     * @throws IllegalStateException when rendering offline: there is no database to talk to
     */
    Connection connection();

    /**
     * Reads the live schema, for migrations that depend on what is there; see {@link SchemaInspector}.
     *
     * @throws IllegalStateException when rendering offline: there is no schema to read
     */
    SchemaInspector schema();

    // ---------------------------------------------------------------- context and options

    /**
     * Marks {@code name} as final: the {@link #namingConvention()} uses it exactly as written, even
     * where its template contains {@code {constraint}}. As Alembic's {@code op.f()}:
     * {@code Index.on("email").named(op.f("ix_users_email"))}.
     */
    default Name f(String name) {
        return Name.converted(name);
    }

    /** The naming convention that names unnamed indexes and constraints; {@link NamingConvention#DEFAULT} unless configured. */
    NamingConvention namingConvention();

    /**
     * Operations that render with these online DDL options: MySQL {@code ALGORITHM=}/{@code LOCK=} on
     * the {@code ALTER TABLE}s of columns and indexes (not constraints), PostgreSQL
     * {@code CONCURRENTLY} on index creation and removal (in a migration whose
     * {@code transactional()} is false). The returned object is a view over this one; this one is unchanged.
     * Calls the options do not apply to ({@code createTable}, {@code execute}, ...) behave as usual.
     *
     * <pre>{@code
     * op.online(OnlineDdl.mysql(Algorithm.INPLACE, Lock.NONE)).createIndex("dives", Index.on("site_id"));
     * }</pre>
     */
    Operations online(OnlineDdl options);

    /** The database being migrated (or rendered for, offline). */
    Database database();

    /** Whether SQL is being rendered offline, without a database. */
    boolean isOffline();
}
