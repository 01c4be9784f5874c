package org.divemap.migrations.runtime.dialect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.divemap.migrations.Operations;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.dialect.h2.H2Dialect;
import org.divemap.migrations.runtime.dialect.mysql.MariaDbDialect;
import org.divemap.migrations.runtime.dialect.mysql.MySqlDialect;
import org.divemap.migrations.runtime.dialect.postgres.PostgresDialect;

/**
 * Everything Divemap needs to know about one database: whether DDL is transactional, how to quote
 * names, the column types of the version and history tables, how to take the migration lock, the
 * catalog queries of the schema inspector, the JDBC driver, the dump tool of a backup, and how to
 * create and drop a schema of its own. Picked once per run with {@link #detect(Connection)}, or
 * from a URL with {@link #forUrl(String)} before connecting; the rest of Divemap asks it instead of
 * testing which database it talks to.
 *
 * <p>Each database has a package of its own ({@code dialect.mysql}, {@code dialect.postgres},
 * {@code dialect.h2}), as Flyway keeps one per database; this package holds what they share.
 */
public abstract class Dialect {

    protected Dialect() {}

    /** One dialect per URL prefix, in the order {@link #forUrl} tries them. */
    private static List<Dialect> all() {
        return List.of(new MySqlDialect(), new MariaDbDialect(), new PostgresDialect(), new H2Dialect());
    }

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

    /**
     * The dialect a user names, as {@code --database} and {@code divemap.database} take it:
     * {@code mysql}, {@code mariadb}, {@code postgresql} or {@code h2}, in any case.
     *
     * @throws IllegalArgumentException for any other name, listing the names
     */
    public static Dialect named(String name) {
        for (Dialect dialect : all()) {
            if (dialect.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return dialect;
            }
        }
        throw new IllegalArgumentException(name + " is not one of " + String.join(", ", names()) + ".");
    }

    /** The names {@link #named} takes: mysql, mariadb, postgresql, h2. */
    public static List<String> names() {
        return all().stream().map(Dialect::name).toList();
    }

    /**
     * The dialect of the driver a JDBC URL names by its prefix ({@code jdbc:mysql:},
     * {@code jdbc:mariadb:}, {@code jdbc:postgresql:}, {@code jdbc:h2:}), for what must be known
     * before connecting: the driver class, the connect timeout, the dump tool. Once connected, the
     * database's own dialect is {@link #detect}ed (a {@code jdbc:mysql:} URL may reach MariaDB).
     *
     * @return empty for a URL of a driver Divemap does not know
     */
    public static Optional<Dialect> forUrl(String url) {
        // by the prefix alone: a run needs its own dialect only, not an instance (and classes) of each
        if (url == null) {
            return Optional.empty();
        } else if (url.startsWith("jdbc:mysql:")) {
            return Optional.of(new MySqlDialect());
        } else if (url.startsWith("jdbc:mariadb:")) {
            return Optional.of(new MariaDbDialect());
        } else if (url.startsWith("jdbc:postgresql:")) {
            return Optional.of(new PostgresDialect());
        } else if (url.startsWith("jdbc:h2:")) {
            return Optional.of(new H2Dialect());
        }
        return Optional.empty();
    }

    /** How users name the database: {@code mysql}, {@code mariadb}, {@code postgresql}, {@code h2}. */
    public String name() {
        return database().name().toLowerCase(Locale.ROOT);
    }

    /** The prefix of the JDBC URLs of this database's driver: {@code jdbc:mysql:}. */
    protected abstract String urlPrefix();

    /**
     * The class of the JDBC driver of {@link #urlPrefix()} URLs, loaded by name so that the
     * application's copy is used.
     */
    public abstract String driverClass();

    /**
     * Sets the driver's connect timeout in {@code properties}, in the unit the driver takes, where it
     * has one; the URL's own setting, if any, is the caller's to respect.
     */
    public void connectTimeout(Properties properties, Duration timeout) {
        // no such property by default (H2 connects in-process or to a server that answers at once)
    }

    /**
     * Prepares {@code sql}, a statement of Divemap's own that a run sends once per revision with new
     * parameters (the version row's {@code UPDATE}, the history's upsert), as
     * {@code connection.prepareStatement(sql, generatedKeys)} does; a dialect whose driver can prepare
     * it on the server at once does so, and the database then parses it once per run, not once per
     * revision. Never used for a migration's own statements.
     */
    public PreparedStatement prepareRepeated(Connection connection, String sql, int generatedKeys)
            throws SQLException {
        return connection.prepareStatement(sql, generatedKeys);
    }

    /**
     * The first key the last {@code INSERT} that {@code statement} ran (prepared to return generated
     * keys) generated, where the driver tells it without building a result set; 0 where it does not,
     * and the caller asks {@code getGeneratedKeys()}.
     */
    public long generatedKey(Statement statement) {
        return 0;
    }

