package org.divemap.migrations.runtime.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A definitive refusal (a wrong password, an unknown database, a refused connection, an unknown
 * host) costs one attempt and fails at once with a line naming the cause; a pool retrying logins for
 * the whole connect timeout trips the lockout policies that count failed logins.
 */
class OneLoginAttemptTest {

    private static final List<RegisteredRevision> REVISIONS = List.of(
            SqlMigration.revision("0001_only").up("CREATE TABLE never (id INT)").down("DROP TABLE never").build());

    private static long abortedConnects(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Aborted_connects'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static DivemapException failure(String url, String user, String password) {
        // a long connect timeout: a failure that waited for it would retry many times
        try (Divemap divemap = Divemap.configure().dataSource(url, user, password).registries(() -> REVISIONS)
                .connectTimeout(Duration.ofSeconds(30)).load()) {
            return assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
        }
    }

    @Test
    void aWrongPasswordIsTriedOnceOnMariaDb() throws SQLException {
        try (TestDatabase db = TestDatabase.create(Database.MARIADB, "one_login")) {
            String url = db.jdbcUrl().replaceAll("[?&](user|password)=[^&]*", "");
            long before = abortedConnects(db);
            DivemapException e = failure(url, "divemap_nobody", "wrong");
            long attempts = abortedConnects(db) - before;
            assertEquals(Kind.CONNECTION, e.kind());
            assertTrue(e.getMessage().startsWith("Cannot connect to " + url + " as divemap_nobody: the server refused"
                    + " the login (Access denied for user 'divemap_nobody'"), e.getMessage());
            assertTrue(e.getMessage().endsWith("check the user and the password."), e.getMessage());
            // the one attempt, and room for one stray aborted connection elsewhere on the server
            assertTrue(attempts >= 1 && attempts <= 2, attempts + " failed logins");
        }
    }

    @Test
    void anUnknownDatabaseIsNamedOnMariaDbAndPostgres() {
        String mysql = System.getenv().getOrDefault(TestDatabase.MYSQL_ENV, "jdbc:mysql://127.0.0.1:3306/?user=root&password=");
        int q = mysql.indexOf('?');
        String base = q < 0 ? mysql : mysql.substring(0, q);
        DivemapException e = failure((base.endsWith("/") ? base : base + "/") + "divemap_no_such_db"
                + (q < 0 ? "" : mysql.substring(q)), null, null);
        assertEquals(Kind.CONNECTION, e.kind());
        assertTrue(e.getMessage().contains(": the database does not exist (Unknown database 'divemap_no_such_db')"),
                e.getMessage());
        String postgres = System.getenv().getOrDefault(TestDatabase.POSTGRES_ENV,
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        DivemapException pg = failure(postgres.replace("/postgres?", "/divemap_no_such_db?"), null, null);
        assertTrue(pg.getMessage().contains(": the database does not exist ("), pg.getMessage());
    }

    @Test
    void aRefusedConnectionAndAnUnknownHostAreNamed() {
        DivemapException refused = failure("jdbc:mysql://127.0.0.1:1/divemap", "root", null);
        assertEquals(Kind.CONNECTION, refused.kind());
        assertTrue(refused.getMessage().contains(": the connection was refused: nothing listens at that host and"
                + " port"), refused.getMessage());
        DivemapException unknown = failure("jdbc:postgresql://divemap-no-such-host.invalid:5432/db", "u", null);
        assertTrue(unknown.getMessage().contains(": unknown host divemap-no-such-host.invalid"),
                unknown.getMessage());
    }
}
