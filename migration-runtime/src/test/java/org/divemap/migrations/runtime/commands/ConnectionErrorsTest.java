package org.divemap.migrations.runtime.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** Wrong credentials and unreachable hosts give a clear error, without the password, and change nothing. */
class ConnectionErrorsTest {

    private static final String SECRET = "s3cret-Pa55word";
    private static final List<RegisteredRevision> REVISIONS = List.of(
            SqlMigration.revision("0001_only").up("CREATE TABLE never (id INT)").down("DROP TABLE never").build());

    private static DivemapException failure(String url, String user) {
        try (Divemap divemap = Divemap.configure().dataSource(url, user, SECRET).registries(() -> REVISIONS)
                .connectTimeout(java.time.Duration.ofSeconds(1)).load()) {
            assertFalse(divemap.toString().contains(SECRET), divemap.toString());
            return assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
        }
    }

    private static void assertClear(DivemapException e, String... fragments) {
        assertEquals(Kind.CONNECTION, e.kind(), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            assertFalse(String.valueOf(cause.getMessage()).contains(SECRET), "a cause shows the password");
        }
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "missing \"" + fragment + "\" in: " + e.getMessage());
        }
    }

    @Test
    void wrongPasswordOnMariaDb() {
        try (TestDatabase db = TestDatabase.create(Database.MARIADB, "credentials")) {
            DivemapException e = failure(db.jdbcUrl().replaceAll("[?&](user|password)=[^&]*", ""), "divemap_nobody");
            assertClear(e, "Cannot connect to", "as divemap_nobody", "the server refused the login", "check the user and the password");
        }
    }

    @Test
    void wrongPasswordOnPostgres() {
        DivemapException e = failure("jdbc:postgresql://127.0.0.1:5432/postgres", "divemap_nobody");
        assertClear(e, "Cannot connect to jdbc:postgresql://127.0.0.1:5432/postgres as divemap_nobody");
    }

    @Test
    void passwordInTheUrlIsMaskedToo() {
        DivemapException e = failure("jdbc:postgresql://127.0.0.1:5432/postgres?user=divemap_nobody&password=" + SECRET,
                null);
        assertClear(e, "password=****");
    }

    @Test
    void aPasswordOnlyInTheUrlIsMaskedWhereTheDriverQuotesTheUrl() {
        // no driver accepts this URL (load() finds out), and HikariCP's message quotes it whole
        DivemapException e = assertThrows(DivemapException.class, () -> Divemap.configure()
                .dataSource("jdbc:nosuchdb://127.0.0.1/divemap?user=u&password=" + SECRET, null, null)
                .registries(() -> REVISIONS).load());
        assertClear(e, "no JDBC driver on the class path accepts this URL", "password=****");
    }

    @Test
    void anEncodedPasswordInTheUrlIsMaskedDecodedToo() {
        String encoded = SECRET.replace("-", "%2D");
        String text = org.divemap.migrations.runtime.Redaction.text("login failed: " + SECRET + " (" + encoded + ")",
                null, "jdbc:mysql://127.0.0.1/d?password=" + encoded);
        assertEquals("login failed: **** (****)", text);
        assertEquals("see jdbc:postgresql://u:****@host/db and password=**** there", org.divemap.migrations.runtime
                .Redaction.text("see jdbc:postgresql://u:pw@host/db and password=other there", null, null));
    }

    @Test
    void unreachableHost() {
        DivemapException e = failure("jdbc:mysql://127.0.0.1:1/divemap?connectTimeout=2000", "root");
        assertClear(e, "Cannot connect to jdbc:mysql://127.0.0.1:1/divemap", "that the server is running");
    }

    @Test
    void configurationNeverPrintsThePassword() {
        String text = Divemap.configure().dataSource("jdbc:h2:mem:x", "sa", SECRET).toString();
        assertFalse(text.contains(SECRET), text);
        assertTrue(text.contains("password=****"), text);
    }
}
