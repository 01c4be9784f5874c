package org.divemap.migrations.autogenerate;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.divemap.migrations.Operations;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.test.SchemaSnapshot;

/**
 * A fresh database (MariaDB), schema (PostgreSQL) or in-memory database (H2) for one test class, on
 * the servers of {@code DIVEMAP_TEST_MYSQL_URL} and {@code DIVEMAP_TEST_POSTGRES_URL} (or the local
 * defaults). A server that cannot be reached makes the test class skip, never pass.
 */
final class TestDb implements AutoCloseable {

    static final String MYSQL_DEFAULT = "jdbc:mysql://127.0.0.1:3306/?user=root&password=";
    static final String POSTGRES_DEFAULT = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    final Operations.Database kind;
    final String name;
    final String url;
    private final String serverUrl;
    private final Connection keepAlive;

    private TestDb(Operations.Database kind, String name, String url, String serverUrl) throws SQLException {
        this.kind = kind;
        this.name = name;
        this.url = url;
        this.serverUrl = serverUrl;
        this.keepAlive = kind == Operations.Database.H2 ? DriverManager.getConnection(url) : null;
    }

    static TestDb create(Operations.Database kind, String label) {
        String name = "divemap_ag_" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x1000_0000);
        try {
            switch (kind) {
                case MYSQL, MARIADB -> {
                    String server = env("DIVEMAP_TEST_MYSQL_URL", MYSQL_DEFAULT);
                    admin(server, "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
                    int q = server.indexOf('?');
                    String base = q < 0 ? server : server.substring(0, q);
                    base = base.substring(0, base.indexOf('/', "jdbc:mysql://".length()) + 1);
                    return new TestDb(kind, name, base + name + (q < 0 ? "" : server.substring(q)), server);
                }
                case POSTGRESQL -> {
                    String server = env("DIVEMAP_TEST_POSTGRES_URL", POSTGRES_DEFAULT);
                    admin(server, "CREATE SCHEMA \"" + name + "\"");
                    return new TestDb(kind, name, server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name,
                            server);
                }
                default -> {
                    return new TestDb(kind, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", null);
                }
            }
        } catch (SQLException e) {
            assumeTrue(false, "No " + kind + " test server: " + e.getMessage());
            throw new AssertionError(e);
        }
    }

    private static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void admin(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** The schema without Divemap's own tables. */
    SchemaSnapshot snapshot() throws SQLException {
        try (Connection connection = connect()) {
            return SchemaSnapshot.of(connection, List.of(Configuration.DEFAULT_VERSION_TABLE,
                    Configuration.DEFAULT_HISTORY_TABLE, Configuration.H2_LOCK_TABLE));
        }
    }

    @Override
    public void close() throws SQLException {
        if (keepAlive != null) {
            keepAlive.close();
        } else if (kind == Operations.Database.POSTGRESQL) {
            admin(serverUrl, "DROP SCHEMA IF EXISTS \"" + name + "\" CASCADE");
        } else {
            admin(serverUrl, "DROP DATABASE IF EXISTS `" + name + "`");
        }
    }
}
