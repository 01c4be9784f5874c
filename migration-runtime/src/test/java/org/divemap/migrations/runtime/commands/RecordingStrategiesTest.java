package org.divemap.migrations.runtime.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.commands.InterruptedHistory.Fault;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.history.HistoryEntry;
import org.divemap.migrations.runtime.history.HistoryTable;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failures and crashes leave the same trace whichever way revisions are recorded: each revision on
 * its own (the default, whose record rides the next revision's first DDL statement on MySQL and
 * MariaDB) or in batches ({@code recordEvery(50)}). A failed revision is recorded as failed after
 * the revisions before it; a process killed between two statements, or between two revisions, is
 * either rolled back and run again (PostgreSQL) or refused next time with nothing run twice.
 */
class RecordingStrategiesTest {

    private static final Databases DATABASES = new Databases("strategies");
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    static Stream<Arguments> everyDatabaseAndStrategy() {
        return Databases.kinds().flatMap(kind -> Stream.of(Arguments.of(kind, 1), Arguments.of(kind, 50)));
    }

    static Stream<Arguments> serversAndStrategies() {
        return Stream.of(Database.MARIADB, Database.POSTGRESQL).filter(kind -> Databases.kinds().anyMatch(kind::equals))
                .flatMap(kind -> Stream.of(Arguments.of(kind, 1), Arguments.of(kind, 50)));
    }

    private static String prefix() {
        return "s" + PREFIXES.incrementAndGet() + "_";
    }

    private static Divemap divemap(TestDatabase db, String p, List<RegisteredRevision> revisions, int every) {
        return Divemap.configure().dataSource(db.dataSource()).registries(() -> revisions).versionTable(p + "version")
                .historyTable(p + "history").recordEvery(every).load();
    }

    /** The history as "r01 up DONE", ..., read on a connection of its own: what is committed. */
    private static List<String> rows(TestDatabase db, String p) throws SQLException {
        try (Connection c = db.connect()) {
            List<String> rows = new ArrayList<>();
            for (HistoryEntry e : new HistoryTable(Dialect.detect(c), null, p + "history").list(c)) {
                rows.add(e.revision() + " " + e.direction() + " " + e.state());
            }
            return rows;
        }
    }

