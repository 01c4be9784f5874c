package org.divemap.migrations.runtime.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.MigrationListener;
import org.divemap.migrations.runtime.MigrationResult;
import org.junit.jupiter.api.Test;

/** The wording both front ends print; docs/ shows these lines. */
class TextsTest {

    private static final Texts CLI = new Texts("divemap ");
    private static final Texts MAVEN = new Texts("mvn divemap:");

    @Test
    void progressLines() {
        List<String> lines = new ArrayList<>();
        MigrationListener progress = CLI.progress(lines::add);
        progress.planned("upgrade", "head", List.of("0001_items", "0002_name"));
        progress.planned("downgrade", "-1", List.of("0002_name"));
        progress.planned("upgrade", "head", List.of());
        progress.planned("stamp", "head", List.of("0002_name"));
        progress.starting("0001_items", true);
        progress.batch("0001_items", new BatchUpdate.Progress("dive_sites", 12, 11_001, 12_000, 1, 25_000, 1_000,
                12_000, Duration.ofSeconds(3)));
        progress.finished("0001_items", true, Duration.ofMillis(7));
        progress.starting("0002_name", false);
        progress.finished("0002_name", false, Duration.ofMillis(45));
        progress.waitingForLock("MariaDB connection 42");
        assertEquals(List.of(
                "Upgrade to head: 2 revisions to run",
                "Downgrade to -1: 1 revision to run",
                "  upgrade   0001_items ...",
                "  0001_items: dive_sites batch 12, 12,000 rows so far, 48% of the keys",
                "  upgraded  0001_items in 7 ms",
                "  downgrade 0002_name ...",
                "  reverted  0002_name in 45 ms",
                "Waiting for another migrator: MariaDB connection 42"), lines);
    }

    @Test
    void results() {
        Duration ms = Duration.ofMillis(3);
        assertEquals("Now at: 0002_name", CLI.result(new MigrationResult("upgrade", "head", List.of("0001_items"),
                List.of(new MigrationResult.Step("0002_name", true, ms)), List.of("0002_name"))));
        assertEquals("Now at: base", CLI.result(new MigrationResult("downgrade", "base", List.of("0001_items"),
                List.of(new MigrationResult.Step("0001_items", false, ms)), List.of())));
        assertEquals("Nothing to do: the database is at a, b", CLI.result(new MigrationResult("upgrade", "heads",
                List.of("a", "b"), List.of(), List.of("a", "b"))));
        assertEquals("Stamped: 0001_items", MAVEN.result(new MigrationResult("stamp", "0001_items",
                List.of("0001_items"), List.of(), List.of("0001_items"))));
    }

    @Test
    void checkNamesTheFrontEndsCommands() {
        CheckResult ok = new CheckResult(List.of("2"), List.of(), List.of(), List.of());
        assertEquals("OK: the database is at head and no applied revision has changed.", CLI.check(ok));
        assertNull(CLI.unverifiable(ok));
        CheckResult all = new CheckResult(List.of("1"), List.of("2", "3"), List.of("1"), List.of("0"), List.of("4"),
                List.of("5"));
        assertEquals("Pending: 2, 3. Run mvn divemap:upgrade. Changed since applied: 1. Restore the migrations as they"
                + " were and put the change in a new revision. Applied by a batched run (recordEvery) but not recorded:"
                + " 4. Check which of them the schema holds, then run mvn divemap:stamp"
                + " (docs/troubleshooting.md#unrecorded_revisions). Interrupted or left half-done: 5. mvn"
                + " divemap:upgrade says what its journal knows; check the schema, then run mvn divemap:stamp"
                + " (docs/troubleshooting.md#interrupted_revision).", MAVEN.check(all));
        assertEquals("Pending: 2, 3. Run divemap upgrade.", CLI.check(new CheckResult(List.of("1"), List.of("2", "3"),
                List.of(), List.of())));
        assertEquals("Not verifiable: 0 (applied without a checksum, stamped, or their SQL needs the live database).",
                CLI.unverifiable(all));
    }

    @Test
    void theDatabaseLineMasksThePassword() {
        ResolvedSettings settings = ConfigurationResolver.resolve(new ConfigurationResolver.Source(
                Map.of(Setting.URL, "jdbc:mysql://db/app?password=Hidden", Setting.USER, "divemap"), s -> "--url"),
                Map.of(), ConfigurationResolver.Source.empty(), null, ConfigurationResolver.Connect.ALWAYS);
        assertEquals("Database: jdbc:mysql://db/app?password=**** as divemap (from --url)", MAVEN.database(settings));
    }
}
