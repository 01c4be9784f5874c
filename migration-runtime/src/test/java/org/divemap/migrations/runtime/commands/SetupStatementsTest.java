package org.divemap.migrations.runtime.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.StatementLog;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How much a run says to the database before its first migration statement, and on a start-up with
 * nothing to do: counted JDBC calls that reach the server (statements, commits, auto-commit
 * switches), so that a change that adds a catalog query or a round trip to the start-up path fails
 * here instead of slowing every deploy a little (issue 19). Counts, not time.
 */
class SetupStatementsTest {

    private static final Databases DATABASES = new Databases("setup_statements");

    /**
     * A first run into an empty schema, before the first revision's first statement. MariaDB (11):
     * read the version table (fails), the current database, one catalog query for both tables; on the
     * lock's connection the current database and {@code GET_LOCK}; then under the lock one catalog
     * query, create both tables, check the lock, mark the first revision (still under auto-commit, so
     * it commits by itself), auto-commit off for the run.
     * PostgreSQL (10) reads the current database and schema in one query for the lock's name, and needs
     * no mark (a revision commits with its record): its auto-commit goes off for the first revision's
     * transaction. H2 (19, all in-process) reads no table directly (it would log the failure to its
     * trace file) and takes its lock with a row of a lock table of its own.
     */
    private static final Map<Database, Integer> FIRST_RUN = Map.of(Database.MARIADB, 11,
            Database.POSTGRESQL, 10, Database.H2, 19);

    /**
     * A run that applies one more revision to a database migrated before. MariaDB (12): read the
     * version table directly; the lock (current database, {@code GET_LOCK}); under it the version
     * table and the newest history row read directly; the history read whole to compare checksums
     * (validateOnMigrate), which needs its stored name (the current database and one catalog query for
     * both tables), then one query for the version column's length and the history's source-checksum
     * column together; check the lock, the mark (committing by itself), auto-commit off. PostgreSQL
     * (11): no mark. H2 (20, in-process): its lock table, and the catalog where its JDBC metadata
     * does not list a table.
     */
    private static final Map<Database, Integer> NEXT_RUN = Map.of(Database.MARIADB, 12,
            Database.POSTGRESQL, 11, Database.H2, 20);

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    private static List<RegisteredRevision> revisions(String prefix) {
        return List.of(revision("s1", null, prefix + "a"), revision("s2", "s1", prefix + "b"));
    }

    private static RegisteredRevision revision(String id, String parent, String table) {
        return new RegisteredRevision(id, parent == null ? List.of() : List.of(parent), List.of(), List.of(), "",
                InterruptedHistory.Step.class.getName(), null, () -> new InterruptedHistory.Step(op -> op.createTable(
                        table, Column.of("id", Type.integer()).primaryKey()), op -> { }, false));
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aFirstRunAndANoOpRunSayLittleBeforeTheirWork(Database kind) {
        TestDatabase db = DATABASES.get(kind);
        StatementLog log = new StatementLog(db);
        String prefix = "ss_";
        try (Divemap divemap = Divemap.configure().dataSource(log).registries(() -> revisions(prefix))
                .versionTable("ss_version").historyTable("ss_history").load()) {
            assertEquals(List.of("s1", "s2"), divemap.upgrade("head").revisions());
            List<String> setup = log.before(prefix + "a");
            assertEquals(2, log.connections(), String.join("\n", log.entries()));
            assertEquals(FIRST_RUN.get(kind), setup.size(), "before the first revision:\n" + String.join("\n", setup));
            // the migrations' connection asks nothing twice, nor about the columns of the tables the run
            // created; only the catalog query is repeated, under the lock, where the tables may have appeared
            for (String entry : setup) {
                assertTrue(!entry.startsWith("1: ") || entry.contains("information_schema.tables")
                        || setup.stream().filter(entry::equals).count() == 1, "asked twice: " + entry + "\n"
                                + String.join("\n", setup));
                assertTrue(!entry.contains("information_schema.columns"), String.join("\n", setup));
            }

            log.clear();
            assertTrue(divemap.upgrade("head").nothingToDo());
            // at head: one connection, the version table and the newest history row read directly (on H2 too,
            // once its JDBC metadata, which needs no SQL, lists both tables: see AtHeadStartUpTest)
            assertEquals(1, log.connections(), String.join("\n", log.entries()));
            assertEquals(2, log.entries().size(), String.join("\n", log.entries()));
        }

        // a run on a database migrated before, with one revision more
        log.clear();
        List<RegisteredRevision> more = new java.util.ArrayList<>(revisions(prefix));
        more.add(revision("s3", "s2", prefix + "c"));
        try (Divemap divemap = Divemap.configure().dataSource(log).registries(() -> more)
                .versionTable("ss_version").historyTable("ss_history").load()) {
            assertEquals(List.of("s3"), divemap.upgrade("head").revisions());
            List<String> setup = log.before(prefix + "c");
            assertEquals(NEXT_RUN.get(kind), setup.size(), "before the new revision:\n" + String.join("\n", setup));
        }
    }
}
