package org.divemap.migrations;

import java.util.List;

/**
 * A table-level constraint: primary key, foreign key, unique or check. Use it inside
 * {@link Operations#createTable(String, TableElement...) createTable}, or on an existing table with
 * {@link Operations#addConstraint(String, Constraint)} and
 * {@link Operations#dropConstraint(String, Constraint)}:
 *
 * <pre>{@code
 * Constraint.primaryKey("dive_id", "tag")
 * Constraint.foreignKey("site_id", "dive_sites", "id").onDelete(ReferentialAction.CASCADE)
 * Constraint.unique("name", "country")
 * Constraint.check("max_depth > 0").named("max_depth_positive")
 * }</pre>
 *
 * <p>A constraint without a name is named by the {@link NamingConvention} in force
 * ({@link Operations#namingConvention()}), so {@code upgrade} and {@code downgrade} agree on it
 * without spelling it out. {@link #serverNamed()} leaves it unnamed whatever the convention says:
 * the DDL carries no {@code CONSTRAINT name} clause and the database picks the name, as
 * Alembic's {@code op.create_foreign_key(None, ...)} does ({@code dives_ibfk_1} on MySQL,
 * {@code dives_diving_center_id_fkey} on PostgreSQL). A later revision finds such a constraint by
 * its columns ({@link Operations#dropForeignKey(String, ForeignKeyRef)}). All implementations are
 * immutable records; {@code named(...)}, {@code serverNamed()}, {@code onDelete(...)} and
 * {@code onUpdate(...)} return copies.
 */
