package org.divemap.migrations.runtime.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.MigrationListener;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.history.HistoryEntry;
import org.divemap.migrations.runtime.history.HistoryTable;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.StatementLog;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a run says to the database to record a linear revision once its migration ran, counted: on
 * PostgreSQL one round trip (the version row's {@code UPDATE}, the history row and the
 * {@code COMMIT} in one statement) where it took three, so a change that splits it again fails here.
 * And what happens when that one statement fails: the revision's DDL is rolled back, nothing is
 * recorded as applied, and the error says what went wrong, as with three statements.
 */
class RecordingRoundTripsTest {

    private static final Databases DATABASES = new Databases("recording_round_trips");
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    /**
     * The JDBC calls that reach the server between a linear revision's last statement and its end,
     * on the migrations' connection. PostgreSQL (1): the statement that updates the version row,
     * adds the history row and commits. MariaDB (2): the version row's {@code UPDATE} and the
     * history's upsert that records this revision and marks the next, committed by the next
     * revision's first DDL statement. H2 (7, all in-process): the mark's note of the statement that
     * ran, auto-commit off, the version row's {@code UPDATE}, the mark rewritten as done, the next
     * revision's mark, a commit, and auto-commit back on for the next migration.
     */
    private static final Map<Database, Integer> CALLS_TO_RECORD = Map.of(Database.POSTGRESQL, 1, Database.MARIADB, 2,
            Database.H2, 7);

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    private static String prefix() {
        return "rt" + PREFIXES.incrementAndGet() + "_";
    }

    private static RegisteredRevision revision(String id, String parent, Consumer<Operations> up) {
        return new RegisteredRevision(id, parent == null ? List.of() : List.of(parent), List.of(), List.of(), "",
                InterruptedHistory.Step.class.getName(), null, () -> new InterruptedHistory.Step(up, op -> { }, false));
    }

    private static Consumer<Operations> createTable(String table) {
        return op -> op.createTable(table, Column.of("id", Type.integer()).primaryKey());
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aLinearRevisionIsRecordedInFewCalls(Database kind) {
        TestDatabase db = DATABASES.get(kind);
        StatementLog log = new StatementLog(db);
        String p = prefix();
        List<RegisteredRevision> revisions = List.of(revision("s1", null, createTable(p + "a")),
                revision("s2", "s1", createTable(p + "b")), revision("s3", "s2", createTable(p + "c")));
        try (Divemap divemap = Divemap.configure().dataSource(log).registries(() -> revisions)
                .versionTable(p + "version").historyTable(p + "history").load()) {
            assertEquals(List.of("s1", "s2", "s3"), divemap.upgrade("head").revisions());
        }
        List<String> entries = log.entries();
        String all = String.join("\n", entries);
        int b = indexOf(entries, "CREATE TABLE " + p + "b", all);
        int c = indexOf(entries, "CREATE TABLE " + p + "c", all);
        String connection = entries.get(b).substring(0, entries.get(b).indexOf(' ') + 1);
        List<String> record = entries.subList(b + 1, c).stream().filter(e -> e.startsWith(connection)).toList();
        assertEquals(CALLS_TO_RECORD.get(kind), record.size(), "recording s2:\n" + String.join("\n", record));
        if (kind == Database.POSTGRESQL) {
            String sql = record.get(0);
            assertTrue(sql.startsWith(connection + "WITH ") && sql.contains("UPDATE \"" + p + "version\"")
                    && sql.contains("INSERT INTO \"" + p + "history\"") && sql.endsWith("; COMMIT"), sql);
        }
    }

    private static int indexOf(List<String> entries, String text, String all) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no " + text + " in\n" + all);
    }

