package org.divemap.migrations.autogenerate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.divemap.migrations.Operations;
import org.divemap.migrations.runtime.CheckResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on one database: generate the first revision from an empty database, upgrade,
 * check; then scripted model edits, each generated, compiled, applied, checked and undone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
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
    void generatesTheFirstRevisionFromAnEmptyDatabase() throws Exception {
        Optional<GeneratedRevision> first = loop.generate("create the dive model");
        assertTrue(first.isPresent());
        System.out.println(first.get().source());
        loop.upgrade();
        CheckResult check = loop.check();
        assertEquals(java.util.List.of(), check.modelDifferences(), check.toString());
        assertTrue(check.ok(), check.toString());
    }
}
