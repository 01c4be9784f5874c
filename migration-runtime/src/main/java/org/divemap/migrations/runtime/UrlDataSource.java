package org.divemap.migrations.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.command.Setup;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.sql.ConnectionSource;

/**
 * The connections of a {@link Divemap} configured with a JDBC URL, opened directly through the
 * driver, one attempt each: when the server answers with a refusal (a wrong user or password, an
 * unknown database) or there is no server to answer (a refused connection, an unknown host), that
 * single attempt fails at once with a line that names the cause, instead of a pool retrying a dozen
 * logins for the whole connect timeout, which locks accounts where a lockout policy counts failed
 * logins. Only a server that does not answer is waited for, up to the connect timeout. A command
 * needs one or two connections (a start-up with nothing to do one; a run that changes the database
 * a second for the lock), so a one-shot process such as the CLI needs no pool and starts none of its
 * threads. Only after a passing refusal (too many connections, a server starting up) do connections
 * come from a small HikariCP pool, which keeps trying for the connect timeout.
 */
final class UrlDataSource extends ConnectionSource implements AutoCloseable {

    private final Setup setup;
    private final Driver driver;
    private HikariDataSource pool;

    /**
     * Finds the driver that accepts the URL, through the context class loader as HikariCP would.
     *
     * @throws DivemapException {@code CONNECTION} when no driver on the class path accepts it
     */
    UrlDataSource(Setup setup) {
        Logs.init(); // before HikariCP first asks SLF4J for a logger
        this.setup = setup;
        this.driver = driver(setup);
    }

    private static Driver driver(Setup setup) {
        String name = driverClass(setup.url());
        try {
            if (name != null) {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                Class<?> type;
                try {
                    type = Class.forName(name, true, context != null ? context : UrlDataSource.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    type = Class.forName(name, true, UrlDataSource.class.getClassLoader());
                }
                return (Driver) type.getDeclaredConstructor().newInstance();
            }
            return DriverManager.getDriver(setup.url());
        } catch (ReflectiveOperationException | SQLException | LinkageError | ClassCastException e) {
            throw new DivemapException(Kind.CONNECTION, "Cannot connect to " + Redaction.url(setup.url())
                    + ": no JDBC driver on the class path accepts this URL ("
                    + (name != null ? "the driver class " + name + " is missing"
                            : Redaction.text(String.valueOf(e.getMessage()), setup.password(),
                                    setup.url()))
                    + "). Add the database's driver (com.mysql:mysql-connector-j,"
                    + " org.mariadb.jdbc:mariadb-java-client, org.postgresql:postgresql, com.h2database:h2) to the"
                    + " application, or check the URL's prefix.",
                    Redaction.throwable(e, setup.password(), setup.url()));
        }
    }

    /** The driver class of the URL's prefix, loaded by name so that the application's copy is used; null if unknown. */
    static String driverClass(String url) {
        Optional<Dialect> dialect = Dialect.forUrl(url);
        return dialect.isPresent() ? dialect.get().driverClass() : null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        HikariDataSource ready;
        synchronized (this) {
            if (pool == null) {
                long started = System.nanoTime();
                try {
                    return direct();
                } catch (SQLException e) {
                    String cause = definitive(e);
                    if (cause != null) {
                        throw refused(cause, e);
                    }
                    if ((System.nanoTime() - started) / 1_000_000 >= setup.connectTimeout().toMillis()) {
                        throw refused("no answer within " + setup.connectTimeout().toMillis() + " ms ("
                                + e.getMessage() + "); check the URL's host and port, and that the server is running,"
                                + " or allow a longer connect timeout", e);
                    }
                    // a passing refusal (too many connections, a server starting up): the pool keeps trying
                }
            }
            ready = pool();
        }
        return ready.getConnection(); // outside the monitor: a thread waiting for the pool blocks no other
    }

    /** One attempt through the driver, bounded by the connect timeout where the driver takes one. */
    private Connection direct() throws SQLException {
        Properties properties = new Properties();
        if (setup.user() != null && !setup.user().isBlank()) {
            properties.setProperty("user", setup.user());
        }
        if (setup.password() != null && !setup.password().isEmpty()) {
            properties.setProperty("password", setup.password());
        }
        String url = setup.url();
        if (!url.toLowerCase(Locale.ROOT).contains("connecttimeout")) {
            Optional<Dialect> dialect = Dialect.forUrl(url);
            if (dialect.isPresent()) {
                dialect.get().connectTimeout(properties, setup.connectTimeout());
            }
        }
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("the driver " + driver.getClass().getName() + " does not accept the URL");
        }
        return connection;
    }

    /**
     * What a failure to connect says for certain, as a short phrase, or null when trying again could
     * help: the server refused the login or the database, or there is nothing to connect to.
     */
    static String definitive(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "unknown host " + cause.getMessage() + ": the name does not resolve; check the URL's host";
            } else if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return "the connection was refused: nothing listens at that host and port; check the URL's host and"
                        + " port, and that the server is running";
            }
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        if (state.startsWith("28") || code == 1045 || code == 1044 || code == 1698) {
            return "the server refused the login (" + e.getMessage() + "); check the user and the password";
        } else if (state.equals("3D000") || code == 1049 || code == 90146 || code == 90013) {
            return "the database does not exist (" + e.getMessage() + "); check the database name in the URL";
        }
        return null;
    }

    private DivemapException refused(String cause, SQLException e) {
        return new DivemapException(Kind.CONNECTION, "Cannot connect to " + Redaction.url(setup.url())
                + (setup.user() != null && !setup.user().isBlank() ? " as " + setup.user() : "")
                + ": " + Redaction.text(cause, setup.password(), setup.url()) + ".",
                Redaction.throwable(e, setup.password(), setup.url()));
    }

    private HikariDataSource pool() {
        if (pool == null) {
            HikariConfig hikari = new HikariConfig();
            // the pool opens connections through the driver found above, as the first one was opened: HikariCP
            // looking the driver up itself would warn "Registered driver ... was not found" wherever the driver is
            // not registered with DriverManager's class loader (a Maven plugin, a command-line tool)
            hikari.setDataSource(new DriverConnections());
            hikari.setPoolName("divemap");
            hikari.setMaximumPoolSize(3);
            hikari.setMinimumIdle(0);
            hikari.setInitializationFailTimeout(-1); // connect when a command needs it, and report errors there
            hikari.setConnectionTimeout(setup.connectTimeout().toMillis());
            pool = new HikariDataSource(hikari);
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public int getLoginTimeout() {
        return (int) setup.connectTimeout().toSeconds();
    }


    /** The pool's source of new connections: one attempt through the driver, as {@link #direct()} makes. */
    private final class DriverConnections extends ConnectionSource {
        @Override
        public Connection getConnection() throws SQLException {
            return direct();
        }

        @Override
        public int getLoginTimeout() {
            return (int) setup.connectTimeout().toSeconds();
        }
    }
}
