package org.divemap.migrations;

import java.math.BigDecimal;

/**
 * A column's server default: the value the database fills in when an {@code INSERT} leaves the
 * column out ({@code DEFAULT ...} in the column definition). Literals are quoted and escaped by the
 * dialect; {@link #expression(String) expressions} are passed through unchanged.
 *
 * <pre>{@code
 * Column.of("status", Type.varchar(20)).defaultValue("open")
 * Column.of("created_at", Type.datetime(6)).defaultValue(DefaultValue.currentTimestamp())
 * Column.of("code", Type.uuid()).defaultValue(DefaultValue.expression("gen_random_uuid()"))
 * }</pre>
 */
public sealed interface DefaultValue
        permits DefaultValue.Text, DefaultValue.Numeric, DefaultValue.Bool, DefaultValue.CurrentTimestamp,
                DefaultValue.Expression {

    /** A string literal, rendered quoted: {@code DEFAULT 'open'}. */
    static DefaultValue of(String value) {
        return new Text(value);
    }

    /** An integer literal: {@code DEFAULT 0}. */
    static DefaultValue of(long value) {
        return new Numeric(BigDecimal.valueOf(value));
    }

    /**
     * A decimal literal: {@code DEFAULT 1.5}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite, which SQL cannot store
     */
    static DefaultValue of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    "a numeric default must be finite but was " + value + "; use a nullable column instead");
        }
        return new Numeric(BigDecimal.valueOf(value));
    }

    /** An exact decimal literal: {@code DEFAULT 12.50}. */
    static DefaultValue of(BigDecimal value) {
        return new Numeric(value);
    }

    /** A boolean literal: {@code DEFAULT TRUE} or {@code DEFAULT FALSE} (MySQL reads them as 1 and 0). */
    static DefaultValue of(boolean value) {
        return new Bool(value);
    }

    /**
     * The time of the insert: {@code DEFAULT CURRENT_TIMESTAMP}. On MySQL the dialect matches the
     * column's fractional digits ({@code CURRENT_TIMESTAMP(6)} for {@code DATETIME(6)}), as MySQL
     * requires.
     */
    static DefaultValue currentTimestamp() {
        return CurrentTimestamp.INSTANCE;
    }

    /**
     * A SQL expression passed through unchanged: {@code DEFAULT (uuid())}. MySQL 8.0.13+ needs
     * expressions other than literals and {@code CURRENT_TIMESTAMP} in parentheses; write them, as
     * nothing is added. The expression must be valid on every database the migration runs on.
     *
     * @throws IllegalArgumentException if {@code sql} is blank
     */
    static DefaultValue expression(String sql) {
        return new Expression(sql);
    }

    /** A string literal; the dialect quotes and escapes it. */
    record Text(String value) implements DefaultValue {
        /** Checks that the value is not null (an empty string is a valid default). */
        public Text {
            if (value == null) {
                throw new IllegalArgumentException(
                        "a text default must not be null; leave the default out and make the column nullable instead");
            }
        }
    }

    /** A numeric literal, kept exact. */
    record Numeric(BigDecimal value) implements DefaultValue {
        /** Checks that the value is not null. */
        public Numeric {
            if (value == null) {
                throw new IllegalArgumentException(
                        "a numeric default must not be null; leave the default out and make the column nullable instead");
            }
        }
    }

    /** A boolean literal. */
    record Bool(boolean value) implements DefaultValue {}

    /** {@code CURRENT_TIMESTAMP}: the time of the insert. */
    record CurrentTimestamp() implements DefaultValue {
        static final CurrentTimestamp INSTANCE = new CurrentTimestamp();
    }

    /** A SQL expression passed to the database unchanged. */
    record Expression(String sql) implements DefaultValue {
        /** Checks that the SQL is not blank. */
        public Expression {
            if (sql == null || sql.isBlank()) {
                throw new IllegalArgumentException(
                        "a default expression needs its SQL, e.g. DefaultValue.expression(\"uuid()\")");
            }
        }
    }
}
