package org.divemap.migrations.runtime.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.MigrationResult;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several migrators at once, as several application instances starting together: from threads and
 * from separate JVMs, every revision runs exactly once; a JVM killed in the middle of a migration
 * leaves no lock behind and a rerun completes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentUpgradeTest {

    private final Map<Database, TestDatabase> databases = new java.util.EnumMap<>(Database.class);
    private final AtomicInteger counter = new AtomicInteger();

    @BeforeAll
    void open() {
        for (Database kind : List.of(Database.MARIADB, Database.POSTGRESQL, Database.H2)) {
            databases.put(kind, TestDatabase.create(kind, "concurrency"));
        }
    }

    @AfterAll
    void close() {
        databases.values().forEach(TestDatabase::close);
    }

    private String prefix() {
        return "c" + counter.incrementAndGet() + "_";
    }

    private static Map<String, Integer> counts(TestDatabase db, String prefix) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT revision, COUNT(*) FROM " + prefix + "applied GROUP BY revision")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    private static final Map<String, Integer> EACH_ONCE = Map.of("0001_applied", 1, "0002_slow", 1, "0003_c", 1,
            "0004_d", 1, "0005_e", 1);

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void eightThreadsApplyEachRevisionOnce(Database kind) throws Exception {
        TestDatabase db = databases.get(kind);
        String prefix = prefix();
        List<RegisteredRevision> revisions = CountingHistory.revisions(prefix, 300);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<MigrationResult>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                try (Divemap divemap = Divemap.configure()
                        .dataSource(db.jdbcUrl(), db.user(), db.password())
                        .registries(() -> revisions)
                        .versionTable(prefix + "version")
                        .historyTable(prefix + "history")
                        .load()) {
                    return divemap.upgrade("head");
                }
            }));
        }
        List<String> ran = new ArrayList<>();
        for (Future<MigrationResult> result : results) {
            ran.addAll(result.get(2, TimeUnit.MINUTES).revisions());
        }
        pool.shutdown();
        assertEquals(List.of("0001_applied", "0002_slow", "0003_c", "0004_d", "0005_e"), ran.stream().sorted().toList());
        assertEquals(EACH_ONCE, counts(db, prefix));
    }

    private static Process start(TestDatabase db, String prefix, long slowMillis) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                UpgradeProcess.class.getName(), db.jdbcUrl(), db.user(), db.password() == null ? "" : db.password(),
                prefix, Long.toString(slowMillis))
                .redirectErrorStream(true)
                .start();
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL"})
    void threeJvmsApplyEachRevisionOnce(Database kind) throws Exception {
        TestDatabase db = databases.get(kind);
        String prefix = prefix();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(start(db, prefix, 500));
        }
        int ran = 0;
        for (Process process : processes) {
            String output = output(process);
            assertTrue(process.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, process.exitValue(), output);
            ran += (int) output.lines().filter(line -> line.startsWith("RAN ")).count();
        }
        assertEquals(5, ran, "each revision ran in exactly one of the JVMs");
        assertEquals(EACH_ONCE, counts(db, prefix));
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL"})
    void aJvmKilledDuringAMigrationLeavesNoLockAndARerunCompletes(Database kind) throws Exception {
        TestDatabase db = databases.get(kind);
        String prefix = prefix();
        Process victim = start(db, prefix, 120_000);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(CountingHistory.STARTED)) {
                // wait until the slow migration runs
            }
            assertEquals(CountingHistory.STARTED, line, "the child never reached the slow migration");
            victim.destroyForcibly();
            assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
        }
        List<RegisteredRevision> revisions = CountingHistory.revisions(prefix, 0);
        // the dead JVM's lock must be released: a lock still held would run out this wait and fail the upgrade
        try (Divemap divemap = Divemap.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .registries(() -> revisions)
                .versionTable(prefix + "version")
                .historyTable(prefix + "history")
                .lockWait(java.time.Duration.ofSeconds(60))
                .load()) {
            if (kind == Database.MARIADB) {
                // DDL commits by itself there, and the record of 0001_applied waited for the next revision's first
                // statement to commit it (as Alembic's version row does): the kill, before 0002_slow ran a
                // statement, lost it. 0001_applied's mark, committed before it ran, says it may not have finished,
                // and nothing runs until someone says where the schema is (InterruptedRevisionTest)
                assertEquals(List.of(), divemap.current().versionRows());
                DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
                assertEquals(DivemapException.Kind.INTERRUPTED_REVISION, e.kind());
                assertTrue(e.getMessage().startsWith("Revision 0001_applied did not finish its upgrade"),
                        e.getMessage());
                divemap.stamp(false, "0001_applied"); // its row is in the table: it finished
            } else {
                assertEquals(List.of("0001_applied"), divemap.current().versionRows());
            }
            assertEquals(List.of("0002_slow", "0003_c", "0004_d", "0005_e"), divemap.upgrade("head").revisions());
        }
        assertEquals(EACH_ONCE, counts(db, prefix));
    }
}