public sealed interface Constraint extends TableElement
        permits Constraint.PrimaryKey, Constraint.ForeignKey, Constraint.Unique, Constraint.Check {

    /** The four kinds of constraint; MySQL needs to know which one it drops. */
    enum Kind {
        /** {@code PRIMARY KEY}; dropped with {@code DROP PRIMARY KEY} on MySQL. */
        PRIMARY_KEY,
        /** {@code FOREIGN KEY ... REFERENCES}; dropped with {@code DROP FOREIGN KEY} on MySQL. */
        FOREIGN_KEY,
        /** {@code UNIQUE}; on MySQL a unique index, dropped with {@code DROP INDEX}. */
        UNIQUE,
        /** {@code CHECK}; MySQL enforces checks from 8.0.16 and drops them with {@code DROP CHECK}. */
        CHECK
    }

    /** Which kind of constraint this is. */
    Kind kind();

    /** The name given with {@code named(...)}, or {@code null} for the naming convention (or the server) to decide. */
    Name name();

    /**
     * Whether the database names this constraint: {@link #serverNamed()} was called, so no naming
     * convention applies and the DDL has no {@code CONSTRAINT name} clause.
     */
    boolean namedByServer();

    /** The constrained columns, in order; empty for a {@link Check}. */
    List<String> columns();

    /**
     * A copy with this name. If the naming convention's template contains {@code {constraint}}, it
     * still builds the final name from this one; pass {@link Operations#f(String) op.f(name)} to
     * {@link #named(Name)} to use a name exactly as written.
     *
     * @throws IllegalArgumentException if {@code name} is blank
     */
    Constraint named(String name);

    /** A copy with this name; see {@link Name} for how plain and final names differ. */
    Constraint named(Name name);

    /**
     * A copy without a name that the database names, whatever the naming convention says: the DDL
     * has no {@code CONSTRAINT name} clause. MySQL and MariaDB then name a foreign key
     * {@code <table>_ibfk_<n>} and the index they create for it after its first column; PostgreSQL
     * names it {@code <table>_<columns>_fkey} ({@code _key}, {@code _check}, {@code _pkey});
     * H2 {@code CONSTRAINT_<n>}. Drop it later by its columns
     * ({@link Operations#dropForeignKey(String, ForeignKeyRef)},
     * {@link Operations#dropUniqueConstraint(String, String...)}), or by the name the database gave.
     * A failed migration on MySQL or H2 still undoes it: the runtime reads the name the database gave.
     */
    Constraint serverNamed();

    // ---------------------------------------------------------------- factories

    /**
     * A primary key on these columns, in order.
     *
     * @throws IllegalArgumentException if no column is given, or a column is blank or repeated
     */
    static PrimaryKey primaryKey(String... columns) {
        return new PrimaryKey(null, Checks.columnNames(columns, "a primary key"));
    }

    /**
     * A single-column foreign key: {@code FOREIGN KEY (column) REFERENCES referredTable (referredColumn)}.
     *
     * @throws IllegalArgumentException if any name is blank
     */
    static ForeignKey foreignKey(String column, String referredTable, String referredColumn) {
        return new ForeignKey(null, List.of(Checks.identifier(column, "foreign key column")), referredTable,
                List.of(Checks.identifier(referredColumn, "foreign key referred column")), null, null);
    }

    /**
     * A composite foreign key; {@code columns.get(i)} refers to {@code referredColumns.get(i)}.
     *
     * @throws IllegalArgumentException if a list is empty, has blank or repeated names, or the two
     *     lists differ in length
     */
    static ForeignKey foreignKey(List<String> columns, String referredTable, List<String> referredColumns) {
        return new ForeignKey(null, columns, referredTable, referredColumns, null, null);
    }

    /**
     * A unique constraint on these columns, in order.
     *
     * @throws IllegalArgumentException if no column is given, or a column is blank or repeated
     */
    static Unique unique(String... columns) {
        return new Unique(null, Checks.columnNames(columns, "a unique constraint"));
    }

    /**
     * A check constraint on a SQL boolean condition, passed to the database unchanged:
     * {@code CHECK (max_depth > 0)}. The default naming convention ({@code ck_{table}_{constraint}})
     * needs a name for it, so add {@code .named("max_depth_positive")}, or {@code .serverNamed()} to let
     * the database name it.
     *
     * @throws IllegalArgumentException if {@code condition} is blank
     */
    static Check check(String condition) {
        return new Check(null, condition);
    }

    // ---------------------------------------------------------------- the records

    /**
     * {@code PRIMARY KEY (columns)}. MySQL always names it {@code PRIMARY} and ignores the name.
     *
     * @param name the name, or {@code null} for the naming convention's
     * @param columns the key columns, in order
     * @param namedByServer whether the database names it ({@link #serverNamed()})
     */
    record PrimaryKey(Name name, List<String> columns, boolean namedByServer) implements Constraint {
        /** Checks the columns: at least one, none blank, none repeated; and not both named and server-named. */
        public PrimaryKey {
            columns = Checks.columnNames(columns, "a primary key");
            Checks.notBothNamed(name, namedByServer);
        }

        /** A primary key named {@code name}, or by the naming convention if {@code null}. */
        public PrimaryKey(Name name, List<String> columns) {
            this(name, columns, false);
        }

        @Override
        public Kind kind() {
            return Kind.PRIMARY_KEY;
        }

        @Override
        public PrimaryKey named(String name) {
            return named(Name.of(name));
        }

        @Override
        public PrimaryKey named(Name name) {
            return new PrimaryKey(Checks.notNull(name, "constraint name"), columns, false);
        }

        @Override
        public PrimaryKey serverNamed() {
            return new PrimaryKey(null, columns, true);
        }
    }

    /**
     * {@code FOREIGN KEY (columns) REFERENCES referredTable (referredColumns) [ON DELETE ...] [ON UPDATE ...]}.
     * MySQL needs an index on the columns and creates one if there is none.
     *
     * @param name the name, or {@code null} for the naming convention's
     * @param columns the referencing columns in this table, in order
     * @param referredTable the referenced table
     * @param referredColumns the referenced columns, one per referencing column
     * @param onDelete the action on delete, or {@code null} to leave it out (the database's
     *     {@code NO ACTION})
     * @param onUpdate the action on update, or {@code null} to leave it out
     * @param namedByServer whether the database names it ({@link #serverNamed()})
     */
    record ForeignKey(Name name, List<String> columns, String referredTable, List<String> referredColumns,
            ReferentialAction onDelete, ReferentialAction onUpdate, boolean namedByServer) implements Constraint {

        /** Checks the names, and that every referencing column has exactly one referred column. */
        public ForeignKey {
            columns = Checks.columnNames(columns, "a foreign key");
            Checks.identifier(referredTable, "foreign key referred table");
            referredColumns = Checks.columnNames(referredColumns, "the referred side of a foreign key");
            if (columns.size() != referredColumns.size()) {
                throw new IllegalArgumentException("foreign key " + columns + " -> " + referredTable
                        + referredColumns + " has " + columns.size() + " column(s) referring to "
                        + referredColumns.size() + "; give one referred column per referencing column");
            }
            Checks.notBothNamed(name, namedByServer);
        }

        /** A foreign key named {@code name}, or by the naming convention if {@code null}. */
        public ForeignKey(Name name, List<String> columns, String referredTable, List<String> referredColumns,
                ReferentialAction onDelete, ReferentialAction onUpdate) {
            this(name, columns, referredTable, referredColumns, onDelete, onUpdate, false);
        }

        @Override
        public Kind kind() {
            return Kind.FOREIGN_KEY;
        }

        @Override
        public ForeignKey named(String name) {
            return named(Name.of(name));
        }

        @Override
        public ForeignKey named(Name name) {
            return new ForeignKey(Checks.notNull(name, "constraint name"), columns, referredTable, referredColumns,
                    onDelete, onUpdate, false);
        }

        @Override
        public ForeignKey serverNamed() {
            return new ForeignKey(null, columns, referredTable, referredColumns, onDelete, onUpdate, true);
        }

        /** A copy with {@code ON DELETE action}. */
        public ForeignKey onDelete(ReferentialAction action) {
            return new ForeignKey(name, columns, referredTable, referredColumns,
                    Checks.notNull(action, "ON DELETE action"), onUpdate, namedByServer);
        }

        /** A copy with {@code ON UPDATE action}. */
        public ForeignKey onUpdate(ReferentialAction action) {
            return new ForeignKey(name, columns, referredTable, referredColumns, onDelete,
                    Checks.notNull(action, "ON UPDATE action"), namedByServer);
        }
    }

    /**
     * {@code UNIQUE (columns)}; on MySQL a unique index of the same name.
     *
     * @param name the name, or {@code null} for the naming convention's
     * @param columns the columns whose combination must be unique, in order
     * @param namedByServer whether the database names it ({@link #serverNamed()})
     */
    record Unique(Name name, List<String> columns, boolean namedByServer) implements Constraint {
        /** Checks the columns: at least one, none blank, none repeated; and not both named and server-named. */
        public Unique {
            columns = Checks.columnNames(columns, "a unique constraint");
            Checks.notBothNamed(name, namedByServer);
        }

        /** A unique constraint named {@code name}, or by the naming convention if {@code null}. */
        public Unique(Name name, List<String> columns) {
            this(name, columns, false);
        }

        @Override
        public Kind kind() {
            return Kind.UNIQUE;
        }

        @Override
        public Unique named(String name) {
            return named(Name.of(name));
        }

        @Override
        public Unique named(Name name) {
            return new Unique(Checks.notNull(name, "constraint name"), columns, false);
        }

        @Override
        public Unique serverNamed() {
            return new Unique(null, columns, true);
        }
    }

    /**
     * {@code CHECK (condition)}, the condition passed through unchanged.
     *
     * @param name the name, or {@code null} for the naming convention's
     * @param condition a SQL boolean expression over the table's columns
     * @param namedByServer whether the database names it ({@link #serverNamed()})
     */
    record Check(Name name, String condition, boolean namedByServer) implements Constraint {
        /** Checks that the condition is not blank, and that it is not both named and server-named. */
        public Check {
            if (condition == null || condition.isBlank()) {
                throw new IllegalArgumentException(
                        "a check constraint needs a SQL condition, e.g. Constraint.check(\"max_depth > 0\")");
            }
            Checks.notBothNamed(name, namedByServer);
        }

        /** A check constraint named {@code name}, or by the naming convention if {@code null}. */
        public Check(Name name, String condition) {
            this(name, condition, false);
        }

        @Override
        public Kind kind() {
            return Kind.CHECK;
        }

        /** Always empty: the condition is SQL, not a column list. */
        @Override
        public List<String> columns() {
            return List.of();
        }

        @Override
        public Check named(String name) {
            return named(Name.of(name));
        }

        @Override
        public Check named(Name name) {
            return new Check(Checks.notNull(name, "constraint name"), condition, false);
        }

        @Override
        public Check serverNamed() {
            return new Check(null, condition, true);
        }
    }
}
