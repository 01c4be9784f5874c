package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.testing.CountingDataSource;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On MySQL and MariaDB a migration runs with auto-commit off, the database committing its DDL by
 * itself and the operations committing after every other statement. These tests hold that to what
 * auto-commit promised: each change is visible to other sessions as soon as it ran, work done through
 * {@code op.connection()} stays after a failure, and the version row still commits once per revision,
 * without switching auto-commit for each one.
 */
class CommitEachStatementTest {

    private static TestDatabase db;

    @BeforeAll
    static void create() {
        db = TestDatabase.create(Database.MARIADB, "commit_each");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static RegisteredRevision revision(String id, String parent, Consumer<Operations> up) {
        return new RegisteredRevision(id, parent == null ? List.of() : List.of(parent), List.of(), List.of(), id,
                OperationsRenderingTest.Lambda.class.getName(), null,
                () -> new OperationsRenderingTest.Lambda(up, op -> { }));
    }

    private static Divemap divemap(DataSource dataSource, String prefix, List<RegisteredRevision> revisions) {
        return Divemap.configure().dataSource(dataSource).registries(() -> revisions)
                .versionTable(prefix + "version").historyTable(prefix + "history").load();
    }

    /** Rows of {@code table} as another session sees them: only what is committed. */
    private static int committedRows(String table) {
        try (Connection other = db.connect(); Statement statement = other.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLongRunSwitchesAutoCommitOnceAndCommitsOncePerRevision() {
        List<RegisteredRevision> revisions = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String table = String.format("ce_table_%02d", i);
            revisions.add(revision(String.format("r%02d", i), i == 1 ? null : String.format("r%02d", i - 1),
                    i % 2 == 0 ? op -> op.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY)")
                            : op -> op.createTable(table, Column.of("id", Type.bigint()).primaryKey())));
        }
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        try (Divemap divemap = divemap(counting, "ce_long_", revisions)) {
            assertEquals(20, divemap.upgrade("head").steps().size());
        }
        // on for the lock's session, on and back for the version and history tables' CREATE, then off for
        // the whole run: not two switches per revision, as with auto-commit on during each migration
        assertTrue(counting.setAutoCommit() <= 4, counting.setAutoCommit() + " calls of setAutoCommit");
        // each revision's version and history rows, written with the next revision's mark, are committed by the
        // next revision's CREATE TABLE, as Alembic's version row is; the first revision's mark is written while
        // auto-commit is still on, so it commits by itself: one explicit commit, for the last revision's rows
        // (theRecordOfEachRevisionIsCommittedBeforeTheNextOnesWork shows when)
        assertEquals(1, counting.commits(), "the last record is the only explicit commit");
    }

    /** The version row and the history as another session sees them: "r02 | r01 DONE, r02 RUNNING". */
    private static String committedRecord(String prefix) {
        StringBuilder seen = new StringBuilder();
        try (Connection other = db.connect(); Statement statement = other.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT version_num FROM " + prefix + "version")) {
                seen.append(rs.next() ? rs.getString(1) : "(empty)");
            }
            seen.append(" |");
            try (ResultSet rs = statement.executeQuery("SELECT revision, success, error FROM " + prefix
                    + "history ORDER BY id")) {
                while (rs.next()) {
                    seen.append(' ').append(rs.getString(1)).append(rs.getBoolean(2) ? " DONE"
                            : rs.getString(3) != null && rs.getString(3).startsWith("running: ") ? " RUNNING" : " FAILED");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return seen.toString();
    }

    @Test
    void theRecordOfEachRevisionIsCommittedBeforeTheNextOnesWork() {
        String p = "ce_rec_";
        List<String> seen = new ArrayList<>();
        List<RegisteredRevision> revisions = List.of(
                revision("r01", null, op -> op.createTable(p + "a", Column.of("id", Type.integer()).primaryKey())),
                revision("r02", "r01", op -> {
                    // its first DDL statement commits r01's record and r02's mark, implicitly
                    op.createTable(p + "b", Column.of("id", Type.integer()).primaryKey());
                    seen.add(committedRecord(p));
                }),
                revision("r03", "r02", op -> {
                    // the connection handed out: whatever the migration does with it must not carry r02's record
                    op.connection();
                    seen.add(committedRecord(p));
                }),
                revision("r04", "r03", op -> {
                    op.update("INSERT INTO " + p + "a VALUES (1)");
                    seen.add(committedRecord(p));
                }),
                revision("r05", "r04", op -> { }), // no statement: r04's record commits before r05's
                revision("r06", "r05", op -> {
                    op.createTable(p + "c", Column.of("id", Type.integer()).primaryKey());
                    seen.add(committedRecord(p));
                }));
        try (Divemap divemap = divemap(db.dataSource(), p, revisions)) {
            assertEquals(6, divemap.upgrade("head").steps().size());
        }
        assertEquals(List.of(
                "r01 | r01 DONE r02 RUNNING",
                "r02 | r01 DONE r02 DONE r03 RUNNING",
                "r03 | r01 DONE r02 DONE r03 DONE r04 RUNNING",
                "r05 | r01 DONE r02 DONE r03 DONE r04 DONE r05 DONE r06 RUNNING"), seen);
        assertEquals("r06 | r01 DONE r02 DONE r03 DONE r04 DONE r05 DONE r06 DONE", committedRecord(p),
                "the last revision's record is committed explicitly");
    }

    @Test
    void eachDataChangeIsCommittedAsSoonAsItRuns() {
        List<Integer> seen = new ArrayList<>();
        List<RegisteredRevision> revisions = List.of(
                revision("n1", null, op -> op.createTable("ce_notes", Column.of("id", Type.integer()).primaryKey())),
                revision("n2", "n1", op -> {
                    op.execute("INSERT INTO ce_notes VALUES (1)");
                    seen.add(committedRows("ce_notes"));
                    op.execute("INSERT INTO ce_notes VALUES (?)", 2);
                    seen.add(committedRows("ce_notes"));
                    op.bulkInsert("ce_notes", List.of("id"), List.of(List.of(3), List.of(4)));
                    seen.add(committedRows("ce_notes"));
                    try (PreparedStatement insert = op.connection().prepareStatement(
                            "INSERT INTO ce_notes VALUES (5)")) {
                        insert.executeUpdate();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        try (Divemap divemap = divemap(db.dataSource(), "ce_data_", revisions)) {
            divemap.upgrade("head");
        }
        assertEquals(List.of(1, 2, 4), seen);
        assertEquals(5, committedRows("ce_notes"), "op.connection() work commits with the version row");
    }

    @Test
    void workDoneOnTheConnectionStaysWhenTheMigrationFailsAsWithAutoCommit() {
        List<RegisteredRevision> revisions = List.of(
                revision("k1", null, op -> op.createTable("ce_kept", Column.of("id", Type.integer()).primaryKey())),
                revision("k2", "k1", op -> {
                    try (Statement statement = op.connection().createStatement()) {
                        statement.executeUpdate("INSERT INTO ce_kept VALUES (1)");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    op.execute("INSERT INTO ce_no_such_table VALUES (1)");
                }));
        try (Divemap divemap = divemap(db.dataSource(), "ce_fail_", revisions)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(DivemapException.Kind.MIGRATION_FAILED, e.kind());
            assertTrue(e.getMessage().contains("ce_no_such_table"), e.getMessage());
            assertEquals(List.of("k1"), divemap.current().versionRows());
        }
        assertEquals(1, committedRows("ce_kept"));
    }
}
