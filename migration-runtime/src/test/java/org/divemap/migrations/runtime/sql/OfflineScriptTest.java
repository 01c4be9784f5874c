package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Offline scripts: a multi-revision range rendered for each database without a connection, compared
 * with golden files, and then run on the real database; and {@code check()} against the checksums
 * recorded at apply time.
 */
class OfflineScriptTest {

    private static Divemap offline(List<RegisteredRevision> revisions) {
        return Divemap.configure().registries(() -> revisions).load();
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = OfflineScriptTest.class.getResourceAsStream("/offline/" + name)) {
            if (in == null) {
                return null;
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertGolden(String name, String actual) throws IOException {
        String expected = golden(name);
        if (expected == null) {
            Path out = Path.of("target", "offline-actual", name);
            Files.createDirectories(out.getParent());
            Files.writeString(out, actual);
            throw new AssertionError("no golden file offline/" + name + "; the actual output is in " + out);
        }
        assertEquals(expected, actual, name);
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void upgradeAndDowngradeScriptsMatchTheGoldenFilesAndRun(Database kind) throws Exception {
        String name = kind.name().toLowerCase(Locale.ROOT);
        try (Divemap divemap = offline(OperationsRenderingTest.history())) {
            String up = divemap.upgradeScript(kind, "base:head");
            String down = divemap.downgradeScript(kind, "head:base");
            AssertionError missing = null;
            for (String[] file : new String[][] {{name + "-upgrade.sql", up}, {name + "-downgrade.sql", down}}) {
                try {
                    assertGolden(file[0], file[1]);
                } catch (AssertionError e) {
                    missing = missing == null ? e : missing;
                }
            }
            if (missing != null) {
                throw missing;
            }
            assertEquals(divemap.upgradeScript(kind, "base:head"), up, "rendering is deterministic");
            String partial = divemap.upgradeScript(kind, "0002_sites:0003_changes");
            assertTrue(partial.contains("UPDATE") && !partial.contains("CREATE TABLE IF NOT EXISTS"), partial);

            try (TestDatabase db = TestDatabase.create(kind, "offline"); Connection c = db.connect();
                    Statement s = c.createStatement()) {
                for (String statement : statements(up)) {
                    s.execute(statement);
                }
                try (Divemap online = Divemap.configure().dataSource(db.dataSource())
                        .registries(OperationsRenderingTest::history).load()) {
                    assertEquals(List.of("0004_drops"), online.current().versionRows());
                    for (String statement : statements(down)) {
                        s.execute(statement);
                    }
                    assertEquals(List.of(), online.current().versionRows());
                }
            }
        }
    }

    /** The statements of a script: comments dropped, split at the semicolons that end lines. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.startsWith("--") || line.isBlank() || line.equals("BEGIN;") || line.equals("COMMIT;")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.endsWith(";")) {
                statements.add(current.substring(0, current.length() - 2));
                current.setLength(0);
            }
        }
        return statements;
    }

    @Test
    void aDowngradeRangeThatStepsBelowBaseWritesNoScript() {
        try (Divemap divemap = offline(OperationsRenderingTest.history())) {
            DivemapException e = assertThrows(DivemapException.class,
                    () -> divemap.downgradeScript(Database.MARIADB, "head:base-2"));
            assertEquals(DivemapException.Kind.MALFORMED_TARGET, e.kind(), e.getMessage());
            assertTrue(e.getMessage().startsWith("\"base-2\" steps down from base"), e.getMessage());
            assertEquals(DivemapException.Kind.INVALID_RANGE, assertThrows(DivemapException.class,
                    () -> divemap.upgradeScript(Database.MARIADB, "base:+2147483648")).kind());
        }
    }

    /** Issue #14: an id ending in a backslash after an id holding SQL, in a registry written by hand. */
    private static List<RegisteredRevision> hostileIds() {
        String injection = "q2_;DROP/**/TABLE/**/q1;#";
        return List.of(
                new RegisteredRevision(injection, List.of(), List.of(), List.of(), "",
                        OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                                op -> op.execute("CREATE TABLE q1 (id INT)"), op -> op.execute("DROP TABLE q1"))),
                new RegisteredRevision("q1_a\\", List.of(injection), List.of(), List.of(), "",
                        OperationsRenderingTest.Lambda.class.getName(), null,
                        () -> new OperationsRenderingTest.Lambda(op -> { }, op -> { })));
    }

    @Test
    void aHandWrittenRegistryWithSuchIdsIsRefusedByTheSameRuleAsTheProcessor() {
        // VersionTableTest shows that the version-table statements escape such ids all the same
        DivemapException e = assertThrows(DivemapException.class, () -> offline(hostileIds()));
        assertEquals(DivemapException.Kind.INVALID_GRAPH, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("[Divemap/IllegalCharacter] Revision id \"q1_a\\\" ("
                + OperationsRenderingTest.Lambda.class.getName() + ") contains '\\'."), e.getMessage());
        assertTrue(e.getMessage().contains("[Divemap/IllegalCharacter] Revision id \"q2_;DROP/**/TABLE/**/q1;#\" ("
                + OperationsRenderingTest.Lambda.class.getName() + ") contains ';'."), e.getMessage());
    }

    @Test
    void aMessageWithLineBreaksStaysInsideTheScriptsComment() throws Exception {
        List<RegisteredRevision> revisions = List.of(new RegisteredRevision("0001_a", List.of(), List.of(), List.of(),
                "Add a\nDROP TABLE q1;\r\n-- done", OperationsRenderingTest.Lambda.class.getName(), null,
                () -> new OperationsRenderingTest.Lambda(op -> op.execute("CREATE TABLE q2 (id INT)"), op -> { })));
        try (Divemap divemap = offline(revisions)) {
            String script = divemap.upgradeScript(Database.MARIADB, "head");
            assertTrue(script.contains("-- Running upgrade <base> -> 0001_a, Add a DROP TABLE q1; -- done\n"), script);
            assertFalse(script.lines().anyMatch(line -> line.startsWith("DROP TABLE")), script);
        }
    }

    @Test
    void aMigrationThatNeedsTheDatabaseIsNamedOffline() {
        List<RegisteredRevision> revisions = List.of(new RegisteredRevision("0001_live", List.of(), List.of(),
                List.of(), "", OperationsRenderingTest.Lambda.class.getName(), null,
                () -> new OperationsRenderingTest.Lambda(op -> op.schema().hasTable("users"), op -> { })));
        try (Divemap divemap = offline(revisions)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgradeScript(Database.H2, "head"));
            assertTrue(e.getMessage().startsWith("Revision 0001_live ("), e.getMessage());
            assertTrue(e.getMessage().contains("op.schema() needs a live database"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void checkFindsPendingAndEditedRevisions(Database kind) throws SQLException {
        List<RegisteredRevision> original = OperationsRenderingTest.history();
        try (TestDatabase db = TestDatabase.create(kind, "check")) {
            try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> original).load()) {
                divemap.upgrade("0002_sites");
                CheckResult check = divemap.check();
                assertEquals(List.of("0003_changes", "0004_drops"), check.pending());
                assertEquals(List.of(), check.changed());
                assertEquals(List.of(), check.unverifiable());
                divemap.upgrade("head");
                assertTrue(divemap.check().ok());
            }
            List<RegisteredRevision> edited = new ArrayList<>(original);
            edited.set(0, new RegisteredRevision("0001_users", List.of(), List.of(), List.of(), "edited",
                    OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                            op -> op.createTable("users", Column.of("id", Type.bigint()).primaryKey()),
                            op -> op.dropTable("users"))));
            try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> edited).load()) {
                CheckResult check = divemap.check();
                assertTrue(check.atHead());
                assertEquals(List.of("0001_users"), check.changed());
                assertTrue(!check.ok());
            }
        }
    }

