package org.divemap.migrations.runtime.dialect.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.runtime.dialect.NamedLock;
import org.junit.jupiter.api.Test;

/**
 * The lock table is found under either spelling: the one H2 folds {@code divemap_lock} to now
 * ({@code DIVEMAP_LOCK}), or the lower-case one an earlier version created by quoting every name, so
 * that migrators of one database lock the same row.
 */
class H2NamedLockTest {

    private static List<String> lockTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE LOWER(table_name) = 'divemap_lock'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    @Test
    void aNewDatabaseGetsTheLockTableUnderTheNameH2FoldsTo() throws SQLException {
        try (Connection session = DriverManager.getConnection("jdbc:h2:mem:h2_lock_new", "sa", "")) {
            NamedLock lock = new H2Dialect().namedLock(null);
            assertTrue(lock.acquire(session, "divemap:public.divemap_version", Duration.ofSeconds(1), "me"));
            assertEquals(List.of("DIVEMAP_LOCK"), lockTables(session));
            assertTrue(lock.isHeld(session, "divemap:public.divemap_version"));
            assertTrue(lock.release(session, "divemap:public.divemap_version"));
        }
    }

    @Test
    void theLowerCaseLockTableOfAnEarlierVersionIsTheOneLocked() throws SQLException {
        String url = "jdbc:h2:mem:h2_lock_earlier;DB_CLOSE_DELAY=-1";
        try (Connection first = DriverManager.getConnection(url, "sa", "");
                Connection second = DriverManager.getConnection(url, "sa", "")) {
            try (Statement statement = first.createStatement()) {
                statement.execute("CREATE TABLE \"divemap_lock\" (\"lock_name\" VARCHAR(1000) NOT NULL PRIMARY KEY,"
                        + " \"holder_session\" INTEGER, \"holder\" VARCHAR(255), \"locked_at\" TIMESTAMP WITH TIME ZONE)");
            }
            String name = "divemap:public.divemap_version";
            NamedLock mine = new H2Dialect().namedLock(null);
            assertTrue(mine.acquire(first, name, Duration.ofSeconds(1), "pid 1 on build-7"));
            assertEquals(List.of("divemap_lock"), lockTables(first), "no second lock table");

            NamedLock theirs = new H2Dialect().namedLock(null);
            assertFalse(theirs.acquire(second, name, Duration.ZERO, "pid 2 on build-8"), "the same row is locked");
            assertTrue(theirs.holder(second, name).orElseThrow().description().contains("pid 1 on build-7"));
            assertTrue(theirs.describe(name).contains("\"divemap_lock\""), theirs.describe(name));

            assertTrue(mine.release(first, name));
            assertTrue(theirs.acquire(second, name, Duration.ofSeconds(1), "pid 2 on build-8"));
            assertTrue(theirs.release(second, name));
        }
    }
}