    /**
     * On the wire: the messages pgjdbc sends to record a revision end in one Sync, that is one wait
     * for the server, also once it prepares the statement on the server (after five executions), and
     * its {@code commit()} would send nothing more. Counted from the driver's own log of each Sync it
     * sends (its FINEST level), on this thread only, from the end of each migration until the run
     * reports the revision finished.
     */
    @Test
    void onPostgresEachLinearRevisionIsRecordedInOneRoundTrip() {
        assumeTrue(Databases.kinds().anyMatch(Database.POSTGRESQL::equals), "PostgreSQL is not available");
        TestDatabase db = DATABASES.get(Database.POSTGRESQL);
        String p = prefix();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicInteger syncs = new AtomicInteger();
        long thread = Thread.currentThread().getId();
        List<RegisteredRevision> revisions = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            Consumer<Operations> table = createTable(p + "t" + i);
            revisions.add(revision("s" + i, i == 1 ? null : "s" + (i - 1), op -> {
                table.accept(op);
                counting.set(true);
            }));
        }
        List<String> perRevision = new ArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void finished(String revision, boolean upgrade, Duration duration) {
                counting.set(false);
                perRevision.add(revision + ": " + syncs.getAndSet(0));
            }
        };
        Logger driver = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        Level level = driver.getLevel();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (counting.get() && record.getLongThreadID() == thread && record.getMessage() != null
                        && record.getMessage().contains("FE=> Sync")) {
                    syncs.incrementAndGet();
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        driver.setLevel(Level.FINEST);
        driver.addHandler(handler);
        try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> revisions)
                .versionTable(p + "version").historyTable(p + "history").listener(listener).load()) {
            assertEquals(8, divemap.upgrade("head").revisions().size());
        } finally {
            driver.removeHandler(handler);
            driver.setLevel(level);
        }
        // s1 starts from an empty version table: its row is inserted, as a branch point's are, in three
        // round trips; every linear step after it takes one
        List<String> expected = new ArrayList<>(List.of("s1: 3"));
        for (int i = 2; i <= 8; i++) {
            expected.add("s" + i + ": 1");
        }
        assertEquals(expected, perRevision);
    }

    /** The version row was changed behind the run's back: the guard of the one statement refuses. */
    @Test
    void aVersionRowChangedDuringTheRunRollsTheRevisionBack() throws SQLException {
        TestDatabase db = postgres();
        String p = prefix();
        DivemapException failure = failsWhileS2Runs(db, p, "UPDATE " + p + "version SET version_num = 'elsewhere'");
        assertTrue(failure.getMessage().contains("Could not change the row s1 to s2 in the version table " + p
                + "version: expected to change exactly one row, but 0 matched. Another process changed the table"),
                failure.getMessage());
        // the report names the row the table holds, not the one the run left there
        assertTrue(failure.getMessage().contains("s2 is not recorded: the version table says elsewhere (this run left"
                + " it at s1)."), failure.getMessage());
        assertFalse(exists(db, p + "b"), "the revision's DDL was rolled back");
        assertEquals(List.of("elsewhere"), column(db, "SELECT version_num FROM " + p + "version"));
        assertEquals(List.of("s1 up DONE", "s2 up FAILED"), history(db, p));
    }

    /** The history table refuses the row (a check constraint added to it): nothing of the revision stays. */
    @Test
    void aHistoryRowRefusedRollsTheRevisionBack() throws SQLException {
        TestDatabase db = postgres();
        String p = prefix();
        DivemapException failure = failsWhileS2Runs(db, p, "ALTER TABLE " + p + "history ADD CONSTRAINT " + p
                + "not_s2 CHECK (revision <> 's2')");
        assertTrue(failure.getMessage().contains("Could not change the row s1 to s2 in the version table " + p
                + "version and record up s2 in the history table " + p + "history on PostgreSQL: ")
                && failure.getMessage().contains(p + "not_s2") && failure.getMessage().contains("SQLState 23514"),
                failure.getMessage());
        assertFalse(exists(db, p + "b"), "the revision's DDL was rolled back");
        assertEquals(List.of("s1"), column(db, "SELECT version_num FROM " + p + "version"));
        // the failed row is refused too (its suppressed failure is on the exception)
        assertEquals(List.of("s1 up DONE"), history(db, p));
    }

    /**
     * The {@code COMMIT} at the end of the statement fails, on a deferred constraint the migration
     * broke: reported as the database's own error, as a failed {@code commit()} was, and nothing of
     * the revision stays.
     */
    @Test
    void aFailedCommitRollsTheRevisionBackAndIsReportedAsItself() throws SQLException {
        TestDatabase db = postgres();
        String p = prefix();
        List<RegisteredRevision> revisions = List.of(revision("s1", null, createTable(p + "a")),
                revision("s2", "s1", op -> {
                    op.execute("CREATE TABLE " + p + "b (id INTEGER CONSTRAINT " + p
                            + "b_once UNIQUE DEFERRABLE INITIALLY DEFERRED)");
                    op.execute("INSERT INTO " + p + "b VALUES (1), (1)");
                }), revision("s3", "s2", createTable(p + "c")));
        DivemapException failure = upgradeFails(db, p, revisions);
        assertTrue(failure.getMessage().contains(p + "b_once") && !failure.getMessage().contains("Could not change the"
                + " row"), failure.getMessage());
        assertFalse(exists(db, p + "b"), "the revision's DDL was rolled back");
        assertFalse(exists(db, p + "c"), "the run stopped");
        assertEquals(List.of("s1"), column(db, "SELECT version_num FROM " + p + "version"));
        assertEquals(List.of("s1 up DONE", "s2 up FAILED"), history(db, p));

        // the connection is usable afterwards and the next run applies the fixed revisions
        List<RegisteredRevision> fixed = List.of(revisions.get(0), revision("s2", "s1", createTable(p + "b")),
                revisions.get(2));
        try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> fixed)
                .versionTable(p + "version").historyTable(p + "history").load()) {
            assertEquals(List.of("s2", "s3"), divemap.upgrade("head").revisions());
        }
        assertEquals(List.of("s3"), column(db, "SELECT version_num FROM " + p + "version"));
    }

    private static TestDatabase postgres() {
        assumeTrue(Databases.kinds().anyMatch(Database.POSTGRESQL::equals), "PostgreSQL is not available");
        return DATABASES.get(Database.POSTGRESQL);
    }

    /**
     * Upgrades through s1 (creates table a) and s2, which creates table b and then has another
     * connection run {@code sql}; returns the run's failure.
     */
    private static DivemapException failsWhileS2Runs(TestDatabase db, String p, String sql) {
        return upgradeFails(db, p, List.of(revision("s1", null, createTable(p + "a")), revision("s2", "s1", op -> {
            op.createTable(p + "b", Column.of("id", Type.integer()).primaryKey());
            execute(db, sql); // another connection
        })));
    }

    private static DivemapException upgradeFails(TestDatabase db, String p, List<RegisteredRevision> revisions) {
        try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> revisions)
                .versionTable(p + "version").historyTable(p + "history").load()) {
            DivemapException failure = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.MIGRATION_FAILED, failure.kind(), failure.getMessage());
            return failure;
        }
    }

    private static void execute(TestDatabase db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean exists(TestDatabase db, String table) throws SQLException {
        return !column(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND table_name = '" + table + "'").isEmpty();
    }

    private static List<String> column(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private static List<String> history(TestDatabase db, String p) throws SQLException {
        try (Connection c = db.connect()) {
            List<String> rows = new ArrayList<>();
            for (HistoryEntry e : new HistoryTable(Dialect.detect(c), null, p + "history").list(c)) {
                rows.add(e.revision() + " " + e.direction() + " " + e.state());
            }
            return rows;
        }
    }
}
