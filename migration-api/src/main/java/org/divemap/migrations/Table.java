package org.divemap.migrations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A complete table definition for {@link Operations#createTable(Table)}: columns, table-level
 * constraints and options. Most migrations use the shorter
 * {@link Operations#createTable(String, TableElement...)}; build a {@code Table} when you need
 * options or want to keep the definition in a constant:
 *
 * <pre>{@code
 * Table.of("dives",
 *         Column.of("id", Type.bigint()).autoIncrement().primaryKey(),
 *         Column.of("site_id", Type.bigint()),
 *         Column.of("max_depth", Type.decimal(5, 1)).nullable(),
 *         Constraint.foreignKey("site_id", "dive_sites", "id").onDelete(ReferentialAction.CASCADE),
 *         Constraint.check("max_depth > 0").named("max_depth_positive"))
 *     .options(TableOptions.NONE.comment("One logged dive").engine("InnoDB"))
 * }</pre>
 *
 * <p>The definition is checked as a whole when it is built, so mistakes surface in the migration
 * that makes them and not as a database error halfway through a deploy.
 *
 * @param name the table name
 * @param columns the columns, in order; at least one
 * @param constraints the table-level constraints, in order
 * @param options comment and MySQL table options; {@link TableOptions#NONE} for none
 */
public record Table(String name, List<Column> columns, List<Constraint> constraints, TableOptions options) {

    /**
     * Checks the definition: at least one column; no column name twice (ignoring case); every
     * column a constraint names exists (for a foreign key to this same table, on both sides); one
     * primary key at most, declared either on columns or as a constraint but not both, and on
     * {@code NOT NULL} columns only; one auto-increment column at most; no constraint name twice.
     */
    public Table {
        Checks.identifier(name, "table name");
        Checks.notNull(columns, "the columns of table \"" + name + "\"");
        Checks.notNull(constraints, "the constraints of table \"" + name + "\" (use an empty list for none)");
        Checks.notNull(options, "the options of table \"" + name + "\" (use TableOptions.NONE for none)");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table \"" + name + "\" needs at least one column");
        }
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);

        String table = "table \"" + name + "\"";
        Map<String, Column> byName = new HashMap<>();
        List<String> primaryKeyColumns = new ArrayList<>();
        String autoIncrement = null;
        for (Column column : columns) {
            if (byName.put(key(column.name()), column) != null) {
                throw new IllegalArgumentException(
                        table + " defines column \"" + column.name() + "\" twice; rename or remove one");
            }
            if (column.isPrimaryKey()) {
                primaryKeyColumns.add(column.name());
            }
            if (column.isAutoIncrement()) {
                if (autoIncrement != null) {
                    throw new IllegalArgumentException(table + " has two auto-increment columns, \"" + autoIncrement
                            + "\" and \"" + column.name() + "\"; a table can have only one");
                }
                autoIncrement = column.name();
            }
        }

        boolean primaryKeyConstraint = false;
        Set<String> constraintNames = new HashSet<>();
        for (Constraint constraint : constraints) {
            if (constraint.name() != null && !constraintNames.add(key(constraint.name().value()))) {
                throw new IllegalArgumentException(table + " has two constraints named \"" + constraint.name()
                        + "\"; constraint names must be unique");
            }
            for (String column : constraint.columns()) {
                if (!byName.containsKey(key(column))) {
                    throw new IllegalArgumentException(table + ": " + describe(constraint) + " names column \""
                            + column + "\", which the table does not define; add the column or fix the name");
                }
            }
            if (constraint instanceof Constraint.ForeignKey) {
                Constraint.ForeignKey foreignKey = (Constraint.ForeignKey) constraint;
                if (key(foreignKey.referredTable()).equals(key(name))) {
                    for (String column : foreignKey.referredColumns()) {
                        if (!byName.containsKey(key(column))) {
                            throw new IllegalArgumentException(table + ": " + describe(constraint)
                                    + " refers to column \"" + column + "\" of the same table, which it does not define");
                        }
                    }
                }
            }
            if (constraint instanceof Constraint.PrimaryKey) {
                if (primaryKeyConstraint) {
                    throw new IllegalArgumentException(table + " declares two primary keys; a table has one");
                }
                if (!primaryKeyColumns.isEmpty()) {
                    throw new IllegalArgumentException(table + " declares its primary key twice: on column(s) "
                            + primaryKeyColumns + " with .primaryKey() and as " + describe(constraint)
                            + "; keep one of them");
                }
                primaryKeyConstraint = true;
                for (String column : constraint.columns()) {
                    if (byName.get(key(column)).isNullable()) {
                        throw new IllegalArgumentException(table + ": primary key column \"" + column
                                + "\" is nullable; remove .nullable() from it");
                    }
                }
            }
        }
    }

    /**
     * A table from columns and constraints in any order, with no options.
     *
     * @throws IllegalArgumentException if an element is null or the definition is inconsistent
     */
    public static Table of(String name, TableElement... elements) {
        Checks.notNull(elements, "the columns of table \"" + name + "\"");
        return of(name, Arrays.asList(elements));
    }

    /** List form of {@link #of(String, TableElement...)}. */
    public static Table of(String name, List<? extends TableElement> elements) {
        Checks.notNull(elements, "the columns of table \"" + name + "\"");
        List<Column> columns = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        for (TableElement element : elements) {
            Checks.notNull(element, "a column or constraint of table \"" + name + "\"");
            if (element instanceof Column) {
                columns.add((Column) element);
            } else {
                constraints.add((Constraint) element);
            }
        }
        return new Table(name, columns, constraints, TableOptions.NONE);
    }

    /** A copy with these options. */
    public Table options(TableOptions options) {
        return new Table(name, columns, constraints, options);
    }

    /** A copy with this table comment, keeping the other options. */
    public Table comment(String comment) {
        return new Table(name, columns, constraints, options.comment(comment));
    }

    /** The column named {@code column} (ignoring case), if the table defines it. */
    public Optional<Column> column(String column) {
        for (Column c : columns) {
            if (c.name().equalsIgnoreCase(column)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static String key(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }

    private static String describe(Constraint constraint) {
        String kind = constraint.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (constraint.kind() == Constraint.Kind.UNIQUE || constraint.kind() == Constraint.Kind.CHECK) {
            kind += " constraint";
        }
        return constraint.name() == null ? "the " + kind + " " + constraint.columns()
                : kind + " \"" + constraint.name() + "\"";
    }
}
