package org.divemap.migrations.runtime.dialect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;
import org.divemap.migrations.Operations;
import org.divemap.migrations.runtime.DivemapException;

/**
 * Everything the runtime needs to know about one database: whether DDL is transactional, how to
 * quote names, the column types of the version and history tables, and how to take the migration
 * lock. Picked once per run with {@link #detect(Connection)}; the rest of the runtime asks it
 * instead of testing which database it talks to.
 */
public abstract sealed class Dialect permits MySqlDialect, PostgresDialect, H2Dialect {

    Dialect() {}

    /**
     * Picks the dialect of the database behind {@code connection} from its JDBC metadata. MariaDB
     * is told apart from MySQL by its version string, since MySQL's driver calls both "MySQL".
     *
     * @throws DivemapException {@code CONFIGURATION} for a database we do not support,
     *     {@code DATABASE} if the metadata cannot be read
     */
    public static Dialect detect(Connection connection) {
        String product;
        String version;
        try {
            DatabaseMetaData metaData = connection.getMetaData();
            product = metaData.getDatabaseProductName();
            version = metaData.getDatabaseProductVersion();
            if ("MySQL".equalsIgnoreCase(product) && !containsMariaDb(version)) {
                version = selectVersion(connection);
            }
        } catch (SQLException e) {
            throw new DivemapException(DivemapException.Kind.DATABASE,
                    "Could not read the database's product name from the JDBC metadata: " + e.getMessage()
                            + ". Check that the connection works, for example with the database's own client.",
                    e);
        }
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.equals("mysql") || name.equals("mariadb")) {
            return name.equals("mariadb") || containsMariaDb(version) ? new MariaDbDialect() : new MySqlDialect();
        }
        if (name.equals("postgresql")) {
            return new PostgresDialect();
        }
        if (name.equals("h2")) {
            return new H2Dialect();
        }
        throw new DivemapException(DivemapException.Kind.CONFIGURATION,
                "The database is " + product + " " + version + ", which Divemap does not support. "
                        + "Use MySQL, MariaDB, PostgreSQL or H2.");
    }

    /** The dialect of {@code database}, for rendering SQL without a connection. */
    public static Dialect of(Operations.Database database) {
        return switch (Objects.requireNonNull(database, "database")) {
            case MYSQL -> new MySqlDialect();
            case MARIADB -> new MariaDbDialect();
            case POSTGRESQL -> new PostgresDialect();
            case H2 -> new H2Dialect();
        };
    }

    private static boolean containsMariaDb(String version) {
        return version != null && version.toLowerCase(Locale.ROOT).contains("mariadb");
    }

    private static String selectVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    /** Which database this is. */
    public abstract Operations.Database database();

    /** The database's name as users know it, for messages: "MariaDB", "PostgreSQL". */
    public abstract String displayName();

    /**
     * Whether DDL statements take part in transactions. False where they commit implicitly, so a
     * migration and its version-table update cannot commit together.
     */
    public abstract boolean transactionalDdl();

    /**
     * Whether the database writes every failed statement to a file of its own (H2's
     * {@code .trace.db}): there, Divemap looks tables up before reading them instead of trying the read.
     */
    public boolean tracesFailedStatements() {
        return false;
    }

    /**
     * Whether a migration that is not transactional runs with auto-commit off, the runtime committing
     * after each statement that {@link #commitsImplicitly} does not recognise: where DDL commits by
     * itself (MySQL, MariaDB), this behaves as auto-commit and saves the driver's auto-commit switches
     * around every revision.
     */
    public boolean commitsEachStatement() {
        return false;
    }

    /**
     * Whether the database certainly commits {@code statement} by itself, together with whatever the
     * transaction held before it, even with auto-commit off: true only for the DDL of MySQL and
     * MariaDB. False is always a safe answer, as the runtime then commits after the statement.
     */
    public boolean commitsImplicitly(String statement) {
        return false;
    }

    /**
     * The longest name of a table, column, index or constraint the database accepts, as
     * {@link #nameLength} measures it: 64 characters on MySQL and MariaDB, 63 bytes on PostgreSQL
     * (which cuts longer names short), 256 characters on H2.
     */
    public abstract int maxNameLength();

    /** A name's length as the database counts it: in characters, in bytes of UTF-8 on PostgreSQL. */
    public int nameLength(String name) {
        return name.codePointCount(0, name.length());
    }

    /** What {@link #nameLength} counts, for messages: "characters" or "bytes". */
    public String nameLengthUnit() {
        return "characters";
    }

    /** The character that quotes identifiers. */
    abstract char quoteCharacter();

    /**
     * Quotes an identifier so it is used exactly as written, doubling any quote character inside
     * it: {@code `dive_sites`} on MySQL and MariaDB, {@code "dive_sites"} elsewhere.
     */
    public final String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("identifier must not be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier must not contain NUL: " + identifier.replace('\0', '?'));
        }
        String q = String.valueOf(quoteCharacter());
        return q + identifier.replace(q, q + q) + q;
    }

    /** {@code schema.table}, both quoted; just the table when {@code schema} is null (the current one). */
    public final String qualify(String schema, String table) {
        return schema == null ? quote(table) : quote(schema) + "." + quote(table);
    }

    /** The query that returns the connection's current schema (the database, on MySQL). */
    abstract String currentSchemaQuery();

    /**
     * The connection's current schema: the database on MySQL and MariaDB, the first existing schema
     * of the search path on PostgreSQL. Null if there is none (MySQL without a database in the URL).
     *
     * @throws DivemapException {@code DATABASE} if it cannot be read
     */
    public final String currentSchema(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(currentSchemaQuery())) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new DivemapException(DivemapException.Kind.DATABASE,
                    "Could not read the current schema from " + displayName() + " (" + currentSchemaQuery() + "): "
                            + e.getMessage() + ". Check that the connection works.",
                    e);
        }
    }

    /**
     * What a migration lock is scoped to: the schema (database on MySQL), prefixed with the
     * database on PostgreSQL, where advisory locks are shared by all schemas of a database.
     *
     * @param schema the configured schema, or null for the connection's current one
     * @return the scope, or null if the connection has no current schema and none is configured
     */
    public String lockScope(Connection connection, String schema) {
        return schema != null ? schema : currentSchema(connection);
    }

    /** The column type of a timestamp: {@code DATETIME(3)} in UTC on MySQL, with time zone elsewhere. */
    public abstract String timestampType();

    /** The column type of free text such as an error and its stack. */
    public abstract String textType();

    /** The definition of a {@code BIGINT} primary key the database numbers itself. */
    public abstract String identityColumn(String name);

    /** The statement that widens a {@code VARCHAR} column, keeping it NOT NULL. */
    public abstract String widenVarchar(String qualifiedTable, String column, int length);

    /** Binds an instant to a {@link #timestampType()} parameter. */
    public void setTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    /**
     * Binds a parameter of a migration's statement ({@code op.execute}, {@code op.bulkInsert}, a
     * batch's {@code execute}) so that it stores what the offline script's literal would: an
     * {@link Instant} as {@link #setTimestamp}, a {@link Character} as a string, the rest, other
     * {@code java.time} types and {@code byte[]} included, with {@code setObject}.
     */
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            setTimestamp(statement, index, instant);
        } else if (value instanceof ZonedDateTime time) {
            statement.setObject(index, time.toOffsetDateTime()); // what JDBC 4.2 drivers all accept
        } else if (value instanceof Character character) {
            statement.setString(index, character.toString());
        } else if (value instanceof Number number && !JDBC_NUMBERS.contains(value.getClass())) {
            // an AtomicLong, a LongAdder...: drivers refuse them, or MySQL's stores them Java-serialized
            statement.setBigDecimal(index, new BigDecimal(number.toString()));
        } else if (value instanceof TemporalAccessor && !JDBC_TIMES.contains(value.getClass())) {
            bind(statement, index, value.toString().replace('T', ' ')); // a Year, a YearMonth: as the literal
        } else {
            statement.setObject(index, value);
        }
    }

    private static final java.util.Set<Class<?>> JDBC_NUMBERS = java.util.Set.of(Integer.class, Long.class,
            Short.class, Byte.class, Double.class, Float.class, BigDecimal.class, BigInteger.class);

    /** The java.time types that JDBC 4.2 drivers bind themselves. */
    private static final java.util.Set<Class<?>> JDBC_TIMES = java.util.Set.of(LocalDate.class,
            LocalTime.class, LocalDateTime.class, OffsetTime.class,
            java.time.OffsetDateTime.class);

    /** Reads a {@link #timestampType()} column. */
    public Instant getTimestamp(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * The database's named lock, held by a session and released when the session ends.
     *
     * @param schema the configured schema, or null for the current one; H2 keeps its lock table there
     */
    public abstract NamedLock namedLock(String schema);

    @Override
    public String toString() {
        return displayName() + " dialect";
    }
}
