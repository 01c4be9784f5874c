package org.divemap.migrations.runtime.commands;

import static org.divemap.migrations.runtime.commands.SqlMigration.revision;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.CurrentResult;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.MigrationResult;
import org.divemap.migrations.runtime.RevisionInfo;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every command of {@link Divemap} against MariaDB, PostgreSQL and H2, each test on its own tables
 * in this class's own database or schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DivemapCommandsTest {

    private final java.util.Map<Database, TestDatabase> databases = new java.util.EnumMap<>(Database.class);
    private final AtomicInteger counter = new AtomicInteger();

    @BeforeAll
    void open() {
        for (Database kind : List.of(Database.MARIADB, Database.POSTGRESQL, Database.H2)) {
            databases.put(kind, TestDatabase.create(kind, "commands"));
        }
    }

    @AfterAll
    void close() {
        databases.values().forEach(TestDatabase::close);
    }

    /** A history on tables named with a unique prefix: 1 -> 2 -> 3, and a labeled line 2 -> x1. */
    private final class Fixture {
        final TestDatabase db;
        final String p = "t" + counter.incrementAndGet() + "_";
        final List<RegisteredRevision> revisions = new ArrayList<>();

        Fixture(Database kind) {
            db = databases.get(kind);
            revisions.add(revision("0001_users").up("CREATE TABLE " + p + "users (id INT PRIMARY KEY)")
                    .down("DROP TABLE " + p + "users").build());
            revisions.add(revision("0002_sites", "0001_users").up("CREATE TABLE " + p + "sites (id INT PRIMARY KEY)")
                    .down("DROP TABLE " + p + "sites").build());
            revisions.add(revision("0003_photos", "0002_sites").up("CREATE TABLE " + p + "photos (id INT PRIMARY KEY)")
                    .down("DROP TABLE " + p + "photos").build());
            revisions.add(revision("1001_reports", "0002_sites").labels("reports")
                    .up("CREATE TABLE " + p + "reports (id INT PRIMARY KEY)").down("DROP TABLE " + p + "reports")
                    .build());
        }

        Divemap divemap() {
            List<RegisteredRevision> list = List.copyOf(revisions);
            return Divemap.configure().dataSource(db.dataSource()).registries(() -> list)
                    .versionTable(p + "version").historyTable(p + "history").load();
        }

        boolean table(String name) throws SQLException {
            try (Connection c = db.connect()) {
                String schema = db.kind() == Database.POSTGRESQL ? db.schema() : null;
                String table = p + name;
                for (String candidate : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
                    try (ResultSet rs = c.getMetaData().getTables(db.kind() == Database.POSTGRESQL ? null
                            : c.getCatalog(), schema, candidate, null)) {
                        if (rs.next()) {
                            return true;
                        }
                    }
                }
                return false;
            }
        }

        /** A table name as hand-written SQL writes it: plain, as Divemap creates it on every database. */
        String quoted(String name) {
            return q(p + name);
        }

        String q(String identifier) {
            return identifier;
        }

        int historyRows(String revision, String direction) throws SQLException {
            try (Connection c = db.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quoted("history") + " WHERE " + q("revision") + " = '"
                            + revision + "' AND " + q("direction") + " = '" + direction + "'")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void upgradeDowngradeAndStampMoveTheSchemaAndTheVersionTable(Database kind) throws SQLException {
        Fixture f = new Fixture(kind);
        try (Divemap divemap = f.divemap()) {
            assertEquals(List.of(), divemap.current().versionRows());
            MigrationResult up = divemap.upgrade("0003");
            assertEquals(List.of("0001_users", "0002_sites", "0003_photos"), up.revisions());
            assertEquals(List.of("0003_photos"), up.versionAfter());
            assertTrue(f.table("photos"));
            assertFalse(f.table("reports"));
            assertEquals(1, f.historyRows("0002_sites", "up"));

            assertTrue(divemap.upgrade("0003_photos").nothingToDo());
            MigrationResult both = divemap.upgrade("heads");
            assertEquals(List.of("1001_reports"), both.revisions());
            assertEquals(List.of("0003_photos", "1001_reports"), divemap.current().versionRows());
            assertTrue(divemap.current().atHead());

            MigrationResult back = divemap.downgrade("reports@-1");
            assertEquals(List.of("1001_reports"), back.revisions());
            assertFalse(f.table("reports"));
            assertEquals(List.of("0003_photos"), back.versionAfter());
            assertEquals(1, f.historyRows("1001_reports", "down"));

            assertEquals(List.of("0003_photos"), divemap.downgrade("-1").revisions());
            assertEquals(List.of("0002_sites"), divemap.current().versionRows());

            MigrationResult stamp = divemap.stamp(false, "0003_photos");
            assertEquals(List.of(), stamp.steps());
            assertEquals(List.of("0003_photos"), divemap.current().versionRows());
            assertFalse(f.table("photos"), "stamp runs no migration");
            assertEquals(1, f.historyRows("0003_photos", "stamp"));
            divemap.stamp(false, "0002_sites");

            MigrationResult base = divemap.downgrade("base");
            assertEquals(List.of("0002_sites", "0001_users"), base.revisions());
            assertFalse(f.table("users"));
            assertEquals(List.of(), divemap.current().versionRows());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void readOnlyCommandsDescribeTheGraph(Database kind) {
        Fixture f = new Fixture(kind);
        try (Divemap divemap = f.divemap()) {
            assertEquals(List.of("0003_photos", "1001_reports"), divemap.heads().stream().map(RevisionInfo::id).toList());
            assertEquals(List.of("0002_sites"), divemap.branches().stream().map(RevisionInfo::id).toList());
            List<RevisionInfo> shown = divemap.show("reports@head");
            assertEquals("1001_reports", shown.get(0).id());
            assertEquals(java.util.Set.of("reports"), shown.get(0).branchLabels());
            divemap.upgrade("0002");
            List<RevisionInfo> history = divemap.history("base:heads");
            assertEquals(List.of("1001_reports", "0003_photos", "0002_sites", "0001_users"),
                    history.stream().map(RevisionInfo::id).toList());
            assertTrue(history.get(2).current());
            assertEquals("0001_users -> 0002_sites (current, branchpoint), Revision 0002_sites",
                    history.get(2).describe());
            assertEquals(List.of("0003_photos", "0002_sites"),
                    divemap.history("0002_sites:0003_photos").stream().map(RevisionInfo::id).toList());
            CurrentResult current = divemap.current();
            assertFalse(current.atHead());
            assertEquals(List.of("0002_sites"), current.versionRows());
        }
    }

    private static void assertUnchanged(Divemap divemap, List<String> rows, Runnable command, Kind kind,
            String... fragments) {
        DivemapException e = assertThrows(DivemapException.class, command::run);
        assertEquals(kind, e.kind(), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "missing \"" + fragment + "\" in: " + e.getMessage());
        }
        assertEquals(rows, divemap.current().versionRows());
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void badTargetsAreClearErrorsThatChangeNothing(Database kind) throws SQLException {
        Fixture f = new Fixture(kind);
        try (Divemap divemap = f.divemap()) {
            divemap.upgrade("0001_users");
            List<String> rows = List.of("0001_users");
            assertUnchanged(divemap, rows, () -> divemap.upgrade("0003_fotos"), Kind.UNKNOWN_REVISION,
                    "Did you mean \"0003_photos\"?");
            assertUnchanged(divemap, rows, () -> divemap.upgrade("000"), Kind.AMBIGUOUS_TARGET,
                    "0001_users, 0002_sites, 0003_photos");
            assertUnchanged(divemap, rows, () -> divemap.upgrade("heads+1"), Kind.MALFORMED_TARGET,
                    "Accepted forms: head, heads, base");
            assertUnchanged(divemap, rows, () -> divemap.upgrade("base:head"), Kind.MALFORMED_TARGET);
            assertUnchanged(divemap, rows, () -> divemap.upgrade("head"), Kind.AMBIGUOUS_TARGET, "2 heads");
            assertUnchanged(divemap, rows, () -> divemap.upgrade("+5"), Kind.AMBIGUOUS_TARGET);
            assertUnchanged(divemap, rows, () -> divemap.upgrade("reports@+5"), Kind.INVALID_RANGE, "beyond the heads");
            assertUnchanged(divemap, rows, () -> divemap.downgrade("-2"), Kind.INVALID_RANGE, "beyond the base");
            assertUnchanged(divemap, rows, () -> divemap.downgrade("+1"), Kind.MALFORMED_TARGET);
            assertUnchanged(divemap, rows, () -> divemap.downgrade("ghost@base"), Kind.UNKNOWN_REVISION);
            assertUnchanged(divemap, rows, () -> divemap.downgrade("0003_photos"), Kind.INVALID_RANGE,
                    "not applied");
            assertFalse(f.table("sites"));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void relativeTargetsBelowBaseOfZeroOrOfHugeStepsChangeNothing(Database kind) throws SQLException {
        Fixture f = new Fixture(kind);
        try (Divemap divemap = f.divemap()) {
            divemap.upgrade("reports@head");
            List<String> rows = List.of("1001_reports");
            assertUnchanged(divemap, rows, () -> divemap.downgrade("reports@base-1"), Kind.MALFORMED_TARGET,
                    "below which there is nothing");
            assertUnchanged(divemap, rows, () -> divemap.upgrade("base-1"), Kind.MALFORMED_TARGET,
                    "below which there is nothing");
            assertUnchanged(divemap, rows, () -> divemap.downgrade("base+0"), Kind.MALFORMED_TARGET, "moves nothing");
            assertUnchanged(divemap, rows, () -> divemap.upgrade("+0"), Kind.MALFORMED_TARGET, "moves nothing");
            assertUnchanged(divemap, rows, () -> divemap.downgrade("-0"), Kind.MALFORMED_TARGET, "moves nothing");
            assertUnchanged(divemap, rows, () -> divemap.upgrade("reports@+2147483648"), Kind.INVALID_RANGE,
                    "goes 2147483648 steps up, beyond the heads");
            assertUnchanged(divemap, rows, () -> divemap.downgrade("-99999999999"), Kind.INVALID_RANGE,
                    "beyond the base");
            assertTrue(f.table("reports"));
            assertEquals(0, f.historyRows("1001_reports", "down"));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void aRevisionThisBuildDoesNotHaveIsNamedWithTheWaysOut(Database kind) throws SQLException {
        Fixture f = new Fixture(kind);
        try (Divemap divemap = f.divemap()) {
            divemap.upgrade("0002_sites");
        }
        try (Connection c = f.db.connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE " + f.quoted("version") + " SET " + f.q("version_num") + " = '0009_from_the_future'");
        }
        try (Divemap divemap = f.divemap()) {
            assertEquals(List.of("0009_from_the_future"), divemap.current().unknownRevisions());
            assertUnchanged(divemap, List.of("0009_from_the_future"), () -> divemap.upgrade("head"),
                    Kind.UNKNOWN_DATABASE_REVISION, "0009_from_the_future", "Deploy a build that includes it",
                    "stamp with purge");
            divemap.stamp(true, "0002_sites");
            assertEquals(List.of("0002_sites"), divemap.current().versionRows());
            assertEquals(List.of("0003_photos"), divemap.upgrade("0003_photos").revisions());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void aFailingMigrationIsReportedAndLeavesItsVersionRowUnwritten(Database kind) throws SQLException {
        Fixture f = new Fixture(kind);
        f.revisions.add(revision("0004_broken", "0003_photos")
                .up("CREATE TABLE " + f.p + "half (id INT PRIMARY KEY)", "INSERT INTO " + f.p + "no_such_table VALUES (1)")
                .down("DROP TABLE " + f.p + "half").build());
        try (Divemap divemap = f.divemap()) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("0004_broken"));
            assertEquals(Kind.MIGRATION_FAILED, e.kind());
            String message = e.getMessage();
            assertTrue(message.startsWith("Revision 0004_broken ("), message);
            assertTrue(message.contains("Failing statement: INSERT INTO " + f.p + "no_such_table VALUES (1)"), message);
            assertTrue(message.contains("Revisions completed before it in this run: 0001_users, 0002_sites,"
                    + " 0003_photos."), message);
            assertEquals(List.of("0003_photos"), divemap.current().versionRows());
            assertEquals(1, f.historyRows("0004_broken", "up"), "the failure is in the history");
            if (kind == Database.POSTGRESQL) {
                assertTrue(message.contains("It was rolled back completely."), message);
                assertFalse(f.table("half"), "PostgreSQL rolls the whole migration back");
            } else {
                // MySQL, MariaDB and H2 commit before every DDL statement
                assertTrue(message.contains("ran before the failure and could not be undone automatically"), message);
                assertTrue(message.contains("CREATE TABLE " + f.p + "half (id INT PRIMARY KEY);"), message);
                assertTrue(f.table("half"), kind + " cannot roll DDL back");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"POSTGRESQL"})
    void aNonTransactionalMigrationRunsStatementsThatCannotRunInATransaction(Database kind) throws SQLException {
        Fixture f = new Fixture(kind);
        f.revisions.add(revision("0004_index", "0003_photos").nonTransactional()
                .up("CREATE INDEX CONCURRENTLY ix_" + f.p + "photos ON " + f.p + "photos (id)")
                .down("DROP INDEX CONCURRENTLY ix_" + f.p + "photos").build());
        try (Divemap divemap = f.divemap()) {
            assertEquals(List.of("0001_users", "0002_sites", "0003_photos", "0004_index"),
                    divemap.upgrade("0004_index").revisions());
            assertEquals(List.of("0004_index"), divemap.downgrade("-1").revisions());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void irreversibleRevisionStopsADowngradeBeforeItRuns(Database kind) throws SQLException {
        Fixture f = new Fixture(kind);
        f.revisions.add(revision("0004_drop_users", "0003_photos").irreversible("users are gone; restore a backup")
                .up("DROP TABLE " + f.p + "users").build());
        try (Divemap divemap = f.divemap()) {
            divemap.upgrade("0004_drop_users");
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.downgrade("0002_sites"));
            assertEquals(Kind.IRREVERSIBLE, e.kind());
            assertTrue(e.getMessage().contains("users are gone; restore a backup"), e.getMessage());
            assertEquals(List.of("0004_drop_users"), divemap.current().versionRows());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void aDowngradeThatWouldCrossAnIrreversibleRevisionRunsNothing(Database kind) throws SQLException {
        Fixture f = new Fixture(kind);
        f.revisions.add(revision("0004_drop_users", "0003_photos").irreversible("users are gone; restore a backup")
                .up("DROP TABLE " + f.p + "users").build());
        f.revisions.add(revision("0005_notes", "0004_drop_users")
                .up("CREATE TABLE " + f.p + "notes (id INT PRIMARY KEY)").down("DROP TABLE " + f.p + "notes").build());
        try (Divemap divemap = f.divemap()) {
            divemap.upgrade("0005_notes");
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.downgrade("0002_sites"));
            assertEquals(Kind.IRREVERSIBLE, e.kind());
            assertTrue(e.getMessage().contains("passes 0004_drop_users, which is @Irreversible (users are gone;"
                    + " restore a backup). Nothing was changed"), e.getMessage());
            assertEquals(List.of("0005_notes"), divemap.current().versionRows(), "0005 was not reverted either");

            // preflight answers the same without running anything
            assertEquals(Kind.IRREVERSIBLE, assertThrows(DivemapException.class,
                    () -> divemap.preflight(false, "0002_sites")).kind());
            assertEquals(List.of("0005_notes"), divemap.preflight(false, "-1").revisions());
            assertEquals(List.of(), divemap.preflight(true, "0005_notes").revisions());
            assertEquals(List.of("0005_notes"), divemap.current().versionRows());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void runsListTheHistoryTableOldestFirst(Database kind) {
        Fixture f = new Fixture(kind);
        try (Divemap divemap = f.divemap()) {
            assertEquals(List.of(), divemap.runs());
            divemap.upgrade("0002");
            divemap.downgrade("-1");
            List<org.divemap.migrations.runtime.history.HistoryEntry> runs = divemap.runs();
            assertEquals(List.of("0001_users up", "0002_sites up", "0002_sites down"),
                    runs.stream().map(r -> r.revision() + " " + r.direction()).toList());
            assertTrue(runs.stream().allMatch(r -> r.success() && r.startedAt() != null));
        }
    }
}