    /**
     * The command that writes a dump of {@code target} to {@code file}, as the argument vector of a
     * process: {@code mysqldump} on MySQL and MariaDB, {@code pg_dump} on PostgreSQL. The password
     * goes into {@code environment} under the tool's own variable, never into the arguments.
     *
     * @return empty where Divemap knows no dump tool (H2)
     */
    public Optional<List<String>> dumpCommand(DumpTarget target, Path file, Map<String, String> environment) {
        return Optional.empty();
    }

    /**
     * A URL whose connections all reach the same database: {@code url} itself, except where each
     * connection to {@code url} opens a private database of its own (H2's unnamed
     * {@code jdbc:h2:mem:}), which is then given the name {@code name}.
     */
    public String sharedUrl(String url, String name) {
        return url;
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
     * Whether the table {@code table} (as configured, in {@code schema} or the current schema when
     * null) may be read under that name before it is looked up in the catalog: everywhere a failed
     * read leaves no trace; where it would ({@link #tracesFailedStatements}), only when the driver's
     * metadata, which needs no SQL, says the table is there. A database at head then reads its version
     * and history tables without catalog queries.
     */
    public boolean mayReadDirectly(Connection connection, String schema, String table) {
        return !tracesFailedStatements();
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
    protected abstract char quoteCharacter();

    /**
     * The words this database reserves, in upper case: a name that is one of them is quoted even in
     * lower case. Each dialect package keeps its database's list ({@link ReservedWords}).
     */
    protected abstract Set<String> reservedWords();


    /** Whether {@link #quote} quotes every name, as Divemap did before names were quoted only where needed. */
    private boolean quoteEveryName;

    /**
     * Whether {@link #quote} must quote {@code name}, as SQLAlchemy decides: unless it is made of
     * lower-case ASCII letters, digits and underscores, starts with a letter or an underscore, and is
     * not a {@link #reservedWords() reserved word} of this database. Such a name reaches the database
     * as hand-written SQL that does not quote it does: {@code dive_sites} is the same table in
     * Divemap's statements and in {@code op.execute("UPDATE dive_sites ...")}, also on H2, which keeps
     * it as {@code DIVE_SITES}.
     */
    public final boolean needsQuotes(String name) {
        return !plain(name) || reservedWords().contains(name.toUpperCase(Locale.ROOT));
    }

    /** A name that every database reads the same unquoted: {@code [a-z_][a-z0-9_]*}, lower-case ASCII letters, digits, underscores. */
    private static boolean plain(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A name as Divemap writes it into SQL: as it is where it {@linkplain #needsQuotes needs no
     * quotes} ({@code dive_sites}), otherwise quoted so that it is used exactly as written, any quote
     * character inside doubled ({@code `order`} on MySQL and MariaDB, {@code "Mixed Case"} elsewhere).
     */
    public final String quote(String identifier) {
        requireIdentifier(identifier);
        return quoteEveryName || needsQuotes(identifier) ? quoteExact(identifier) : identifier;
    }

    /**
     * A name quoted in every case, so that it is used exactly as written: for a name read from the
     * catalog, which must be matched as the database stores it ({@code "DIVEMAP_VERSION"} on H2).
     */
    public final String quoteExact(String identifier) {
        requireIdentifier(identifier);
        String q = String.valueOf(quoteCharacter());
        return q + identifier.replace(q, q + q) + q;
    }

    private static void requireIdentifier(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("identifier must not be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier must not contain NUL: " + identifier.replace('\0', '?'));
        }
    }

    /** {@code schema.table}, each {@link #quote}d; just the table when {@code schema} is null (the current one). */
    public final String qualify(String schema, String table) {
        return schema == null ? quote(table) : quote(schema) + "." + quote(table);
    }

    /**
     * {@code schema.table} for a table name read from the catalog: the schema as configured,
     * {@link #quote}d; the table {@link #quoteExact quoted exactly}.
     */
    public final String qualifyExact(String schema, String storedTable) {
        return schema == null ? quoteExact(storedTable) : quote(schema) + "." + quoteExact(storedTable);
    }

    /**
     * This dialect as it was before names were quoted only where needed: {@link #quote} quotes every
     * name. Only for the checksums of revisions applied then, which cover SQL written that way.
     */
    public final Dialect quotingEveryName() {
        Dialect dialect = of(database());
        dialect.quoteEveryName = true;
        return dialect;
    }

    /**
     * The name under which the database keeps a name that Divemap writes with {@link #quote}, for
     * looking it up in the catalog: the name itself where it is quoted; otherwise the name folded as
     * the connection folds unquoted names, which its JDBC metadata tells (upper case on H2, unless
     * the URL sets {@code DATABASE_TO_LOWER=TRUE}; unchanged on MySQL, MariaDB and PostgreSQL).
     */
    public final String storedName(Connection connection, String name) throws SQLException {
        if (quoteEveryName || needsQuotes(name)) {
            return name;
        }
        DatabaseMetaData metaData = connection.getMetaData();
        if (metaData.storesUpperCaseIdentifiers()) {
            return name.toUpperCase(Locale.ROOT);
        } else if (metaData.storesLowerCaseIdentifiers()) {
            return name.toLowerCase(Locale.ROOT);
        }
        return name;
    }

    /**
     * Whether the connection matches names regardless of case, quoted or not, as its JDBC metadata
     * tells ({@code supportsMixedCaseQuotedIdentifiers}): H2 with {@code CASE_INSENSITIVE_IDENTIFIERS=TRUE},
     * MySQL with {@code lower_case_table_names}. There the case a name is kept in does not matter.
     */
    public final boolean ignoresCaseOfNames(Connection connection) throws SQLException {
        return !connection.getMetaData().supportsMixedCaseQuotedIdentifiers();
    }

    /**
     * What to tell a user whose database holds, in lower case, names that this connection would fold
     * to upper case: tables an earlier version of Divemap created by quoting every name. Empty where
     * no connection setting changes how names are matched.
     */
    public String lowerCaseNamesAdvice() {
        return "";
    }

    /** The query that returns the connection's current schema (the database, on MySQL). */
    protected abstract String currentSchemaQuery();

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

    /** What holds tables, as users of the database call it: "database" on MySQL, "schema" elsewhere. */
    public String schemaNoun() {
        return "schema";
    }

    /** The statement that creates the {@link #schemaNoun() schema} {@code name}. */
    public String createSchemaStatement(String name) {
        return "CREATE SCHEMA " + quote(name);
    }

    /** The statement that drops the {@link #schemaNoun() schema} {@code name}, with all it holds, if it exists. */
    public String dropSchemaStatement(String name) {
        return "DROP SCHEMA IF EXISTS " + quote(name) + " CASCADE";
    }

    /** Makes {@code name} the current {@link #schemaNoun() schema} of {@code connection}. */
    public void useSchema(Connection connection, String name) throws SQLException {
        connection.setSchema(name);
    }

    /** The queries that read what a schema holds beyond JDBC's metadata, for the schema inspector. */
    public abstract CatalogQueries catalog();

    /** The renderer of {@code Operations} calls; {@link Ddl#of} asks for it. */
    protected abstract Ddl ddl();

    /**
     * Whether adding a foreign key makes an index of the key's name when no index serves its columns,
     * one that dropping the key leaves behind: MySQL and MariaDB.
     */
    public boolean foreignKeyAddsIndex() {
        return false;
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

    /**
     * The clause that turns a multi-row {@code INSERT} into an upsert: a row whose primary key exists
     * already gets {@code columns} set to bound values ({@code ?}, in the order given) instead of
     * being inserted, while the other rows are inserted. The statement still returns the key the
     * database generated for the first row that had none. Null where the database has no such clause
     * that keeps generated keys (the caller then updates and inserts separately).
     *
     * @param columns the columns to set, each as it goes into SQL
     */
    public String onDuplicateKeyUpdate(List<String> columns) {
        return null;
    }

    /** Whether {@link #onDuplicateKeyUpdate} gives a clause. */
    public boolean hasOnDuplicateKeyUpdate() {
        return false;
    }

    /**
     * Whether a revision's record can commit in the same round trip as it is written: one prepared
     * statement whose text changes the version row and adds the history row in one data-modifying
     * {@code WITH} and ends in {@code ; COMMIT}. It takes a database that runs DDL in transactions,
     * has such {@code WITH}s and raises an error for a division by zero (the statement's guard against
     * a version row that did not match), and a driver that sends text holding several statements in
     * one round trip and learns from the server that the transaction ended, so that its
     * {@code commit()} afterwards sends nothing and its next statement opens a new transaction.
     */
    public boolean commitsInStatementText() {
        return false;
    }

    /**
     * After a statement that ends in {@code COMMIT} ({@link #commitsInStatementText}) failed: whether
     * the {@code COMMIT} failed (a deferred constraint, a serialization failure), so that the
     * database rolled the transaction back and ended it, rather than a statement before it, which
     * leaves the transaction open and refusing statements. Called only where
     * {@link #commitsInStatementText} is true; may send a statement, and leaves a transaction open.
     */
    public boolean commitFailed(Connection connection) {
        throw new UnsupportedOperationException(displayName() + " does not commit in a statement's text");
    }

    /**
     * The statement that widens a {@code VARCHAR} column, keeping it NOT NULL.
     *
     * @param qualifiedTable the table, as it goes into SQL
     * @param column the column's name as the catalog stores it, quoted exactly
     */
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
