package org.divemap.migrations.runtime.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.ModelComparison;
import org.divemap.migrations.runtime.Redaction;
import org.divemap.migrations.runtime.RevisionInfo;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.graph.Registries;
import org.divemap.migrations.runtime.graph.RevisionMap;
import org.divemap.migrations.runtime.history.HistoryTable;
import org.divemap.migrations.runtime.history.VersionTable;

/**
 * What every command of a loaded {@code Divemap} works with: its settings, its revisions, and its
 * database, with the dialect detected on the first connection a command opens and the version and
 * history tables named by the settings. Failures to connect and database errors become
 * {@link DivemapException}s whose messages never show the password.
 */
public final class Context {

    private final Setup setup;
    private final DataSource dataSource;
    private final Registries revisions;
    private final ClassLoader classLoader;
    private final Supplier<List<ModelComparison>> findComparisons;
    private List<ModelComparison> comparisons;
    private Dialect dialect;

    /**
     * @param dataSource where connections come from, or null when the commands must do without a
     *     database
     */
    public Context(Setup setup, DataSource dataSource, RevisionMap map) {
        this(setup, dataSource, map, Context.class.getClassLoader(), List.of());
    }

    /**
     * @param classLoader the application's classes
     * @param comparisons what {@code check} compares the schema at head with besides the revisions
     */
    public Context(Setup setup, DataSource dataSource, RevisionMap map, ClassLoader classLoader,
            List<ModelComparison> comparisons) {
        this(setup, dataSource, map, classLoader, constant(List.copyOf(comparisons)));
    }

    /**
     * @param classLoader the application's classes
     * @param comparisons finds what {@code check} compares the schema at head with besides the
     *     revisions; called once, when {@code check} first asks, so that commands that never compare
     *     (an upgrade at start-up) do not look for them
     */
    public Context(Setup setup, DataSource dataSource, RevisionMap map, ClassLoader classLoader,
            Supplier<List<ModelComparison>> comparisons) {
        this(setup, dataSource, Registries.of(map), classLoader, comparisons);
    }

    /**
     * @param revisions the revisions, whose map may be built when a command first needs it
     * @param classLoader the application's classes
     * @param comparisons as above
     */
    public Context(Setup setup, DataSource dataSource, Registries revisions, ClassLoader classLoader,
            Supplier<List<ModelComparison>> comparisons) {
        this.setup = setup;
        this.dataSource = dataSource;
        this.revisions = revisions;
        this.classLoader = classLoader;
        this.findComparisons = comparisons;
    }

    private static Supplier<List<ModelComparison>> constant(List<ModelComparison> comparisons) {
        return () -> comparisons;
    }

    /** The application's classes. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** What {@code check} compares the schema at head with besides the revisions. */
    public synchronized List<ModelComparison> comparisons() {
        if (comparisons == null) {
            comparisons = List.copyOf(findComparisons.get());
        }
        return comparisons;
    }

    public Setup setup() {
        return setup;
    }

    /** The map of the revisions; for a registry that gives its heads, built on the first call. */
    public RevisionMap map() {
        return revisions.map();
    }

    /** Whether {@code rows} are where {@code target} leads, known without the map (see {@link Registries}). */
    boolean atTargetWithoutMap(List<String> rows, String target) {
        return revisions.atTargetWithoutMap(rows, target);
    }