    private static int counter(TestDatabase db, String p) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT n FROM " + p + "counter")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean tableExists(TestDatabase db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM " + table).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static RegisteredRevision revision(String id, String parent, java.util.function.Consumer<Operations> up) {
        return new RegisteredRevision(id, parent == null ? List.of() : List.of(parent), List.of(), List.of(), "",
                InterruptedHistory.Step.class.getName(), null, () -> new InterruptedHistory.Step(up, op -> { }, false));
    }

    private static List<RegisteredRevision> firstStatementFails(String p, boolean fixed) {
        return List.of(
                revision("r01", null, op -> op.createTable(p + "a", Column.of("id", Type.integer()).primaryKey())),
                revision("r02", "r01", op -> {
                    op.execute("INSERT INTO " + p + (fixed ? "a" : "missing") + " VALUES (1)");
                    op.createTable(p + "b", Column.of("id", Type.integer()).primaryKey());
                }),
                revision("r03", "r02", op -> op.createTable(p + "c", Column.of("id", Type.integer()).primaryKey())));
    }

    @ParameterizedTest(name = "{0}, recordEvery({1})")
    @MethodSource("everyDatabaseAndStrategy")
    void aFailingFirstStatementThatIsDmlRecordsTheRevisionBeforeAndTheFailure(Database kind, int every)
            throws Exception {
        TestDatabase db = DATABASES.get(kind);
        String p = prefix();
        try (Divemap divemap = divemap(db, p, firstStatementFails(p, false), every)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.MIGRATION_FAILED, e.kind());
            assertTrue(e.getMessage().startsWith("Revision r02 "), e.getMessage());
            assertTrue(e.getMessage().contains(p + "missing"), e.getMessage());
        }
        // on a session of its own: what is committed
        assertEquals(List.of("r01 up DONE", "r02 up FAILED"), rows(db, p));
        try (Divemap divemap = divemap(db, p, firstStatementFails(p, true), 1)) {
            assertEquals(List.of("r01"), divemap.current().versionRows());
            assertEquals(List.of("r02", "r03"), divemap.upgrade("head").revisions());
        }
        assertEquals(List.of("r01 up DONE", "r02 up FAILED", "r02 up DONE", "r03 up DONE"), rows(db, p));
    }

    @ParameterizedTest(name = "{0}, recordEvery({1})")
    @MethodSource("everyDatabaseAndStrategy")
    void aStatementFailingAfterDdlIsReportedAndUndoneAsFarAsPossible(Database kind, int every) throws Exception {
        TestDatabase db = DATABASES.get(kind);
        String p = prefix();
        try (Divemap divemap = divemap(db, p, InterruptedHistory.revisions(p, Fault.FAIL, false), every)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.MIGRATION_FAILED, e.kind());
            assertTrue(e.getMessage().startsWith("Revision r02 "), e.getMessage());
        }
        assertFalse(tableExists(db, p + "t02"), "the table r02 created was dropped again");
        if (kind == Database.POSTGRESQL) {
            // r02 ran in one transaction with its version row: all of it rolled back
            assertEquals(0, counter(db, p));
            assertEquals(List.of("r01 up DONE", "r02 up FAILED"), rows(db, p));
        } else {
            // DDL committed by itself; the data change before it cannot be undone, and the revision is marked
            assertEquals(1, counter(db, p));
            assertEquals(List.of("r01 up DONE", "r02 up LEFT_CHANGES"), rows(db, p));
            try (Divemap divemap = divemap(db, p, InterruptedHistory.revisions(p, Fault.NONE, false), every)) {
                assertEquals(Kind.INTERRUPTED_REVISION,
                        assertThrows(DivemapException.class, () -> divemap.upgrade("head")).kind());
            }
            assertEquals(1, counter(db, p), "nothing ran again");
        }
    }

    private static Process start(TestDatabase db, String p, int every, String where) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                KilledUpgrade.class.getName(), db.jdbcUrl(), db.user(), db.password() == null ? "" : db.password(), p,
                Integer.toString(every), where)
                .redirectErrorStream(true)
                .start();
    }

    /** Starts a JVM that upgrades to head, waits until it prints {@code signal}, and kills it (SIGKILL). */
    private static void kill(TestDatabase db, String p, int every, String where, String signal) throws Exception {
        Process victim = start(db, p, every, where);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(),
                StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null && !line.equals(signal)) {
                seen.append(line).append('\n');
            }
            assertEquals(signal, line, "the child never got there:\n" + seen);
            victim.destroyForcibly();
            assertTrue(victim.waitFor(2, TimeUnit.MINUTES));
        }
    }

    /**
     * What the run after the kill does: "ran r02 r03", or the kind of its refusal and the revision it
     * names first; the counter r02 increments must be 1 either way (r02's data change made once).
     */
    private static String rerun(TestDatabase db, String p) throws Exception {
        String outcome;
        try (Divemap divemap = divemap(db, p, InterruptedHistory.revisions(p, Fault.NONE, false), 1)) {
            try {
                outcome = "ran " + String.join(" ", divemap.upgrade("head").revisions());
            } catch (DivemapException e) {
                int r02 = e.getMessage().indexOf("r02");
                int r03 = e.getMessage().indexOf("r03");
                String named = r02 >= 0 && (r03 < 0 || r02 < r03) ? "r02" : r03 >= 0 ? "r03" : "?";
                outcome = e.kind() + " " + named + ", version " + divemap.current().versionRows();
                assertFalse(tableExists(db, p + "t03"), "a refusal changed nothing");
            }
        }
        assertEquals(1, counter(db, p), "r02's data change was made exactly once");
        return outcome;
    }

    @ParameterizedTest(name = "{0}, recordEvery({1})")
    @MethodSource("serversAndStrategies")
    void aProcessKilledBetweenTwoStatementsIsNeverRunAgainSilently(Database kind, int every) throws Exception {
        TestDatabase db = DATABASES.get(kind);
        String p = prefix();
        kill(db, p, every, "inside", InterruptedHistory.INSIDE);
        String outcome = rerun(db, p);
        if (kind == Database.POSTGRESQL) {
            assertEquals("ran r02 r03", outcome, "r02's transaction rolled back, and ran again");
        } else if (every == 1) {
            assertEquals("INTERRUPTED_REVISION r02, version [r01]", outcome);
        } else {
            assertEquals("UNRECORDED_REVISIONS r02, version []", outcome);
        }
    }

    @ParameterizedTest(name = "{0}, recordEvery({1})")
    @MethodSource("serversAndStrategies")
    void aProcessKilledBetweenTwoRevisionsIsNeverRunAgainSilently(Database kind, int every) throws Exception {
        TestDatabase db = DATABASES.get(kind);
        String p = prefix();
        kill(db, p, every, "between", KilledUpgrade.WAITING);
        String outcome = rerun(db, p);
        if (kind == Database.POSTGRESQL) {
            assertEquals("ran r03", outcome, "r02 committed with its version row");
        } else if (every == 1) {
            // r02's record waited for r03's first DDL statement to commit it, as Alembic's version row does;
            // r02's mark, committed with its first statement, says it may not have finished
            assertEquals("INTERRUPTED_REVISION r02, version [r01]", outcome);
            assertEquals(List.of("r01 up DONE", "r02 up RUNNING"), rows(db, p));
        } else {
            assertEquals("UNRECORDED_REVISIONS r02, version []", outcome);
        }
    }
}
