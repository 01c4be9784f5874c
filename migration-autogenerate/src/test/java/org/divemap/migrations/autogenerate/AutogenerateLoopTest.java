package org.divemap.migrations.autogenerate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.divemap.migrations.Operations;
import org.divemap.migrations.runtime.CheckResult;
import org.junit.jupiter.api.AfterAll;
import org.divemap.migrations.test.SchemaSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The whole loop on one database: generate the first revision from an empty database, upgrade,
 * check; then scripted model edits, each generated, compiled, applied, checked and undone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AutogenerateLoopTest {

    @TempDir
    static Path temp;

    TestDb db;
    AutogenerateLoop loop;

    abstract Operations.Database database();

    @BeforeAll
    void setUp() throws Exception {
        db = TestDb.create(database(), getClass().getSimpleName());
        loop = new AutogenerateLoop(ModelProject.fromResources(temp), db);
        loop.compile();
    }

    @AfterAll
    void tearDown() throws Exception {
        if (loop != null) {
            loop.project.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    @Order(1)
    void generatesTheFirstRevisionFromAnEmptyDatabase() throws Exception {
        Optional<GeneratedRevision> first = loop.generate("create the dive model");
        assertTrue(first.isPresent());
        assertTrue(first.get().changes().stream().anyMatch(c -> c.startsWith("op.createTable(\"diver_certifications\"")),
                first.get().source());
        loop.upgrade();
        CheckResult check = loop.check();
        assertEquals(List.of(), check.modelDifferences(), check.toString());
        assertTrue(check.ok(), check.toString());
        assertTrue(loop.generate("nothing").isEmpty(), "a second run finds nothing to do");
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> eachEditIsGeneratedAppliedCheckedAndUndone() {
        return ModelEdits.all().stream().map(edit -> DynamicTest.dynamicTest(edit.message(), () -> {
            SchemaSnapshot before = db.snapshot();
            edit.action().apply(loop.project);
            loop.compile();
            CheckResult stale = loop.check();
            assertFalse(stale.ok(), "check fails while the entities are ahead of the migrations");
            Optional<GeneratedRevision> revision = loop.generate(edit.message());
            assertTrue(revision.isPresent(), "no changes detected for: " + edit.message());
            String source = revision.get().source();
            assertTrue(revision.get().changes().stream().anyMatch(c -> c.contains(edit.expected())),
                    "expected " + edit.expected() + " in\n" + source);
            loop.upgrade();
            CheckResult check = loop.check();
            assertEquals(List.of(), check.modelDifferences(), source);
            assertTrue(check.ok(), check.toString());
            loop.downgrade("-1");
            assertEquals(List.of(), before.diff(db.snapshot()), "downgrade -1 gives the schema back\n" + source);
            loop.upgrade();
        }));
    }

    /**
     * The standard checks of migration-test over the whole generated history, as a user runs them: a
     * {@code @MigrationTest} class extending {@code StandardMigrationTests}, compiled into the project
     * next to the generated migrations, so that its registry is the one found on the class path.
     */
    @Test
    @Order(3)
    void theStandardMigrationTestsPassOverTheGeneratedHistory() throws Exception {
        int revisions = 1 + ModelEdits.all().size();
        assertEquals(revisions, loop.generated.size(), "the loop generated one revision per step");
        Events tests = standardMigrationTests();
        assertEquals(Map.of(), failures(tests), "no standard check fails");
        assertEquals(List.of(), names(tests.aborted()), "no check or revision is skipped");
        // 2 plain checks, 3 walks once per revision
        assertEquals(2 + 3 * revisions, tests.started().filter(e -> e.getTestDescriptor().isTest()).count(),
                "every check ran, the walks once per revision");
    }

    /** The same checks catch a generated downgrade that is broken by hand: they can fail. */
    @Test
    @Order(4)
    void theStandardMigrationTestsCatchADowngradeThatLeavesATrace() throws Exception {
        GeneratedRevision phone = loop.generated.stream()
                .filter(r -> r.source().contains("op.addColumn(\"divers\", Column.of(\"phone\"")).findFirst()
                .orElseThrow();
        Path file = phone.path(loop.sources());
        String generated = Files.readString(file);
        String drop = "        op.dropColumn(\"divers\", \"phone\");\n";
        assertTrue(generated.contains(drop), generated);
        Files.writeString(file, generated.replace(drop, ""));
        try {
            Map<String, String> failures = failures(standardMigrationTests());
            assertEquals(List.of("downgrade leaves no trace / " + phone.id() + " (add phone to divers)"),
                    List.copyOf(failures.keySet()),
                    failures.toString());
            String message = failures.values().iterator().next();
            assertTrue(message.startsWith("Downgrade of " + phone.id() + " leaves a trace"), message);
            assertTrue(message.contains("\n  + column divers.phone "), message);
        } finally {
            Files.writeString(file, generated);
            loop.compile();
        }
    }

    /** Compiles a {@code @MigrationTest} class into the project and runs it with the JUnit test kit. */
    private Events standardMigrationTests() throws Exception {
        String path = "com/example/dive/migrations/GeneratedHistoryTest.java";
        loop.project.put(path, """
                package com.example.dive.migrations;

                import org.divemap.migrations.test.MigrationTest;
                import org.divemap.migrations.test.StandardMigrationTests;

                @MigrationTest(database = "%s")
                public class GeneratedHistoryTest extends StandardMigrationTests {}
                """.formatted(migrationTestDatabase()));
        try {
            loop.compile();
            Class<?> testClass = loop.loader.loadClass("com.example.dive.migrations.GeneratedHistoryTest");
            return EngineTestKit.engine("junit-jupiter").selectors(DiscoverySelectors.selectClass(testClass))
                    .execute().allEvents();
        } finally {
            loop.project.delete(path);
        }
    }

    /** The {@code @MigrationTest(database)} of this database's server; empty for a private H2 database. */
    private String migrationTestDatabase() {
        return switch (database()) {
            case MYSQL, MARIADB -> "${DIVEMAP_TEST_MYSQL_URL:-" + TestDb.MYSQL_DEFAULT + "}";
            case POSTGRESQL -> "${DIVEMAP_TEST_POSTGRES_URL:-" + TestDb.POSTGRES_DEFAULT + "}";
            default -> "";
        };
    }

    /** Failed tests by "check / revision" (a walk's revision test sits under its check), with their messages. */
    private static Map<String, String> failures(Events tests) {
        Map<String, String> failures = new TreeMap<>();
        tests.failed().stream().forEach(event -> failures.put(name(event), event
                .getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("")));
        return failures;
    }

    private static List<String> names(Events events) {
        return events.stream().map(AutogenerateLoopTest::name).sorted().toList();
    }

    private static String name(Event event) {
        String name = event.getTestDescriptor().getDisplayName();
        return event.getTestDescriptor().getUniqueId().getLastSegment().getType().equals("dynamic-test")
                ? event.getTestDescriptor().getParent().map(p -> p.getDisplayName()).orElse("?") + " / " + name
                : name;
    }
}
