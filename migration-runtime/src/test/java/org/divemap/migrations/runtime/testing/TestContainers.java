package org.divemap.migrations.runtime.testing;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The test servers when {@value TestDatabase#MYSQL_ENV} or {@value TestDatabase#POSTGRES_ENV} is not
 * set: MySQL 8.4 and PostgreSQL 16 in Docker, started once per JVM by Testcontainers (which removes
 * them when the JVM ends). Without Docker, the calling test is skipped with a message that names
 * both ways to give it a server.
 */
public final class TestContainers {

    private static JdbcDatabaseContainer<?> mysql;
    private static JdbcDatabaseContainer<?> postgres;

    private TestContainers() {}

    /** The JDBC URL, user and password included, of the container's server. */
    static synchronized String url(boolean postgresql) {
        String variable = postgresql ? TestDatabase.POSTGRES_ENV : TestDatabase.MYSQL_ENV;
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            String reason = "Skipped: no " + (postgresql ? "PostgreSQL" : "MySQL/MariaDB") + " test server. Set "
                    + variable + " to the JDBC URL of one (.ci/run starts local servers and sets it), or start"
                    + " Docker, so that Testcontainers runs " + (postgresql ? "postgres:16" : "mysql:8.4") + ".";
            // Surefire counts a class skipped in @BeforeAll as no test at all: say it where the build shows it
            System.err.println(reason);
            Assumptions.abort(reason);
        }
        JdbcDatabaseContainer<?> container;
        if (postgresql) {
            if (postgres == null) {
                postgres = new PostgreSQLContainer("postgres:16");
                postgres.start();
            }
            container = postgres;
        } else {
            if (mysql == null) {
                mysql = new MySQLContainer("mysql:8.4").withUsername("root");
                mysql.start();
            }
            container = mysql;
        }
        String url = container.getJdbcUrl();
        return url + (url.contains("?") ? "&" : "?") + "user=" + container.getUsername() + "&password="
                + container.getPassword();
    }
}
