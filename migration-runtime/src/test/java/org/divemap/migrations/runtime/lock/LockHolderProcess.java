package org.divemap.migrations.runtime.lock;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.DirectDataSource;

/**
 * Takes the migration lock in a JVM of its own, prints {@code LOCKED <name>} and sleeps until it is
 * killed. Arguments: JDBC URL, user, version table; the password comes from
 * {@code DIVEMAP_TEST_PASSWORD}, so it never shows on a command line.
 */
public final class LockHolderProcess {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String table = args[2];
        String password = System.getenv().getOrDefault("DIVEMAP_TEST_PASSWORD", "");
        DirectDataSource dataSource = new DirectDataSource(() -> DriverManager.getConnection(url, user, password));
        Dialect dialect;
        try (Connection connection = dataSource.getConnection()) {
            dialect = Dialect.detect(connection);
        }
        MigrationLock lock = MigrationLock.acquire(dialect, dataSource, table, Duration.ofSeconds(20));
        System.out.println("LOCKED " + lock.name());
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5).toMillis());
        lock.close();
    }
}
