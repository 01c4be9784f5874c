package org.divemap.migrations.runtime.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.divemap.migrations.Operations;

/**
 * A fresh database or schema for one test class, dropped on {@link #close()}:
 *
 * <ul>
 *   <li>MySQL and MariaDB: {@code CREATE DATABASE divemap_t_<name>_<random>} on the server of
 *       {@value #MYSQL_ENV};
 *   <li>PostgreSQL: {@code CREATE SCHEMA divemap_t_<name>_<random>} in the database of
 *       {@value #POSTGRES_ENV}, with connections whose {@code currentSchema} is that schema;
 *   <li>H2: an in-memory database {@code jdbc:h2:mem:divemap_t_<name>_<random>;DB_CLOSE_DELAY=-1}.
 * </ul>
 *
 * <p>{@code MYSQL} and {@code MARIADB} both mean "the server at {@value #MYSQL_ENV}", whichever it is.
 * Where a variable is not set, {@link TestContainers} starts MySQL 8.4 or PostgreSQL 16 in Docker; with
 * no Docker either, the test is skipped.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String MYSQL_ENV = "DIVEMAP_TEST_MYSQL_URL";
    public static final String POSTGRES_ENV = "DIVEMAP_TEST_POSTGRES_URL";

    private final Operations.Database kind;
    private final JdbcUrl server;
    private final String jdbcUrl;
    private final String schema;
    private final HikariDataSource dataSource;
    private boolean closed;

    private TestDatabase(Operations.Database kind, JdbcUrl server, String jdbcUrl, String schema) {
        this.kind = kind;
        this.server = server;
        this.jdbcUrl = jdbcUrl;
        this.schema = schema;
        HikariConfig config = new HikariConfig();
        config.setPoolName("divemap-test-" + schema);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(6);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(5_000);
        this.dataSource = new HikariDataSource(config);
    }

    /**
     * Creates a database (MySQL, MariaDB, H2) or schema (PostgreSQL) named after {@code name} and a
     * random suffix.
     *
     * @throws IllegalStateException if the server cannot be reached, naming the variable to set
     */
    public static TestDatabase create(Operations.Database kind, String name) {
        String unique = "divemap_t_" + sanitize(name) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x1000_0000);
        return switch (kind) {
            case MYSQL, MARIADB -> {
                JdbcUrl server = server(MYSQL_ENV);
                admin(kind, server, MYSQL_ENV, "CREATE DATABASE `" + unique + "` CHARACTER SET utf8mb4");
                yield new TestDatabase(kind, server, server.withDatabase(unique).url(), unique);
            }
            case POSTGRESQL -> {
                JdbcUrl server = server(POSTGRES_ENV);
                admin(kind, server, POSTGRES_ENV, "CREATE SCHEMA \"" + unique + "\"");
                yield new TestDatabase(kind, server, server.withParameter("currentSchema", unique).url(), unique);
            }
            case H2 -> {
                JdbcUrl h2 = new JdbcUrl("jdbc:h2:", "", "mem:" + unique + ";DB_CLOSE_DELAY=-1",
                        java.util.List.of(), "sa", "");
                yield new TestDatabase(kind, h2, h2.url(), "PUBLIC");
            }
        };
    }

    /**
     * The server the variable names; without it, a Testcontainers container when Docker is there;
     * without both, the test is skipped (never passed), with a message that names both ways.
     */
    private static JdbcUrl server(String variable) {
        String url = System.getenv(variable);
        if (url != null && !url.isBlank()) {
            return JdbcUrl.parse(url);
        }
        return JdbcUrl.parse(TestContainers.url(variable.equals(POSTGRES_ENV)));
    }

    private static void admin(Operations.Database kind, JdbcUrl server, String variable, String sql) {
        try (Connection connection = connect(server.url(), server);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            String configured = System.getenv(variable);
            throw new IllegalStateException("Cannot use the " + kind + " test server " + server.display() + " ("
                    + (configured == null || configured.isBlank() ? variable + " is not set, so the default was tried"
                            : "from " + variable)
                    + "): " + e.getMessage() + "\nStart that server (.ci/run starts MariaDB and PostgreSQL), or set "
                    + variable + " to the JDBC URL of a server where the user may create "
                    + (kind == Operations.Database.POSTGRESQL ? "schemas" : "databases") + ".", e);
        }
    }

    private static Connection connect(String url, JdbcUrl credentials) throws SQLException {
        Properties properties = new Properties();
        if (credentials.user() != null) {
            properties.setProperty("user", credentials.user());
        }
        if (credentials.password() != null) {
            properties.setProperty("password", credentials.password());
        }
        return DriverManager.getConnection(url, properties);
    }

    private static String sanitize(String name) {
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return clean.length() > 30 ? clean.substring(0, 30) : clean;
    }

    /** The database kind this was created for. */
    public Operations.Database kind() {
        return kind;
    }

    /** The URL of the database or schema, without user and password. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    /** The database (MySQL, MariaDB), schema (PostgreSQL) or {@code PUBLIC} (H2) that tests use. */
    public String schema() {
        return schema;
    }

    /** A small pool of connections to {@link #jdbcUrl()}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A new physical connection, outside the pool; closing it ends its session. */
    public Connection connect() throws SQLException {
        return connect(jdbcUrl, server);
    }

    /** A data source of physical connections, which remembers them so a test can cut them off. */
    public DirectDataSource directDataSource() {
        return new DirectDataSource(this::connect);
    }

    /** Closes the pool and drops the database or schema. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dataSource.close();
        String sql = switch (kind) {
            case MYSQL, MARIADB -> "DROP DATABASE IF EXISTS `" + schema + "`";
            case POSTGRESQL -> "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE";
            case H2 -> "SHUTDOWN";
        };
        try (Connection connection = kind == Operations.Database.H2 ? connect() : connect(server.url(), server);
                Statement statement = connection.createStatement()) {
            if (kind == Operations.Database.POSTGRESQL) {
                statement.execute("SET lock_timeout = '10s'");
            } else if (kind != Operations.Database.H2) {
                statement.execute("SET SESSION lock_wait_timeout = 10");
            }
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop the test " + (kind == Operations.Database.POSTGRESQL
                    ? "schema " : "database ") + schema + " on " + server.display() + ": " + e.getMessage()
                    + ". A test may have left a connection open; drop it by hand: " + sql, e);
        }
    }

    @Override
    public String toString() {
        return kind + " " + schema;
    }
}
