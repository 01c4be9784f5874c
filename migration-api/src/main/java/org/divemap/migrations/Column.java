package org.divemap.migrations;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A column definition, as used by {@link Operations#addColumn(String, Column)} and
 * {@link Operations#createTable(String, TableElement...)}:
 *
 * <pre>{@code
 * Column.of("id", Type.bigint()).autoIncrement().primaryKey()
 * Column.of("country", Type.varchar(100)).nullable()
 * Column.of("status", Type.varchar(20)).defaultValue("open").comment("open or closed")
 * Column.of("updated_at", Type.datetime(6)).defaultValue(DefaultValue.currentTimestamp()).onUpdateCurrentTimestamp()
 * }</pre>
 *
 * <p><b>Columns are {@code NOT NULL} unless {@link #nullable()} is called.</b> This differs from
 * SQL and from Alembic (both default to nullable) on purpose: a migration states the columns that
 * may hold {@code NULL}, and forgetting to say so fails loudly on the first insert rather than
 * quietly letting nulls in.
 *
 * <p>A {@code Column} is immutable: every method that looks like a setter returns a new column and
 * leaves this one unchanged, so a column can be kept in a constant and reused in {@code upgrade}
 * and {@code downgrade}. Contradictions are rejected when they are made, with an
 * {@link IllegalArgumentException} that says which calls conflict.
 */
public final class Column implements TableElement {

    private static final Set<Type.Kind> INTEGER_KINDS =
            EnumSet.of(Type.Kind.TINYINT, Type.Kind.SMALLINT, Type.Kind.INTEGER, Type.Kind.BIGINT, Type.Kind.CUSTOM);
    private static final Set<Type.Kind> TIMESTAMP_KINDS = EnumSet.of(
            Type.Kind.DATETIME, Type.Kind.TIMESTAMP, Type.Kind.TIMESTAMP_WITH_TIME_ZONE, Type.Kind.CUSTOM);

    private final String name;
    private final Type type;
    private final boolean nullable;
    private final DefaultValue defaultValue;
    private final boolean autoIncrement;
    private final boolean primaryKey;
    private final boolean unique;
    private final String comment;
    private final boolean onUpdateCurrentTimestamp;

    private Column(String name, Type type, boolean nullable, DefaultValue defaultValue, boolean autoIncrement,
            boolean primaryKey, boolean unique, String comment, boolean onUpdateCurrentTimestamp) {
        this.name = Checks.identifier(name, "column name");
        this.type = Checks.notNull(type, "the type of column \"" + name + "\" (use a Type factory such as Type.varchar(100))");
        this.nullable = nullable;
        this.defaultValue = defaultValue;
        this.autoIncrement = autoIncrement;
        this.primaryKey = primaryKey;
        this.unique = unique;
        this.comment = comment;
        this.onUpdateCurrentTimestamp = onUpdateCurrentTimestamp;

        String column = "column \"" + name + "\"";
        if (primaryKey && nullable) {
            throw new IllegalArgumentException(
                    column + " is part of the primary key, so it cannot be nullable; remove .nullable()");
        }
        if (primaryKey && unique) {
            throw new IllegalArgumentException(
                    column + " is a primary key, which is already unique; remove .unique()");
        }
        if (autoIncrement) {
            if (!INTEGER_KINDS.contains(type.kind())) {
                throw new IllegalArgumentException(column + " is " + type.kind()
                        + ", but only integer columns can auto-increment; use Type.integer() or Type.bigint()");
            }
            if (nullable) {
                throw new IllegalArgumentException(
                        column + " auto-increments, so it cannot be nullable; remove .nullable()");
            }
            if (defaultValue != null) {
                throw new IllegalArgumentException(column
                        + " auto-increments, so it cannot also have a default; remove .defaultValue(...) or .autoIncrement()");
            }
        }
        if (defaultValue instanceof DefaultValue.CurrentTimestamp && !TIMESTAMP_KINDS.contains(type.kind())) {
            throw new IllegalArgumentException(column + " is " + type.kind()
                    + ", but a CURRENT_TIMESTAMP default needs a DATETIME or TIMESTAMP column");
        }
        if (onUpdateCurrentTimestamp && !TIMESTAMP_KINDS.contains(type.kind())) {
            throw new IllegalArgumentException(column + " is " + type.kind()
                    + ", but ON UPDATE CURRENT_TIMESTAMP needs a DATETIME or TIMESTAMP column");
        }
    }

    /**
     * A {@code NOT NULL} column with no default, not a key. Chain the other methods to change that.
     *
     * @throws IllegalArgumentException if {@code name} is blank or {@code type} is null
     */
    public static Column of(String name, Type type) {
        return new Column(name, type, false, null, false, false, false, null, false);
    }

    // ---------------------------------------------------------------- accessors

    /** The column's name. */
    public String name() {
        return name;
    }

    /** The column's type. */
    public Type type() {
        return type;
    }

    /** Whether the column accepts {@code NULL}; {@code false} unless {@link #nullable()} was called. */
    public boolean isNullable() {
        return nullable;
    }

    /** The server default, if any. */
    public Optional<DefaultValue> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * Whether the database generates the value: MySQL {@code AUTO_INCREMENT}, PostgreSQL
     * {@code GENERATED BY DEFAULT AS IDENTITY}, H2 {@code GENERATED BY DEFAULT AS IDENTITY}.
     */
    public boolean isAutoIncrement() {
        return autoIncrement;
    }

    /** Whether the column is (part of) the table's primary key. */
    public boolean isPrimaryKey() {
        return primaryKey;
    }

    /** Whether the column carries its own unique constraint. */
    public boolean isUnique() {
        return unique;
    }

    /** The column comment, if any. */
    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    /** Whether the column is set to the current time on every update (MySQL {@code ON UPDATE CURRENT_TIMESTAMP}). */
    public boolean isOnUpdateCurrentTimestamp() {
        return onUpdateCurrentTimestamp;
    }

    // ---------------------------------------------------------------- withers

    /** A copy that accepts {@code NULL}: renders {@code NULL}. */
    public Column nullable() {
        return new Column(name, type, true, defaultValue, autoIncrement, primaryKey, unique, comment,
                onUpdateCurrentTimestamp);
    }

    /** A copy that rejects {@code NULL}: renders {@code NOT NULL}. This is the default. */
    public Column notNull() {
        return new Column(name, type, false, defaultValue, autoIncrement, primaryKey, unique, comment,
                onUpdateCurrentTimestamp);
    }

    /**
     * A copy with this server default, replacing any other.
     *
     * @throws IllegalArgumentException if {@code value} is null (leave the default out instead), or
     *     the column auto-increments, or the default is {@code CURRENT_TIMESTAMP} on a column that is
     *     not a {@code DATETIME}/{@code TIMESTAMP}
     */
    public Column defaultValue(DefaultValue value) {
        Checks.notNull(value, "the default of column \"" + name + "\" (leave .defaultValue(...) out for no default)");
        return new Column(name, type, nullable, value, autoIncrement, primaryKey, unique, comment,
                onUpdateCurrentTimestamp);
    }

    /** A copy with a string-literal default: {@code DEFAULT 'value'}. See {@link DefaultValue#of(String)}. */
    public Column defaultValue(String value) {
        return defaultValue(DefaultValue.of(value));
    }

    /** A copy with an integer default: {@code DEFAULT 0}. */
    public Column defaultValue(long value) {
        return defaultValue(DefaultValue.of(value));
    }

    /** A copy with a boolean default: {@code DEFAULT TRUE}. */
    public Column defaultValue(boolean value) {
        return defaultValue(DefaultValue.of(value));
    }

    /**
     * A copy whose values the database generates: MySQL {@code AUTO_INCREMENT}, PostgreSQL and H2
     * {@code GENERATED BY DEFAULT AS IDENTITY}.
     *
     * @throws IllegalArgumentException if the column is not an integer (or {@link Type#custom custom})
     *     type, is nullable, or has a default
     */
    public Column autoIncrement() {
        return new Column(name, type, nullable, defaultValue, true, primaryKey, unique, comment,
                onUpdateCurrentTimestamp);
    }

    /**
     * A copy that is (part of) the primary key. Several primary-key columns in one
     * {@link Operations#createTable(String, TableElement...) createTable} form a composite key, in
     * column order.
     *
     * @throws IllegalArgumentException if the column is nullable or unique
     */
    public Column primaryKey() {
        return new Column(name, type, nullable, defaultValue, autoIncrement, true, unique, comment,
                onUpdateCurrentTimestamp);
    }

    /**
     * A copy with a single-column unique constraint, named by the {@link NamingConvention}
     * ({@code uq_<table>_<column>} by default).
     *
     * @throws IllegalArgumentException if the column is a primary key
     */
    public Column unique() {
        return new Column(name, type, nullable, defaultValue, autoIncrement, primaryKey, true, comment,
                onUpdateCurrentTimestamp);
    }

    /**
     * A copy with this comment: {@code COMMENT '...'} on MySQL, {@code COMMENT ON COLUMN} on
     * PostgreSQL and H2.
     *
     * @throws IllegalArgumentException if {@code comment} is null
     */
    public Column comment(String comment) {
        Checks.notNull(comment, "the comment of column \"" + name + "\" (leave .comment(...) out for none)");
        return new Column(name, type, nullable, defaultValue, autoIncrement, primaryKey, unique, comment,
                onUpdateCurrentTimestamp);
    }

    /**
     * A copy that the database sets to the current time whenever the row is updated: MySQL/MariaDB
     * and H2 {@code ON UPDATE CURRENT_TIMESTAMP}. PostgreSQL has no column-level equivalent: there
     * the column is created without it, and the application (or a trigger) must set the value on
     * update.
     *
     * @throws IllegalArgumentException if the column is not a {@code DATETIME}/{@code TIMESTAMP}
     */
    public Column onUpdateCurrentTimestamp() {
        return new Column(name, type, nullable, defaultValue, autoIncrement, primaryKey, unique, comment, true);
    }

    // ---------------------------------------------------------------- value semantics

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Column)) {
            return false;
        }
        Column other = (Column) o;
        return name.equals(other.name) && type.equals(other.type) && nullable == other.nullable
                && Objects.equals(defaultValue, other.defaultValue) && autoIncrement == other.autoIncrement
                && primaryKey == other.primaryKey && unique == other.unique && Objects.equals(comment, other.comment)
                && onUpdateCurrentTimestamp == other.onUpdateCurrentTimestamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, nullable, defaultValue, autoIncrement, primaryKey, unique, comment,
                onUpdateCurrentTimestamp);
    }

    /** A readable summary, e.g. {@code Column[country Sized[kind=VARCHAR, length=100] NULL]}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Column[").append(name).append(' ').append(type);
        s.append(nullable ? " NULL" : " NOT NULL");
        if (defaultValue != null) {
            s.append(" DEFAULT ").append(defaultValue);
        }
        if (autoIncrement) {
            s.append(" AUTO_INCREMENT");
        }
        if (primaryKey) {
            s.append(" PRIMARY KEY");
        }
        if (unique) {
            s.append(" UNIQUE");
        }
        if (onUpdateCurrentTimestamp) {
            s.append(" ON UPDATE CURRENT_TIMESTAMP");
        }
        if (comment != null) {
            s.append(" COMMENT '").append(comment).append('\'');
        }
        return s.append(']').toString();
    }
}
