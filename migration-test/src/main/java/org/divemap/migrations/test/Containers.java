package org.divemap.migrations.test;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Testcontainers side of {@link MigrationTest#container()} and
 * {@link MigrationTest#containerProvider()}. Loaded only when a test asks for a container, so a test
 * class path without Testcontainers works for everything else.
 */
final class Containers {

    /** One container per image in a JVM, stopped by Testcontainers when the JVM ends. */
    private static final Map<String, JdbcDatabaseContainer<?>> STARTED = new ConcurrentHashMap<>();

    /** Where a container's database server is. */
    record Server(String url, String user, String password) {}

    private Containers() {}

    /** The server of a container of {@code image}, started on first use. Skips the class without Docker. */
    static Server ofImage(String image) {
        requireDocker("container = \"" + image + "\"");
        JdbcDatabaseContainer<?> container = STARTED.computeIfAbsent(image, Containers::create);
        return server(container);
    }

    /** The server of a container the test supplies, started here if it is not running. */
    static Server ofProvided(JdbcDatabaseContainer<?> container, String provider) {
        requireDocker("containerProvider = " + provider + ".class"); // before the image: naming it needs Docker
        synchronized (container) {
            if (!container.isRunning()) {
                container.start();
            }
        }
        return server(container);
    }

    private static Server server(JdbcDatabaseContainer<?> container) {
        return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static JdbcDatabaseContainer<?> create(String image) {
        String name = image.substring(image.lastIndexOf('/') + 1);
        name = (name.contains(":") ? name.substring(0, name.indexOf(':')) : name).toLowerCase(Locale.ROOT);
        JdbcDatabaseContainer<?> container = switch (name) {
            // root, so that the extension may create the test class's database
            case "mysql" -> new MySQLContainer(image).withUsername("root");
            case "mariadb" -> new MariaDBContainer(image).withUsername("root");
            case "postgres", "postgis" -> new PostgreSQLContainer(image);
            default -> throw new ExtensionConfigurationException("@MigrationTest(container = \"" + image + "\"): "
                    + "Divemap starts mysql, mariadb and postgres images. For another image, give a"
                    + " containerProvider that builds its JdbcDatabaseContainer.");
        };
        container.start();
        return container;
    }

    private static void requireDocker(String attribute) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            Assumptions.abort("Skipped: @MigrationTest(" + attribute + ") needs Docker, and Testcontainers found"
                    + " none here. Start Docker, or run against a server you have: @MigrationTest(database ="
                    + " \"${DIVEMAP_TEST_MYSQL_URL}\") or (database = \"${DIVEMAP_TEST_POSTGRES_URL}\"), with the"
                    + " variable set to the server's JDBC URL.");
        }
    }
}