    private static final byte[] BYTES = {0x00, (byte) 0xFF, '\'', '\\', '\n', '?', 0x7F};

    /** Bytes as a parameter and in a bulk insert: bound on a live database, written as literals offline. */
    private static List<RegisteredRevision> binaryHistory() {
        RegisteredRevision table = new RegisteredRevision("0001_blobs", List.of(), List.of(), List.of(), "",
                OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                        op -> op.createTable("blobs", Column.of("id", Type.bigint()).primaryKey(),
                                Column.of("data", Type.varbinary(16)).nullable()),
                        op -> op.dropTable("blobs")));
        RegisteredRevision rows = new RegisteredRevision("0002_rows", List.of("0001_blobs"), List.of(), List.of(), "",
                OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(op -> {
                    op.execute("INSERT INTO blobs (id, data) VALUES (?, ?)", 1, BYTES);
                    op.bulkInsert("blobs", List.of("id", "data"), java.util.Arrays.asList(
                            java.util.Arrays.asList(2, BYTES), java.util.Arrays.asList(3, null)));
                }, op -> op.execute("DELETE FROM blobs")));
        return List.of(table, rows);
    }

    private static void assertBytes(Connection connection, Database kind) throws SQLException {
        try (Statement s = connection.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT data FROM blobs ORDER BY id")) {
            List<String> read = new ArrayList<>();
            while (rs.next()) {
                byte[] data = rs.getBytes(1);
                read.add(data == null ? "null" : java.util.HexFormat.of().formatHex(data));
            }
            String hex = java.util.HexFormat.of().formatHex(BYTES);
            assertEquals(List.of(hex, hex, "null"), read);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void bytesAreBoundOnlineAndWrittenAsLiteralsOffline(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "bytes"); Connection c = db.connect()) {
            try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(
                    OfflineScriptTest::binaryHistory).load()) {
                divemap.upgrade("head");
                assertBytes(c, kind);
                CheckResult check = divemap.check();
                assertTrue(check.ok(), check.toString());
                assertEquals(List.of(), check.unverifiable(), "the checksum of a revision with bytes is recorded");
            }
        }
        try (Divemap divemap = offline(binaryHistory())) {
            String up = divemap.upgradeScript(kind, "base:head");
            assertTrue(up.contains(kind == Database.POSTGRESQL ? "decode('00FF275C0A3F7F', 'hex')" : "X'00FF275C0A3F7F'"),
                    up);
            try (TestDatabase db = TestDatabase.create(kind, "bytes_offline"); Connection c = db.connect();
                    Statement s = c.createStatement()) {
                for (String statement : statements(up)) {
                    s.execute(statement);
                }
                assertBytes(c, kind);
            }
        }
    }
}