    /** Whether a database is configured. */
    public boolean hasDatabase() {
        return dataSource != null;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Work on a connection. */
    @FunctionalInterface
    public interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a connection of its own, closed afterwards; a database error is {@code DATABASE}. */
    public <T> T withConnection(SqlFunction<T> work) {
        try (Connection connection = connect()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new DivemapException(Kind.DATABASE, "The database failed: " + message(e), e);
        }
    }

    /**
     * A new connection for the caller to close ({@link #close}), on which the dialect is detected if it
     * is not known yet; a database error is {@code DATABASE}.
     */
    Connection openConnection() {
        try {
            return connect();
        } catch (SQLException e) {
            throw new DivemapException(Kind.DATABASE, "The database failed: " + message(e), e);
        }
    }

    /** Closes {@code connection}; a database error is {@code DATABASE}. */
    void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DivemapException(Kind.DATABASE, "The database failed: " + message(e), e);
        }
    }

    /** Closes {@code connection}, adding what goes wrong to {@code failure}. */
    static void closeQuietly(Connection connection, Throwable failure) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** A new connection, on which the dialect is detected if it is not known yet. */
    Connection connect() throws SQLException {
        Connection connection = open();
        try {
            detect(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private Connection open() {
        if (dataSource == null) {
            throw new DivemapException(Kind.CONFIGURATION, "No database configured. Call dataSource(url, user,"
                    + " password) or dataSource(DataSource) before load(); without one, only heads, branches, show,"
                    + " history and offline scripts work.");
        }
        try {
            return dataSource.getConnection();
        } catch (DivemapException e) {
            throw e;
        } catch (RuntimeException e) {
            // HikariCP reports a URL no driver accepts this way
            throw new DivemapException(Kind.CONNECTION, "Cannot connect to " + where() + ": " + message(rootCause(e))
                    + ". No JDBC driver on the class path accepts this URL: add the database's driver"
                    + " (com.mysql:mysql-connector-j, org.mariadb.jdbc:mariadb-java-client, org.postgresql:postgresql,"
                    + " com.h2database:h2) to the application, or check the URL's prefix.", setup.masked(e));
        } catch (SQLException e) {
            throw new DivemapException(Kind.CONNECTION, "Cannot connect to " + where()
                    + (setup.user() != null ? " as " + setup.user() : "") + ": " + sentence(message(rootCause(e)))
                    + " Check the URL, the user and the password, and that the server is running.", setup.masked(e));
        }
    }

    /** The database as a failure to connect names it: the URL without its password (built only then). */
    private String where() {
        return setup.url() != null ? Redaction.url(setup.url()) : "the configured data source";
    }

    private synchronized void detect(Connection connection) throws SQLException {
        if (dialect == null) {
            Dialect detected = Dialect.detect(connection);
            setup.requireNamesFit(detected); // before any table or lock is named after them
            dialect = detected;
        }
    }

    /** The database's dialect, detected on the first connection a command opens. */
    public Dialect dialect() {
        if (known() == null) {
            withConnection(connection -> null);
        }
        return known();
    }

    private synchronized Dialect known() {
        return dialect;
    }

    /** The version table, on the database. */
    public VersionTable versionTable() {
        return new VersionTable(dialect(), setup.schema(), setup.versionTable());
    }

    /** The history table, on the database. */
    public HistoryTable historyTable() {
        return new HistoryTable(dialect(), setup.schema(), setup.historyTable());
    }

    /** The version rows, sorted. */
    public List<String> versionRows() {
        return withConnection(connection -> sorted(versionTable().read(connection)));
    }

    /** The revisions {@code ids} names, described, those in {@code current} marked as current. */
    public List<RevisionInfo> infos(List<String> ids, Set<String> current) {
        RevisionMap map = map();
        Set<String> branchPoints = new HashSet<>(map.branchPoints());
        Set<String> heads = new HashSet<>(map.heads());
        return ids.stream().map(id -> {
            RegisteredRevision r = map.revision(id);
            return new RevisionInfo(id, r.revises(), r.dependsOn(), map.branchLabels(id), r.message(),
                    r.migrationClass(), heads.contains(id), branchPoints.contains(id), r.reversible(),
                    current.contains(id));
        }).toList();
    }

    /** The message of {@code e}, with secrets masked. */
    String message(Throwable e) {
        return setup.masked(e.getMessage() != null ? e.getMessage() : e.toString());
    }

    static List<String> sorted(List<String> rows) {
        return List.copyOf(new TreeSet<>(rows));
    }

    /** The driver's message ending with a full stop, so that the advice after it reads as a sentence. */
    private static String sentence(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?") ? trimmed : trimmed + ".";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
