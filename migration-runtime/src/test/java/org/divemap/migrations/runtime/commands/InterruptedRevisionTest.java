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
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.commands.InterruptedHistory.Fault;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.history.HistoryEntry;
import org.divemap.migrations.runtime.history.HistoryTable;
import org.divemap.migrations.runtime.testing.CountingDataSource;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A revision interrupted inside, where its work cannot commit with its version row, is never run
 * again silently: its start is marked in the history table before its first statement, with a
 * journal of the statements known to have completed, and every later upgrade or downgrade refuses
 * ({@code INTERRUPTED_REVISION}) until a stamp says where the schema is, or the caller retries a
 * revision declared re-runnable. The same holds for a revision that failed and left changes.
 */
class InterruptedRevisionTest {

    private static final Databases DATABASES = new Databases("interrupted");
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    private static String prefix() {
        return "i" + PREFIXES.incrementAndGet() + "_";
    }

    private static Divemap divemap(DataSource dataSource, String p, List<RegisteredRevision> revisions) {
        return divemap(dataSource, p, revisions, false);
    }

    private static Divemap divemap(DataSource dataSource, String p, List<RegisteredRevision> revisions,
            boolean retry) {
        return Divemap.configure().dataSource(dataSource).registries(() -> revisions).versionTable(p + "version")
                .historyTable(p + "history").retryInterrupted(retry).load();
    }

