package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.history.HistoryEntry;
import org.divemap.migrations.runtime.history.HistoryTable;
import org.divemap.migrations.runtime.testing.CountingDataSource;
import org.divemap.migrations.runtime.testing.Databases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code recordEvery(n)}: where DDL commits by itself, the version and history rows of n revisions
 * commit together. A failure is still recorded and reported exactly; a run that dies inside a batch
 * leaves marked rows that stop every later run until the database is stamped.
 */
class RecordEveryTest {

    private static final Databases DATABASES = new Databases("record_every");

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    /** What each revision of a test history does besides creating its table. */
    private enum Fault { NONE, FAILS, DIES, DIES_DOWN }

    /** Revisions r01..rNN, each creating table {@code <p>tNN}; revision {@code at} fails or dies. */
    private static List<RegisteredRevision> history(String p, int count, int at, Fault fault) {
        List<RegisteredRevision> revisions = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String table = String.format(Locale.ROOT, "%st%02d", p, i);
            Fault mine = i == at ? fault : Fault.NONE;
            revisions.add(new RegisteredRevision(id(i), i == 1 ? List.of() : List.of(id(i - 1)), List.of(), List.of(),
                    "", OperationsRenderingTest.Lambda.class.getName(), null,
                    () -> new OperationsRenderingTest.Lambda(op -> {
                        op.createTable(table, Column.of("id", Type.integer()).primaryKey());
                        if (mine == Fault.FAILS) {
                            op.execute("INSERT INTO " + table + "_missing VALUES (1)");
                        } else if (mine == Fault.DIES) {
                            throw new StackOverflowError("the process dies here"); // not caught, as a kill would not be
                        }
                    }, op -> {
                        op.dropTable(table);
                        if (mine == Fault.DIES_DOWN) {
                            throw new StackOverflowError("the process dies here");
                        }
                    })));
        }
        return revisions;
    }

    private static String id(int i) {
        return String.format(Locale.ROOT, "r%02d", i);
    }

    private static Divemap divemap(javax.sql.DataSource dataSource, String p, List<RegisteredRevision> revisions,
            int every) {
        return Divemap.configure().dataSource(dataSource).registries(() -> revisions).versionTable(p + "version")
                .historyTable(p + "history").recordEvery(every).load();
    }

    /** The history table as "r01 up ok", "r03 up failed", "r04 up unrecorded". */
    private static List<String> rows(Database kind, String p) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DATABASES.get(kind).connect()) {
            for (HistoryEntry e : new HistoryTable(Dialect.detect(c), null, p + "history").list(c)) {
                rows.add(e.revision() + " " + e.direction() + " " + (e.success() ? "ok"
                        : HistoryTable.UNRECORDED.equals(e.error()) ? "unrecorded" : "failed"));
            }
        }
        return rows;
    }

    private static List<String> ok(int from, int to) {
        List<String> rows = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            rows.add(id(i) + " up ok");
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void twelveRevisionsInBatchesOfFiveCommitSixTimes(Database kind) throws SQLException {
        String p = "b_";
        CountingDataSource counting = new CountingDataSource(DATABASES.get(kind).dataSource());
        try (Divemap divemap = divemap(counting, p, history(p, 12, 0, Fault.NONE), 5)) {
            assertEquals(12, divemap.upgrade("head").steps().size());
            assertEquals(List.of("r12"), divemap.current().versionRows());
        }
        // three batches (5, 5, 2): the marks of each, then its rows
        assertEquals(6, counting.commits());
        assertEquals(ok(1, 12), rows(kind, p));
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void aFailureInsideABatchRecordsTheRevisionsBeforeItAndUndoesItself(Database kind) throws SQLException {
        String p = "f_";
        try (Divemap divemap = divemap(DATABASES.get(kind).dataSource(), p, history(p, 9, 8, Fault.FAILS), 5)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.MIGRATION_FAILED, e.kind());
            assertTrue(e.getMessage().contains("Revision r08"), e.getMessage());
            assertTrue(e.getMessage().contains("the version table still says r07"), e.getMessage());
            assertTrue(e.getMessage().contains("The schema is back at the previous revision."), e.getMessage());
            assertEquals(List.of("r07"), divemap.current().versionRows());
        }
        List<String> expected = ok(1, 7);
        expected.add("r08 up failed");
        assertEquals(expected, rows(kind, p));
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void aRunThatDiesInsideABatchStopsTheNextOneUntilStamped(Database kind) throws SQLException {
        String p = "d_";
        javax.sql.DataSource dataSource = DATABASES.get(kind).dataSource();
        try (Divemap divemap = divemap(dataSource, p, history(p, 9, 8, Fault.DIES), 5)) {
            assertThrows(StackOverflowError.class, () -> divemap.upgrade("head"));
        }
        // r06 and r07 ran (and r08 created its table) but the batch r06..r09 was never recorded
        List<String> expected = ok(1, 5);
        for (int i = 6; i <= 9; i++) {
            expected.add(id(i) + " up unrecorded");
        }
        assertEquals(expected, rows(kind, p));

        List<RegisteredRevision> fixed = history(p, 9, 0, Fault.NONE);
        for (int every : new int[] {1, 5}) { // any later run, batched or not
            try (Divemap divemap = divemap(dataSource, p, fixed, every)) {
                DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
                assertEquals(Kind.UNRECORDED_REVISIONS, e.kind());
                assertTrue(e.getMessage().contains("r06 (up), r07 (up), r08 (up), r09 (up)"), e.getMessage());
                assertTrue(e.getMessage().contains("The version table says r05."), e.getMessage());
                assertTrue(e.getMessage().contains("Nothing was changed."), e.getMessage());
                assertEquals(List.of("r05"), divemap.current().versionRows());
                org.divemap.migrations.runtime.CheckResult check = divemap.check();
                assertEquals(List.of("r06", "r07", "r08", "r09"), check.unrecorded());
                assertFalse(check.ok());
            }
        }
        // the operator finds the tables of r06, r07 and r08 in the schema: r08 is the last one applied
        try (Divemap divemap = divemap(dataSource, p, fixed, 5)) {
            divemap.stamp(false, "r08");
            assertEquals(List.of("r09"), divemap.upgrade("head").revisions());
            assertEquals(List.of("r09"), divemap.current().versionRows());
            assertEquals(List.of(), divemap.check().unrecorded());
        }
        // the marks stay in the history as failed rows that say the stamp cleared them
        List<String> after = ok(1, 5);
        after.addAll(List.of("r06 up failed", "r07 up failed", "r08 up failed", "r09 up failed", "r08 stamp ok",
                "r09 up ok"));
        assertEquals(after, rows(kind, p));
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void aDowngradeThatDiesInsideABatchStopsEvenAnUpgradeWithNothingToDo(Database kind) throws SQLException {
        String p = "dd_";
        javax.sql.DataSource dataSource = DATABASES.get(kind).dataSource();
        try (Divemap divemap = divemap(dataSource, p, history(p, 6, 0, Fault.NONE), 1)) {
            divemap.upgrade("head");
        }
        try (Divemap divemap = divemap(dataSource, p, history(p, 6, 3, Fault.DIES_DOWN), 5)) {
            assertThrows(StackOverflowError.class, () -> divemap.downgrade("base"));
        }
        // r06, r05, r04 and r03 were undone; the version table still says r06, at head
        List<RegisteredRevision> fixed = history(p, 6, 0, Fault.NONE);
        try (Divemap divemap = divemap(dataSource, p, fixed, 1)) {
            assertEquals(List.of("r06"), divemap.current().versionRows());
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.UNRECORDED_REVISIONS, e.kind());
            assertTrue(e.getMessage().contains("r06 (down), r05 (down), r04 (down), r03 (down), r02 (down)"),
                    e.getMessage());
            assertEquals(Kind.UNRECORDED_REVISIONS,
                    assertThrows(DivemapException.class, () -> divemap.upgrade("r06")).kind());
            // the operator finds the tables of r01 and r02 only
            divemap.stamp(true, "r02");
            assertEquals(List.of("r03", "r04", "r05", "r06"), divemap.upgrade("head").revisions());
            assertTrue(divemap.check().ok());
        }
    }

    @ParameterizedTest
    @EnumSource(names = "POSTGRESQL")
    void onPostgresEachRevisionStillCommitsWithItsVersionRow(Database kind) throws SQLException {
        String p = "pg_";
        try (Divemap divemap = divemap(DATABASES.get(kind).dataSource(), p, history(p, 4, 3, Fault.DIES), 5)) {
            assertThrows(StackOverflowError.class, () -> divemap.upgrade("head"));
            assertEquals(List.of("r02"), divemap.current().versionRows());
        }
        assertEquals(ok(1, 2), rows(kind, p));
    }
}
