package org.divemap.migrations.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.divemap.migrations.RevisionRegistry;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a fresh database or schema of its own, created before the class's
 * first test and dropped after its last:
 *
 * <pre>{@code
 * @MigrationTest(database = "jdbc:h2:mem:")
 * class MigrationHistoryTest extends StandardMigrationTests {}
 * }</pre>
 *
 * <p>Where the database lives is given as a JDBC URL ({@link #database()}), by a
 * {@link DataSourceProvider} ({@link #dataSource()}) for a connection pool the test already has, or as
 * a Testcontainers container: an image ({@link #container()}, {@code @MigrationTest(container =
 * "mysql:8.4")}) or a {@link ContainerProvider} ({@link #containerProvider()}). On that server the extension creates a database
 * ({@code CREATE DATABASE}, MySQL and MariaDB) or a schema ({@code CREATE SCHEMA}, PostgreSQL and
 * H2) named {@code divemap_test_<random>} ({@link #databasePrefix()} chooses the prefix), points
 * every connection it hands out at it, and drops it afterwards; so the user needs the right to create
 * one. Tests receive it as a
 * {@link MigrationDatabase} parameter.
 *
 * <p>The URL, user and password may read the environment: {@code ${VAR}} is the variable's value
 * and {@code ${VAR:-fallback}} uses the fallback when the variable is unset or empty, so one
 * annotation serves CI (which sets the variable) and a laptop (which uses the local server).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MigrationTestExtension.class)
public @interface MigrationTest {

    /**
     * The JDBC URL of the server to create the test database on, such as
     * {@code jdbc:mysql://127.0.0.1:3306/?user=root}, {@code jdbc:postgresql://localhost/app} or
     * {@code jdbc:h2:mem:}. Empty, with no {@link #dataSource()}: a private in-memory H2 database.
     */
    String database() default "";

    /** The user, when the URL does not carry it; {@code ${VAR}} reads the environment. */
    String user() default "";

    /** The password, when the URL does not carry it; {@code ${VAR}} reads the environment. */
    String password() default "";

    /**
     * Supplies the data source to use instead of {@link #database()}; it needs a public no-argument
     * constructor. The extension creates the test database through it and closes nothing of it.
     */
    Class<? extends DataSourceProvider> dataSource() default DataSourceProvider.class;

    /**
     * A Testcontainers image to start the test server from, once per JVM and image:
     * {@code mysql:8.4}, {@code mariadb:11.4}, {@code postgres:16}. Needs the image's Testcontainers
     * module on the test class path ({@code org.testcontainers:testcontainers-mysql}, {@code -mariadb}
     * or {@code -postgresql}, test scope) and Docker. Without Docker the class is skipped, never
     * passed, and the message names the other way: a {@link #database()} URL.
     */
    String container() default "";

    /**
     * Supplies a Testcontainers {@code JdbcDatabaseContainer} the tests already build, for images and
     * settings {@link #container()} does not cover; it needs a public no-argument constructor. Without
     * Docker the class is skipped.
     */
    Class<? extends ContainerProvider> containerProvider() default ContainerProvider.class;

    /**
     * The registries holding the history to test; empty (the default) for every registry on the
     * test's class path, found with {@link java.util.ServiceLoader} as the runtime finds them.
     */
    Class<? extends RevisionRegistry>[] registries() default {};

    /**
     * The start of the name of the database (MySQL, MariaDB) or schema (PostgreSQL, H2) the extension
     * creates, followed by eight random hex digits: {@code databasePrefix = "ci_"} creates
     * {@code ci_1a2b3c4d}, for servers whose naming rules or grants allow only some names. Lower-case
     * letters, digits and {@code _}, starting with a letter, at most 40 characters;
     * {@code ${VAR}} reads the environment.
     */
    String databasePrefix() default "divemap_test_";

    /** The standard checks to run; empty (the default) for all of them. */
    Check[] checks() default {};

    /** Revisions the standard checks pass over, each with the reason, which is printed. */
    Skip[] skip() default {};
}
