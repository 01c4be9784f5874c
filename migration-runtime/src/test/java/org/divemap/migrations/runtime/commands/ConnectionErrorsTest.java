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
                // long: a refusal comes at once whatever it is, and a loaded machine must not turn it into a timeout
                .connectTimeout(java.time.Duration.ofSeconds(30)).load()) {
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
    void everyUrlParameterNamedLikeASecretIsMaskedWhereTheDriverQuotesTheUrl() {
        String url = "jdbc:nosuchdb://127.0.0.1/divemap?user=u&password1=" + SECRET + "&ssl=true;clientSecret="
                + SECRET + "x;FILE_PASSWORD=" + SECRET + "y";
        DivemapException e = assertThrows(DivemapException.class, () -> Divemap.configure()
                .dataSource(url, null, null).registries(() -> REVISIONS).load());
        assertClear(e, "password1=****&ssl=true;clientSecret=****;FILE_PASSWORD=****");
    }

    @Test
    void anOracleStyleUserAndPasswordIsMasked() {
        DivemapException e = assertThrows(DivemapException.class, () -> Divemap.configure()
                .dataSource("jdbc:oracle:thin:scott/" + SECRET + "@127.0.0.1:1521/xe", null, null)
                .registries(() -> REVISIONS).load());
        assertClear(e, "jdbc:oracle:thin:scott/****@127.0.0.1:1521/xe");
    }

    @Test
    void urlsAreMaskedInEveryForm() {
        java.util.Map<String, String> masked = new java.util.LinkedHashMap<>();
        masked.put("jdbc:postgresql://h/d?user=u&password1=s&ssl=true", "jdbc:postgresql://h/d?user=u&password1=****&ssl=true");
        masked.put("jdbc:postgresql://h/d?sslPassword=s&PASSWORD=t", "jdbc:postgresql://h/d?sslPassword=****&PASSWORD=****");
        masked.put("jdbc:mysql://h/d?trustCertificateKeyStorePassword=s", "jdbc:mysql://h/d?trustCertificateKeyStorePassword=****");
        masked.put("jdbc:x://h/d?client_secret=s&apiSECRET=t", "jdbc:x://h/d?client_secret=****&apiSECRET=****");
        masked.put("jdbc:sqlserver://h:1433;databaseName=d;user=u;Password=s;encrypt=true",
                "jdbc:sqlserver://h:1433;databaseName=d;user=u;Password=****;encrypt=true");
        masked.put("jdbc:h2:file:./db;CIPHER=AES;FILE_PASSWORD=s", "jdbc:h2:file:./db;CIPHER=AES;FILE_PASSWORD=****");
        masked.put("jdbc:mysql://u:s@h/d", "jdbc:mysql://u:****@h/d");
        masked.put("jdbc:mysql://:s@h/d", "jdbc:mysql://:****@h/d");
        masked.put("jdbc:oracle:thin:scott/tiger@host:1521/db", "jdbc:oracle:thin:scott/****@host:1521/db");
        masked.put("jdbc:oracle:thin:scott/tiger@//host:1521/service", "jdbc:oracle:thin:scott/****@//host:1521/service");
        // nothing to mask
        for (String plain : List.of("jdbc:oracle:thin:@//host:1521/service", "jdbc:h2:tcp://localhost/~/test",
                "jdbc:h2:file:/data/passwords;MODE=MySQL", "jdbc:mysql://h:3306/d?user=u")) {
            masked.put(plain, plain);
        }
        masked.forEach((url, expected) -> {
            assertEquals(expected, org.divemap.migrations.runtime.Redaction.url(url), url);
            assertEquals("see " + expected + " there", org.divemap.migrations.runtime.Redaction.text(
                    "see " + url + " there", null, null), url);
        });
        // a driver quoting the password alone: the URL says what it is
        assertEquals("ORA-01017: invalid username/password; logon denied (****)", org.divemap.migrations.runtime
                .Redaction.text("ORA-01017: invalid username/password; logon denied (tiger)", null,
                        "jdbc:oracle:thin:scott/tiger@host:1521/db"));
        assertEquals("no secret **** here", org.divemap.migrations.runtime.Redaction.text("no secret " + SECRET
                + " here", null, "jdbc:x://h/d?clientSecret=" + SECRET));
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
