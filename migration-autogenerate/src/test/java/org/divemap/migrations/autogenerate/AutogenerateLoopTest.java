package org.divemap.migrations.autogenerate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
}
