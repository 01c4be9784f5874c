package org.divemap.migrations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A column's SQL type, independent of the database. Each dialect renders it to its own spelling;
 * the notes on each factory say how, conceptually. Create types with the static factories:
 *
 * <pre>{@code
 * Type.varchar(100)   Type.decimal(10, 2)   Type.timestamp(6)   Type.enumeration("open", "closed")
 * }</pre>
 *
 * <p>The implementations are small records, so a renderer can {@code switch} on {@link #kind()} and
 * read the parameters from the record. All of them are immutable and validated on construction:
 * a {@code Type} that exists is one every dialect can at least attempt to render.
 */
public sealed interface Type
        permits Type.Simple, Type.Sized, Type.Decimal, Type.Temporal, Type.Enumeration, Type.Custom {

    /** Every kind of type, one per factory family. */
    enum Kind {
        /** 1-byte integer: MySQL/H2 {@code TINYINT}; PostgreSQL {@code SMALLINT}. */
        TINYINT,
        /** 2-byte integer: {@code SMALLINT}. */
        SMALLINT,
        /** 4-byte integer: {@code INT}/{@code INTEGER}. */
        INTEGER,
        /** 8-byte integer: {@code BIGINT}. */
        BIGINT,
        /** {@code BOOLEAN}; MySQL stores it as {@code TINYINT(1)}. */
        BOOLEAN,
        /** Exact number {@code DECIMAL(p, s)}; see {@link Decimal}. */
        DECIMAL,
        /** 4-byte floating point: MySQL {@code FLOAT}; PostgreSQL/H2 {@code REAL}. */
        REAL,
        /** 8-byte floating point: MySQL {@code DOUBLE}; PostgreSQL/H2 {@code DOUBLE PRECISION}. */
        DOUBLE,
        /** Fixed-length text {@code CHAR(n)}; see {@link Sized}. */
        CHAR,
        /** Variable-length text {@code VARCHAR(n)}; see {@link Sized}. */
        VARCHAR,
        /** Unbounded text: MySQL {@code TEXT} (64 KB); PostgreSQL {@code TEXT}; H2 {@code CLOB}. */
        TEXT,
        /** MySQL {@code MEDIUMTEXT} (16 MB); {@code TEXT}/{@code CLOB} elsewhere. */
        MEDIUM_TEXT,
        /** MySQL {@code LONGTEXT} (4 GB); {@code TEXT}/{@code CLOB} elsewhere. */
        LONG_TEXT,
        /** Fixed-length bytes {@code BINARY(n)}; PostgreSQL {@code BYTEA}. */
        BINARY,
        /** Variable-length bytes {@code VARBINARY(n)}; PostgreSQL {@code BYTEA}. */
        VARBINARY,
        /** Unbounded bytes: MySQL {@code BLOB} (64 KB); PostgreSQL {@code BYTEA}; H2 {@code BLOB}. */
        BLOB,
        /** MySQL {@code MEDIUMBLOB} (16 MB); {@code BYTEA}/{@code BLOB} elsewhere. */
        MEDIUM_BLOB,
        /** MySQL {@code LONGBLOB} (4 GB); {@code BYTEA}/{@code BLOB} elsewhere. */
        LONG_BLOB,
        /** Calendar date {@code DATE}. */
        DATE,
        /** Time of day {@code TIME}; see {@link Temporal}. */
        TIME,
        /** Date and time without zone: MySQL {@code DATETIME}; PostgreSQL/H2 {@code TIMESTAMP}. */
        DATETIME,
        /**
         * MySQL {@code TIMESTAMP} (stored as UTC, 1970–2038); PostgreSQL/H2 {@code TIMESTAMP}
         * (without time zone).
         */
        TIMESTAMP,
        /**
         * PostgreSQL {@code TIMESTAMPTZ}; H2 {@code TIMESTAMP WITH TIME ZONE}; MySQL {@code TIMESTAMP},
         * its closest equivalent.
         */
        TIMESTAMP_WITH_TIME_ZONE,
        /** PostgreSQL/H2 {@code UUID}; MySQL has none and stores {@code CHAR(36)}. */
        UUID,
        /** {@code JSON} on every database (on PostgreSQL that is {@code JSON}, not {@code JSONB}). */
        JSON,
        /** A closed list of strings; see {@link Enumeration}. */
        ENUM,
        /** A type written in the database's own SQL; see {@link Custom}. */
        CUSTOM
    }

    /** Which kind of type this is; renderers switch on it. */
    Kind kind();

    // ---------------------------------------------------------------- numbers

    /** A 1-byte integer. MySQL/H2 {@code TINYINT}; PostgreSQL has none and uses {@code SMALLINT}. */
    static Type tinyint() {
        return new Simple(Kind.TINYINT);
    }

    /** A 2-byte integer, {@code SMALLINT}. */
    static Type smallint() {
        return new Simple(Kind.SMALLINT);
    }

    /** A 4-byte integer, {@code INT} on MySQL, {@code INTEGER} elsewhere. */
    static Type integer() {
        return new Simple(Kind.INTEGER);
    }

    /** An 8-byte integer, {@code BIGINT}: the usual type of an auto-increment primary key. */
    static Type bigint() {
        return new Simple(Kind.BIGINT);
    }

    /** A true/false value, {@code BOOLEAN} ({@code TINYINT(1)} on MySQL). */
    static Type bool() {
        return new Simple(Kind.BOOLEAN);
    }

    /**
     * An exact number with {@code precision} digits, {@code scale} of them after the point:
     * {@code DECIMAL(precision, scale)}.
     *
     * @throws IllegalArgumentException unless {@code 1 <= precision <= 65} (MySQL's limit) and
     *     {@code 0 <= scale <= precision}
     */
    static Type decimal(int precision, int scale) {
        return new Decimal(precision, scale);
    }

    /** A 4-byte floating-point number: {@code FLOAT} on MySQL, {@code REAL} elsewhere. */
    static Type real() {
        return new Simple(Kind.REAL);
    }

    /** An 8-byte floating-point number: {@code DOUBLE} on MySQL, {@code DOUBLE PRECISION} elsewhere. */
    static Type doublePrecision() {
        return new Simple(Kind.DOUBLE);
    }

    // ---------------------------------------------------------------- text and bytes

    /**
     * Variable-length text of at most {@code length} characters, {@code VARCHAR(length)}.
     *
     * @throws IllegalArgumentException if {@code length <= 0}
     */
    static Type varchar(int length) {
        return new Sized(Kind.VARCHAR, length);
    }

    /**
     * Fixed-length text of {@code length} characters, {@code CHAR(length)}.
     *
     * @throws IllegalArgumentException if {@code length <= 0}
     */
    static Type fixedChar(int length) {
        return new Sized(Kind.CHAR, length);
    }

    /** Unbounded text: {@code TEXT} (64 KB on MySQL), {@code CLOB} on H2. */
    static Type text() {
        return new Simple(Kind.TEXT);
    }

    /** Text up to 16 MB: MySQL {@code MEDIUMTEXT}; the same as {@link #text()} elsewhere. */
    static Type mediumText() {
        return new Simple(Kind.MEDIUM_TEXT);
    }

    /** Text up to 4 GB: MySQL {@code LONGTEXT}; the same as {@link #text()} elsewhere. */
    static Type longText() {
        return new Simple(Kind.LONG_TEXT);
    }

    /**
     * Fixed-length bytes, {@code BINARY(length)}; {@code BYTEA} on PostgreSQL.
     *
     * @throws IllegalArgumentException if {@code length <= 0}
     */
    static Type binary(int length) {
        return new Sized(Kind.BINARY, length);
    }

    /**
     * Variable-length bytes, {@code VARBINARY(length)}; {@code BYTEA} on PostgreSQL.
     *
     * @throws IllegalArgumentException if {@code length <= 0}
     */
    static Type varbinary(int length) {
        return new Sized(Kind.VARBINARY, length);
    }

    /** Unbounded bytes: {@code BLOB} (64 KB on MySQL), {@code BYTEA} on PostgreSQL. */
    static Type blob() {
        return new Simple(Kind.BLOB);
    }

    /** Bytes up to 16 MB: MySQL {@code MEDIUMBLOB}; the same as {@link #blob()} elsewhere. */
    static Type mediumBlob() {
        return new Simple(Kind.MEDIUM_BLOB);
    }

    /** Bytes up to 4 GB: MySQL {@code LONGBLOB}; the same as {@link #blob()} elsewhere. */
    static Type longBlob() {
        return new Simple(Kind.LONG_BLOB);
    }

    // ---------------------------------------------------------------- dates and times

    /** A calendar date, {@code DATE}. */
    static Type date() {
        return new Simple(Kind.DATE);
    }

    /** A time of day with the database's default fractional seconds, {@code TIME}. */
    static Type time() {
        return new Temporal(Kind.TIME, OptionalInt.empty());
    }

    /**
     * A time of day with {@code fractionalDigits} digits of seconds, {@code TIME(n)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= fractionalDigits <= 6}
     */
    static Type time(int fractionalDigits) {
        return new Temporal(Kind.TIME, OptionalInt.of(fractionalDigits));
    }

    /** A date and time without zone: MySQL {@code DATETIME}, PostgreSQL/H2 {@code TIMESTAMP}. */
    static Type datetime() {
        return new Temporal(Kind.DATETIME, OptionalInt.empty());
    }

    /**
     * {@link #datetime()} with {@code fractionalDigits} digits of seconds ({@code DATETIME(6)} for
     * microseconds).
     *
     * @throws IllegalArgumentException unless {@code 0 <= fractionalDigits <= 6}
     */
    static Type datetime(int fractionalDigits) {
        return new Temporal(Kind.DATETIME, OptionalInt.of(fractionalDigits));
    }

    /**
     * {@code TIMESTAMP}. On MySQL it is stored as UTC and limited to 1970–2038; on PostgreSQL and H2
     * it has no time zone. Prefer {@link #datetime()} or {@link #timestampWithTimeZone()} when that
     * difference matters.
     */
    static Type timestamp() {
        return new Temporal(Kind.TIMESTAMP, OptionalInt.empty());
    }

    /**
     * {@link #timestamp()} with {@code fractionalDigits} digits of seconds, {@code TIMESTAMP(n)}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= fractionalDigits <= 6}
     */
    static Type timestamp(int fractionalDigits) {
        return new Temporal(Kind.TIMESTAMP, OptionalInt.of(fractionalDigits));
    }

    /**
     * An instant: PostgreSQL {@code TIMESTAMPTZ}, H2 {@code TIMESTAMP WITH TIME ZONE}, MySQL
     * {@code TIMESTAMP} (which converts to UTC, the closest MySQL has).
     */
    static Type timestampWithTimeZone() {
        return new Temporal(Kind.TIMESTAMP_WITH_TIME_ZONE, OptionalInt.empty());
    }

    /**
     * {@link #timestampWithTimeZone()} with {@code fractionalDigits} digits of seconds.
     *
     * @throws IllegalArgumentException unless {@code 0 <= fractionalDigits <= 6}
     */
    static Type timestampWithTimeZone(int fractionalDigits) {
        return new Temporal(Kind.TIMESTAMP_WITH_TIME_ZONE, OptionalInt.of(fractionalDigits));
    }

    // ---------------------------------------------------------------- others

    /** A UUID: {@code UUID} on PostgreSQL and H2, {@code CHAR(36)} on MySQL. */
    static Type uuid() {
        return new Simple(Kind.UUID);
    }

    /** A JSON document: {@code JSON} on every database, PostgreSQL included (not {@code JSONB}). */
    static Type json() {
        return new Simple(Kind.JSON);
    }

    /**
     * One of a closed list of strings. MySQL renders {@code ENUM('a', 'b')}; PostgreSQL and H2
     * render their own enum type or a {@code CHECK} on the allowed values.
     *
     * @throws IllegalArgumentException if no values are given, or a value is null, empty or repeated
     */
    static Type enumeration(String... values) {
        if (values == null) {
            throw new IllegalArgumentException("enumeration values must not be null; pass at least one value");
        }
        return new Enumeration(Arrays.asList(values));
    }

    /**
     * A type written in SQL and passed to the database unchanged, for what the factories do not
     * cover: {@code Type.custom("GEOMETRY")}, {@code Type.custom("INT UNSIGNED")}. A migration that
     * uses one runs only on databases that understand it.
     *
     * @throws IllegalArgumentException if {@code sql} is blank
     */
    static Type custom(String sql) {
        return new Custom(sql);
    }

    // ---------------------------------------------------------------- the records

    /** A type without parameters, such as {@code BIGINT}, {@code TEXT}, {@code DATE} or {@code JSON}. */
    record Simple(Kind kind) implements Type {
        private static final Set<Kind> KINDS = EnumSet.of(
                Kind.TINYINT, Kind.SMALLINT, Kind.INTEGER, Kind.BIGINT, Kind.BOOLEAN, Kind.REAL, Kind.DOUBLE,
                Kind.TEXT, Kind.MEDIUM_TEXT, Kind.LONG_TEXT, Kind.BLOB, Kind.MEDIUM_BLOB, Kind.LONG_BLOB,
                Kind.DATE, Kind.UUID, Kind.JSON);

        /** Checks that {@code kind} takes no parameters. */
        public Simple {
            Checks.notNull(kind, "type kind");
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException(
                        kind + " takes parameters; create it with its Type factory, e.g. Type.varchar(100)");
            }
        }
    }

    /** A type with a length: {@code CHAR(n)}, {@code VARCHAR(n)}, {@code BINARY(n)}, {@code VARBINARY(n)}. */
    record Sized(Kind kind, int length) implements Type {
        private static final Set<Kind> KINDS = EnumSet.of(Kind.CHAR, Kind.VARCHAR, Kind.BINARY, Kind.VARBINARY);

        /** Checks that {@code kind} takes a length and that the length is positive. */
        public Sized {
            Checks.notNull(kind, "type kind");
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException(kind + " has no length; use CHAR, VARCHAR, BINARY or VARBINARY");
            }
            if (length <= 0) {
                throw new IllegalArgumentException(
                        kind + " length must be greater than 0 but was " + length + "; for example Type.varchar(255)");
            }
        }
    }

    /** {@code DECIMAL(precision, scale)}: {@code precision} digits, {@code scale} of them after the point. */
    record Decimal(int precision, int scale) implements Type {

        /** The largest precision MySQL accepts, and so the largest a portable migration can use. */
        public static final int MAX_PRECISION = 65;

        /** Checks {@code 1 <= precision <= 65} and {@code 0 <= scale <= precision}. */
        public Decimal {
            if (precision < 1 || precision > MAX_PRECISION) {
                throw new IllegalArgumentException("DECIMAL precision must be between 1 and " + MAX_PRECISION
                        + " but was " + precision + "; for example Type.decimal(10, 2)");
            }
            if (scale < 0 || scale > precision) {
                throw new IllegalArgumentException("DECIMAL scale must be between 0 and the precision (" + precision
                        + ") but was " + scale + "; for example Type.decimal(10, 2)");
            }
        }

        @Override
        public Kind kind() {
            return Kind.DECIMAL;
        }
    }

    /**
     * {@code TIME}, {@code DATETIME}, {@code TIMESTAMP} or {@code TIMESTAMP WITH TIME ZONE}, with
     * optional fractional-second digits (empty: the database's default, 0 on MySQL and 6 on
     * PostgreSQL).
     */
    record Temporal(Kind kind, OptionalInt fractionalDigits) implements Type {
        private static final Set<Kind> KINDS =
                EnumSet.of(Kind.TIME, Kind.DATETIME, Kind.TIMESTAMP, Kind.TIMESTAMP_WITH_TIME_ZONE);

        /** The most fractional-second digits every supported database accepts (microseconds). */
        public static final int MAX_FRACTIONAL_DIGITS = 6;

        /** Checks the kind, and that any fractional digits are between 0 and 6. */
        public Temporal {
            Checks.notNull(kind, "type kind");
            Checks.notNull(fractionalDigits, "fractional digits (use OptionalInt.empty() for the default)");
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException(
                        kind + " has no fractional seconds; use TIME, DATETIME, TIMESTAMP or TIMESTAMP_WITH_TIME_ZONE");
            }
            if (fractionalDigits.isPresent()
                    && (fractionalDigits.getAsInt() < 0 || fractionalDigits.getAsInt() > MAX_FRACTIONAL_DIGITS)) {
                throw new IllegalArgumentException(kind + " fractional digits must be between 0 and "
                        + MAX_FRACTIONAL_DIGITS + " but was " + fractionalDigits.getAsInt()
                        + "; use 3 for milliseconds or 6 for microseconds");
            }
        }
    }

    /** A closed list of allowed strings, in declaration order (MySQL sorts {@code ENUM} values by it). */
    record Enumeration(List<String> values) implements Type {

        /** Checks that there is at least one value and that every value is non-empty and distinct. */
        public Enumeration {
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("an enumeration needs at least one value, e.g. "
                        + "Type.enumeration(\"open\", \"closed\")");
            }
            Set<String> seen = new HashSet<>();
            List<String> copy = new ArrayList<>(values.size());
            for (String value : values) {
                if (value == null || value.isEmpty()) {
                    throw new IllegalArgumentException("enumeration values must not be "
                            + (value == null ? "null" : "empty") + "; got " + values);
                }
                if (!seen.add(value)) {
                    throw new IllegalArgumentException(
                            "enumeration value \"" + value + "\" appears twice in " + values + "; list each value once");
                }
                copy.add(value);
            }
            values = List.copyOf(copy);
        }

        @Override
        public Kind kind() {
            return Kind.ENUM;
        }
    }

    /** A type written in the database's SQL, passed through unchanged: {@code GEOMETRY}, {@code INT UNSIGNED}. */
    record Custom(String sql) implements Type {

        /** Checks that the SQL is not blank. */
        public Custom {
            if (sql == null || sql.isBlank()) {
                throw new IllegalArgumentException(
                        "a custom type needs its SQL, e.g. Type.custom(\"GEOMETRY\"); got " + (sql == null ? "null" : "a blank string"));
            }
        }

        @Override
        public Kind kind() {
            return Kind.CUSTOM;
        }
    }
}
