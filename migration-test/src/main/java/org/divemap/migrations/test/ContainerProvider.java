package org.divemap.migrations.test;

import org.testcontainers.containers.JdbcDatabaseContainer;

/**
 * Gives {@link MigrationTest} a Testcontainers container the tests already build, for an image or
 * settings that {@link MigrationTest#container()} does not cover:
 *
 * <pre>{@code
 * public final class MySqlWithUtf8 implements ContainerProvider {
 *     static final MySQLContainer SERVER = new MySQLContainer("mysql:8.4").withUsername("root")
 *             .withCommand("--character-set-server=utf8mb4");
 *
 *     public JdbcDatabaseContainer<?> container() {
 *         return SERVER;
 *     }
 * }
 *
 * @MigrationTest(containerProvider = MySqlWithUtf8.class)
 * class MigrationHistoryTest extends StandardMigrationTests {}
 * }</pre>
 *
 * <p>The extension starts the container if it is not running, and never stops it. Its user must be
 * allowed to create a database (MySQL, MariaDB) or schema (PostgreSQL). Without Docker, the class
 * is skipped.
 */
public interface ContainerProvider {

    /** The container; called once per test class. */
    JdbcDatabaseContainer<?> container() throws Exception;
}
