package org.divemap.migrations.spring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.divemap.migrations.Operations.Database;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A fresh database (MariaDB, H2) or schema (PostgreSQL) for one test class, dropped by
 * {@link #close()}. The servers come from {@code DIVEMAP_TEST_MYSQL_URL} and
 * {@code DIVEMAP_TEST_POSTGRES_URL}, else from Testcontainers where Docker runs; with neither, the
 * test is skipped.
 */
final class TestDatabase implements AutoCloseable {

    static final String MYSQL_ENV = "DIVEMAP_TEST_MYSQL_URL";
    static final String POSTGRES_ENV = "DIVEMAP_TEST_POSTGRES_URL";

    final Database kind;
    final String name;
    private final String serverUrl;

    private TestDatabase(Database kind, String name, String serverUrl) {
        this.kind = kind;
        this.name = name;
        this.serverUrl = serverUrl;
    }

    /** Creates {@code divemap_s_<purpose>_<random>}. */
    static TestDatabase create(Database kind, String purpose) {
        String name = "divemap_s_" + purpose.toLowerCase(Locale.ROOT) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x1000_0000);
        TestDatabase db = new TestDatabase(kind, name, server(kind));
        switch (kind) {
            case MARIADB, MYSQL -> db.admin("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
            case POSTGRESQL -> db.admin("CREATE SCHEMA " + name);
            case H2 -> { }
        }
        return db;
    }

    /**
     * The server the variable names; without it, MySQL 8.4 or PostgreSQL 16 in Docker, started by
     * Testcontainers; without both, the test is skipped (never passed), naming both ways.
     */
    private static String server(Database kind) {
        boolean postgresql = kind == Database.POSTGRESQL;
        String variable = postgresql ? POSTGRES_ENV : MYSQL_ENV;
        String url = System.getenv(variable);
        if (url != null && !url.isBlank()) {
            return url;
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            Assumptions.abort("Skipped: no " + (postgresql ? "PostgreSQL" : "MySQL/MariaDB") + " test server. Set "
                    + variable + " to the JDBC URL of one (.ci/run starts local servers and sets it), or start"
                    + " Docker, so that Testcontainers runs " + (postgresql ? "postgres:16" : "mysql:8.4") + ".");
        }
        JdbcDatabaseContainer<?> container = CONTAINERS.computeIfAbsent(kind, k -> {
            JdbcDatabaseContainer<?> started = postgresql ? new PostgreSQLContainer("postgres:16")
                    : new MySQLContainer("mysql:8.4").withUsername("root");
            started.start();
            return started;
        });
        String jdbc = container.getJdbcUrl();
        return jdbc + (jdbc.contains("?") ? "&" : "?") + "user=" + container.getUsername() + "&password="
                + container.getPassword();
    }

    private static final Map<Database, JdbcDatabaseContainer<?>> CONTAINERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The JDBC URL of this database or schema, without credentials: see {@link #user()}, {@link #password()}. */
    String url() {
        String base = withoutQuery(serverUrl);
        return switch (kind) {
            case MARIADB, MYSQL -> base.substring(0, base.indexOf('/', "jdbc:mysql://".length()) + 1) + name;
            case POSTGRESQL -> base + "?currentSchema=" + name;
            case H2 -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        };
    }

    String user() {
        return kind == Database.H2 ? "sa" : parameter("user");
    }

    String password() {
        return kind == Database.H2 ? "" : parameter("password");
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private String parameter(String key) {
        int query = serverUrl.indexOf('?');
        if (query >= 0) {
            for (String pair : serverUrl.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(key)) {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    /** Spring properties that make this the application's DataSource. */
    Map<String, Object> dataSourceProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url());
        if (user() != null) {
            properties.put("spring.datasource.username", user());
        }
        if (password() != null) {
            properties.put("spring.datasource.password", password());
        }
        return properties;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    List<List<Object>> query(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Whether {@code table} exists in {@code schema} (this database's when null). */
    boolean hasTable(String schema, String table) throws SQLException {
        String where = schema != null ? schema : kind == Database.H2 ? "public" : name;
        return !query("SELECT table_name FROM information_schema.tables WHERE LOWER(table_schema) = '"
                + where.toLowerCase(Locale.ROOT) + "' AND LOWER(table_name) = '" + table + "'").isEmpty();
    }

    private void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot use the " + kind + " test server (" + (kind == Database.POSTGRESQL
                    ? POSTGRES_ENV : MYSQL_ENV) + "): " + e.getMessage() + ". Start it (.ci/run) or set the variable"
                    + " to a server where this user may create databases and schemas.", e);
        }
    }

    @Override
    public void close() {
        switch (kind) {
            case MARIADB, MYSQL -> admin("DROP DATABASE IF EXISTS " + name);
            case POSTGRESQL -> admin("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            case H2 -> {
                try {
                    execute("SHUTDOWN");
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not shut the H2 database " + name + " down", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
