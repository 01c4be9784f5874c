package org.divemap.migrations.test;

import javax.sql.DataSource;

/**
 * Gives {@link MigrationTest} a data source instead of a URL: a pool the tests already have, or a
 * Testcontainers container's database.
 *
 * <pre>{@code
 * public final class MariaDbContainer implements DataSourceProvider {
 *     static final MariaDBContainer<?> SERVER = new MariaDBContainer<>("mariadb:11.4").withUsername("root");
 *
 *     public DataSource dataSource() {
 *         SERVER.start(); // once; later calls return at once
 *         HikariDataSource pool = new HikariDataSource();
 *         pool.setJdbcUrl(SERVER.getJdbcUrl());
 *         pool.setUsername(SERVER.getUsername());
 *         pool.setPassword(SERVER.getPassword());
 *         return pool;
 *     }
 * }
 * }</pre>
 *
 * <p>The user must be allowed to create a database (MySQL, MariaDB) or schema (PostgreSQL, H2):
 * the extension creates a fresh one through the data source for each test class.
 */
public interface DataSourceProvider {

    /** The data source; called once per test class. */
    DataSource dataSource() throws Exception;
}