    private static int counter(Database kind, String p) throws SQLException {
        try (Connection c = DATABASES.get(kind).connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + InterruptedHistory.q(kind, "n") + " FROM "
                        + InterruptedHistory.q(kind, p + "counter"))) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void execute(Database kind, String... statements) throws SQLException {
        try (Connection c = DATABASES.get(kind).connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The history table as "r01 up DONE", "r02 up RUNNING", ... */
    private static List<String> rows(Database kind, String p) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (HistoryEntry e : entries(kind, p)) {
            rows.add(e.revision() + " " + e.direction() + " " + e.state());
        }
        return rows;
    }

    private static List<HistoryEntry> entries(Database kind, String p) throws SQLException {
        try (Connection c = DATABASES.get(kind).connect()) {
            return new HistoryTable(Dialect.detect(c), null, p + "history").list(c);
        }
    }

    private static Process start(TestDatabase db, String p) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                InterruptedHistory.class.getName(), db.jdbcUrl(), db.user(), db.password() == null ? "" : db.password(),
                p)
                .redirectErrorStream(true)
                .start();
    }

    /** Starts a JVM that upgrades to head, and kills it (SIGKILL) while r02 runs. */
    private static void killInsideR02(TestDatabase db, String p) throws Exception {
        Process victim = start(db, p);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(),
                StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null && !line.equals(InterruptedHistory.INSIDE)) {
                seen.append(line).append('\n');
            }
            assertEquals(InterruptedHistory.INSIDE, line, "the child never reached r02:\n" + seen);
            victim.destroyForcibly();
            assertTrue(victim.waitFor(2, TimeUnit.MINUTES));
        }
    }

    @ParameterizedTest
    @EnumSource(names = "MARIADB")
    void aProcessKilledInsideARevisionIsRefusedNextTimeWithWhatItsJournalKnows(Database kind) throws Exception {
        String p = prefix();
        TestDatabase db = DATABASES.get(kind);
        killInsideR02(db, p);
        assertEquals(1, counter(kind, p), "r02's data change committed before the kill");

        List<RegisteredRevision> fixed = InterruptedHistory.revisions(p, Fault.NONE, false);
        try (Divemap divemap = divemap(db.dataSource(), p, fixed)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.INTERRUPTED_REVISION, e.kind());
            String message = e.getMessage();
            assertTrue(message.startsWith("Revision r02 did not finish its upgrade: a run by "), message);
            assertTrue(message.contains(" on " + java.net.InetAddress.getLocalHost().getHostName() + " started it"),
                    message);
            assertTrue(message.contains("Known to have completed (1 statement):\n    "
                    + InterruptedHistory.increment(kind, p, 1) + ";"), message);
            assertTrue(message.contains("The version table says r01. Nothing was changed"), message);
            assertTrue(message.contains("stamp the revision the schema is at: r02 if the upgrade is complete, r01 to"
                    + " run it again"), message);
            assertFalse(message.contains("re-runnable"), message);
            // any later run: a downgrade too, and an upgrade to where the version table already is
            assertEquals(Kind.INTERRUPTED_REVISION,
                    assertThrows(DivemapException.class, () -> divemap.downgrade("base")).kind());
            assertEquals(Kind.INTERRUPTED_REVISION,
                    assertThrows(DivemapException.class, () -> divemap.upgrade("r01")).kind());
            assertEquals(Kind.INTERRUPTED_REVISION,
                    assertThrows(DivemapException.class, () -> divemap.preflight(true, "head")).kind());
            CheckResult check = divemap.check();
            assertEquals(List.of("r02"), check.interrupted());
            assertFalse(check.ok());
            assertEquals(List.of("r01"), divemap.current().versionRows());
        }
        assertEquals(1, counter(kind, p), "r02 did not run again");
    }

    @ParameterizedTest
    @EnumSource(names = "POSTGRESQL")
    void onPostgresAKilledTransactionalRevisionRollsBackAndRunsAgain(Database kind) throws Exception {
        String p = prefix();
        TestDatabase db = DATABASES.get(kind);
        killInsideR02(db, p);
        assertEquals(0, counter(kind, p), "r02's transaction rolled back");
        try (Divemap divemap = divemap(db.dataSource(), p, InterruptedHistory.revisions(p, Fault.NONE, false))) {
            assertEquals(List.of("r02", "r03"), divemap.upgrade("head").revisions());
            assertTrue(divemap.check().ok());
        }
        assertEquals(1, counter(kind, p));
        assertEquals(List.of("r01 up DONE", "r02 up DONE", "r03 up DONE"), rows(kind, p));
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void aStampClearsTheMarkAndKeepsTheInterruptedAttemptInTheHistory(Database kind) throws Exception {
        String p = prefix();
        DataSource dataSource = DATABASES.get(kind).dataSource();
        try (Divemap divemap = divemap(dataSource, p, InterruptedHistory.revisions(p, Fault.CRASH, false))) {
            assertThrows(InterruptedHistory.Crash.class, () -> divemap.upgrade("head"));
        }
        assertEquals(List.of("r01 up DONE", "r02 up RUNNING"), rows(kind, p));
        List<RegisteredRevision> fixed = InterruptedHistory.revisions(p, Fault.NONE, false);
        try (Divemap divemap = divemap(dataSource, p, fixed)) {
            assertEquals(Kind.INTERRUPTED_REVISION,
                    assertThrows(DivemapException.class, () -> divemap.upgrade("head")).kind());
            // the operator undoes r02's work by hand, then says the schema is at r01, where the version table is
            execute(kind, "DROP TABLE " + InterruptedHistory.q(kind, p + "t02"),
                    InterruptedHistory.increment(kind, p, -1));
            divemap.stamp(false, "r01");
            assertEquals(List.of(), divemap.check().interrupted());
            assertEquals(List.of("r02", "r03"), divemap.upgrade("head").revisions());
            assertTrue(divemap.check().ok());
        }
        assertEquals(1, counter(kind, p));
        assertEquals(List.of("r01 up DONE", "r02 up FAILED", "r02 up DONE", "r03 up DONE"), rows(kind, p));
        String settled = entries(kind, p).get(1).error();
        assertTrue(settled.startsWith("interrupted: process "), settled);
        assertTrue(settled.contains("Cleared by stamp r01 at "), settled);
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void stampingTheInterruptedRevisionSaysItsWorkWasFinishedByHand(Database kind) throws Exception {
        String p = prefix();
        DataSource dataSource = DATABASES.get(kind).dataSource();
        try (Divemap divemap = divemap(dataSource, p, InterruptedHistory.revisions(p, Fault.CRASH, false))) {
            assertThrows(InterruptedHistory.Crash.class, () -> divemap.upgrade("head"));
        }
        execute(kind, "CREATE TABLE " + InterruptedHistory.q(kind, p + "t02b") + " (id INTEGER PRIMARY KEY)");
        try (Divemap divemap = divemap(dataSource, p, InterruptedHistory.revisions(p, Fault.NONE, false))) {
            divemap.stamp(false, "r02");
            assertEquals(List.of("r03"), divemap.upgrade("head").revisions());
        }
        assertEquals(1, counter(kind, p));
        assertEquals(List.of("r01 up DONE", "r02 up FAILED", "r02 stamp DONE", "r03 up DONE"), rows(kind, p));
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void retryRunsAgainOnlyARevisionDeclaredRerunnable(Database kind) throws Exception {
        String p = prefix();
        DataSource dataSource = DATABASES.get(kind).dataSource();
        try (Divemap divemap = divemap(dataSource, p, InterruptedHistory.revisions(p, Fault.CRASH, false))) {
            assertThrows(InterruptedHistory.Crash.class, () -> divemap.upgrade("head"));
        }
        try (Divemap divemap = divemap(dataSource, p, InterruptedHistory.revisions(p, Fault.NONE, false), true)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.INTERRUPTED_REVISION, e.kind());
            assertTrue(e.getMessage().startsWith("Cannot retry r02: its migration ("), e.getMessage());
            assertTrue(e.getMessage().contains("is not declared re-runnable (Migration.rerunnable())"), e.getMessage());
        }
        // its author makes it re-runnable: the table it created is dropped first
        execute(kind, "DROP TABLE " + InterruptedHistory.q(kind, p + "t02"));
        List<RegisteredRevision> rerunnable = InterruptedHistory.revisions(p, Fault.NONE, true);
        try (Divemap divemap = divemap(dataSource, p, rerunnable)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertTrue(e.getMessage().contains("since its migration is declared re-runnable, run again with"
                    + " retryInterrupted (--retry-interrupted, -Ddivemap.retryInterrupted=true)"), e.getMessage());
        }
        try (Divemap divemap = divemap(dataSource, p, rerunnable, true)) {
            assertEquals(List.of("r02", "r03"), divemap.upgrade("head").revisions());
            assertTrue(divemap.check().ok());
        }
        assertEquals(2, counter(kind, p), "the retried revision ran its data change again, as its author allowed");
        assertEquals(List.of("r01 up DONE", "r02 up FAILED", "r02 up DONE", "r03 up DONE"), rows(kind, p));
        assertTrue(entries(kind, p).get(1).error().contains("Retried (retryInterrupted) at "));
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void aFailureThatLeavesChangesStopsTheNextRun(Database kind) throws Exception {
        String p = prefix();
        DataSource dataSource = DATABASES.get(kind).dataSource();
        try (Divemap divemap = divemap(dataSource, p, InterruptedHistory.revisions(p, Fault.FAIL, false))) {
            DivemapException failed = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.MIGRATION_FAILED, failed.kind());
            assertTrue(failed.getMessage().contains("The history table marks r02 as having left changes"),
                    failed.getMessage());
        }
        assertEquals(1, counter(kind, p), "the data change could not be undone");
        assertEquals(List.of("r01 up DONE", "r02 up LEFT_CHANGES"), rows(kind, p));
        try (Divemap divemap = divemap(dataSource, p, InterruptedHistory.revisions(p, Fault.NONE, false))) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.INTERRUPTED_REVISION, e.kind());
            assertTrue(e.getMessage().startsWith("Revision r02 failed during its upgrade in a run by "), e.getMessage());
            HistoryEntry failedRun = entries(kind, p).get(1);
            assertTrue(e.getMessage().contains("That run is row " + failedRun.id() + " of the history table " + p
                    + "history (up, r02, started " + failedRun.startedAt() + ", "), e.getMessage());
            assertTrue(e.getMessage().contains(InterruptedHistory.increment(kind, p, 1) + ";"), e.getMessage());
            assertEquals(List.of("r02"), divemap.check().interrupted());
            execute(kind, InterruptedHistory.increment(kind, p, -1));
            divemap.stamp(false, "r01");
            assertEquals(List.of("r02", "r03"), divemap.upgrade("head").revisions());
        }
        assertEquals(1, counter(kind, p));
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void aFailureUndoneCompletelyLeavesAPlainFailedRowAndRunsAgain(Database kind) throws Exception {
        String p = prefix();
        DataSource dataSource = DATABASES.get(kind).dataSource();
        List<RegisteredRevision> failing = List.of(revision("r01", null, op -> {
            op.createTable(p + "a", Column.of("id", Type.integer()).primaryKey());
            op.execute("INSERT INTO " + InterruptedHistory.q(kind, p + "missing") + " VALUES (1)");
        }));
        try (Divemap divemap = divemap(dataSource, p, failing)) {
            assertEquals(Kind.MIGRATION_FAILED, assertThrows(DivemapException.class, () -> divemap.upgrade("head"))
                    .kind());
        }
        assertEquals(List.of("r01 up FAILED"), rows(kind, p));
        List<RegisteredRevision> fixed = List.of(revision("r01", null, op -> op.createTable(p + "a",
                Column.of("id", Type.integer()).primaryKey())));
        try (Divemap divemap = divemap(dataSource, p, fixed)) {
            assertEquals(List.of("r01"), divemap.upgrade("head").revisions());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void theJournalListsTheStatementsKnownToHaveCompleted(Database kind) throws Exception {
        String p = prefix();
        DataSource dataSource = DATABASES.get(kind).dataSource();
        List<RegisteredRevision> revisions = List.of(revision("r01", null, op -> {
            op.createTable(p + "a", Column.of("id", Type.integer()).primaryKey());
            op.createTable(p + "b", Column.of("id", Type.integer()).primaryKey());
            op.createTable(p + "c", Column.of("id", Type.integer()).primaryKey());
            throw new InterruptedHistory.Crash();
        }));
        try (Divemap divemap = divemap(dataSource, p, revisions)) {
            assertThrows(InterruptedHistory.Crash.class, () -> divemap.upgrade("head"));
        }
        String journal = entries(kind, p).get(0).error();
        if (kind == Database.H2) {
            // each statement commits by itself under auto-commit, and its journal entry right after it
            assertTrue(journal.contains("Known to have completed (3 statements):"), journal);
            assertFalse(journal.contains("Running when last written"), journal);
        } else {
            // DDL commits by itself: its entry rides the next DDL's commit, so the last one is not known
            assertTrue(journal.contains("Known to have completed (2 statements):\n  CREATE TABLE " + p + "a (\n"),
                    journal);
            assertTrue(journal.contains("\n  CREATE TABLE " + p + "b ("), journal);
            assertTrue(journal.contains("\nRunning when last written:\n  CREATE TABLE " + p + "c ("), journal);
        }
        try (Divemap divemap = divemap(dataSource, p, revisions)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertTrue(e.getMessage().contains("stamp the revision the schema is at: r01 if the upgrade is complete,"
                    + " base to run it again"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void eachMarkRidesTheCommitThatRecordsTheRevisionBefore(Database kind) throws SQLException {
        String p = prefix();
        CountingDataSource counting = new CountingDataSource(DATABASES.get(kind).dataSource());
        List<RegisteredRevision> revisions = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String table = String.format(Locale.ROOT, "%st%02d", p, i);
            revisions.add(revision(String.format(Locale.ROOT, "r%02d", i),
                    i == 1 ? null : String.format(Locale.ROOT, "r%02d", i - 1),
                    op -> op.createTable(table, Column.of("id", Type.integer()).primaryKey())));
        }
        try (Divemap divemap = divemap(counting, p, revisions)) {
            assertEquals(12, divemap.upgrade("head").steps().size());
        }
        if (kind == Database.MARIADB) {
            // the first revision's mark commits by itself (auto-commit is still on), then each record and the
            // next mark ride the next CREATE TABLE's implicit commit; the last record commits by itself
            assertEquals(1, counting.commits());
        } else {
            // the first revision's mark commits by itself, then one commit per revision that records it and
            // marks the next
            assertEquals(12, counting.commits());
        }
        assertEquals(12, rows(kind, p).stream().filter(row -> row.endsWith(" up DONE")).count());
    }

    @ParameterizedTest
    @EnumSource(names = "POSTGRESQL")
    void onPostgresOnlyWorkThatCommitsOutsideTheRevisionsTransactionIsMarked(Database kind) throws Exception {
        String p = prefix();
        DataSource dataSource = DATABASES.get(kind).dataSource();
        // a non-transactional migration: marked before it starts
        List<RegisteredRevision> outside = List.of(new RegisteredRevision("r01", List.of(), List.of(), List.of(), "",
                InterruptedHistory.Step.class.getName(), null, () -> new InterruptedHistory.Step(op -> {
                    op.createTable(p + "a", Column.of("id", Type.integer()).primaryKey());
                    throw new InterruptedHistory.Crash();
                }, op -> { }, false, false)));
        try (Divemap divemap = divemap(dataSource, p, outside)) {
            assertThrows(InterruptedHistory.Crash.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.INTERRUPTED_REVISION,
                    assertThrows(DivemapException.class, () -> divemap.upgrade("head")).kind());
        }
        assertTrue(entries(kind, p).get(0).error().contains("Known to have completed (1 statement):\n  CREATE TABLE"));

        // a transactional one that commits early (op.batchUpdate): marked in that commit
        String q = prefix();
        List<RegisteredRevision> early = List.of(
                revision("r01", null, op -> {
                    op.createTable(q + "rows", Column.of("id", Type.integer()).primaryKey(), Column.of("n",
                            Type.integer()));
                    op.bulkInsert(q + "rows", List.of("id", "n"), List.of(List.of(1, 0), List.of(2, 0)));
                }),
                revision("r02", "r01", op -> {
                    op.batchUpdate(org.divemap.migrations.BatchUpdate.of(q + "rows", "id", batch ->
                            batch.execute("UPDATE " + q + "rows SET n = 1 WHERE id BETWEEN ? AND ?", batch.from(),
                                    batch.to())).batchSize(1));
                    throw new InterruptedHistory.Crash();
                }));
        try (Divemap divemap = divemap(dataSource, q, early)) {
            assertThrows(InterruptedHistory.Crash.class, () -> divemap.upgrade("head"));
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.INTERRUPTED_REVISION, e.kind());
            assertTrue(e.getMessage().contains("batch 2 of the batched update of " + q + "rows (keys 2 to 2, 1 rows)"),
                    e.getMessage());
        }
        assertEquals(List.of("r01 up DONE", "r02 up RUNNING"), rows(kind, q));
    }

    private static RegisteredRevision revision(String id, String parent,
            java.util.function.Consumer<org.divemap.migrations.Operations> up) {
        return new RegisteredRevision(id, parent == null ? List.of() : List.of(parent), List.of(), List.of(), "",
                InterruptedHistory.Step.class.getName(), null, () -> new InterruptedHistory.Step(up, op -> { }, false));
    }
}
