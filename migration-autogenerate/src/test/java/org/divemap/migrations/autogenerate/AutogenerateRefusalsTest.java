package org.divemap.migrations.autogenerate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import org.divemap.migrations.Operations;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The golden source, the scratch schema, and every refusal: a clear message, and no file written. */
class AutogenerateRefusalsTest {

    @TempDir
    Path temp;

    private AutogenerateLoop loop(String name) throws Exception {
        AutogenerateLoop loop = new AutogenerateLoop(ModelProject.fromResources(temp.resolve(name)),
                TestDb.create(Operations.Database.H2, name));
        loop.compile();
        return loop;
    }

    @Test
    void theFirstRevisionOfTheTestModelIsTheGoldenFile() throws Exception {
        AutogenerateLoop loop = loop("golden");
        try (TestDb db = loop.db; ModelProject project = loop.project) {
            String expected = new String(getClass().getResourceAsStream("/expected/CreateTheDiveModel.java")
                    .readAllBytes(), StandardCharsets.UTF_8);
            GeneratedRevision first = loop.generate("create the dive model").orElseThrow();
            if (!expected.equals(first.source())) { // to review and copy over the expected file
                Files.writeString(Path.of("target", "CreateTheDiveModel.actual.java"), first.source());
            }
            assertEquals(expected, first.source());
            Path written = project.sources.resolve("com/example/dive/migrations/CreateTheDiveModel.java");
            assertEquals(expected, Files.readString(written));
        }
    }

    @Test
    void aDatabaseBehindHeadIsRefusedAndAScratchSchemaIsNot() throws Exception {
        AutogenerateLoop loop = loop("behind");
        try (TestDb db = loop.db; ModelProject project = loop.project) {
            loop.generate("create the dive model").orElseThrow();
            project.replace("com/example/dive/Diver.java", "    private boolean active;",
                    "    private boolean active;\n\n    private Integer weightKg;");
            loop.compile();
            Path target = project.sources.resolve("com/example/dive/migrations/AddWeight.java");
            try (Divemap divemap = loop.divemap()) {
                DivemapException behind = assertThrows(DivemapException.class, () -> Autogenerate.of(loop.model())
                        .revision(divemap, Autogenerate.RevisionRequest.of("add weight")));
                assertEquals(DivemapException.Kind.NOT_AT_HEAD, behind.kind());
                assertTrue(behind.getMessage().startsWith("The database is at base, not at head"
                        + " (0001_create_the_dive_model): 1 revision pending (0001_create_the_dive_model)."),
                        behind.getMessage());
                assertTrue(behind.getMessage().contains("scratch"), behind.getMessage());
                assertFalse(Files.exists(target));

                Optional<GeneratedRevision> scratch = Autogenerate.of(loop.model()).revision(divemap,
                        Autogenerate.RevisionRequest.of("add weight").scratch(true));
                assertEquals(List.of("op.addColumn(\"divers\", Column.of(\"weight_kg\", Type.integer()).nullable())"),
                        scratch.orElseThrow().changes());
                assertEquals(List.of("0001_create_the_dive_model"), scratch.get().revises());
            }
            try (Connection connection = db.connect(); ResultSet schemas = connection.getMetaData().getSchemas()) {
                while (schemas.next()) {
                    assertFalse(schemas.getString(1).toLowerCase().startsWith("divemap_scratch_"),
                            "the scratch schema is dropped: " + schemas.getString(1));
                }
            }
        }
    }

    @Test
    void entityClassesThatDoNotLoadAreRefused() throws Exception {
        AutogenerateLoop loop = loop("unloadable");
        try (TestDb db = loop.db; ModelProject project = loop.project; Divemap divemap = loop.divemap()) {
            AutogenerateException e = assertThrows(AutogenerateException.class, () -> Autogenerate
                    .of(loop.model().classes("com.example.dive.Gone"))
                    .revision(divemap, Autogenerate.RevisionRequest.of("first").packageName("com.example.db")));
            assertTrue(e.getMessage().startsWith("The entity class com.example.dive.Gone could not be loaded"
                    + " (java.lang.ClassNotFoundException: com.example.dive.Gone). Compile the project first"),
                    e.getMessage());
            assertFalse(Files.exists(project.sources.resolve("com/example/db")));
        }
    }

    @Test
    void aProjectWithoutMigrationsNeedsAPackage() throws Exception {
        AutogenerateLoop loop = loop("nopackage");
        try (TestDb db = loop.db; ModelProject project = loop.project; Divemap divemap = loop.divemap()) {
            AutogenerateException e = assertThrows(AutogenerateException.class, () -> Autogenerate.of(loop.model())
                    .revision(divemap, Autogenerate.RevisionRequest.of("first")));
            assertEquals("No migrations package found: this project has no migration yet, so the package of the new"
                    + " one is unknown. Give it: -Ddivemap.packageName=com.example.db.migrations (Maven) or"
                    + " --package-name com.example.db.migrations (command line).", e.getMessage());
        }
    }

    @Test
    void noEntitiesIsNoModelForCheckAndARefusalForAutogenerate() throws Exception {
        AutogenerateLoop loop = loop("noentities");
        try (TestDb db = loop.db; ModelProject project = loop.project; Divemap divemap = loop.divemap()) {
            EntityModel none = EntityModel.of(loop.loader).classRoots(List.of(loop.project.classes()))
                    .packages("com.example.nothing");
            assertEquals(Optional.empty(), divemap.atHead(schema -> Autogenerate.of(none).differences(schema)));
            AutogenerateException e = assertThrows(AutogenerateException.class, () -> Autogenerate.of(none)
                    .revision(divemap, Autogenerate.RevisionRequest.of("first").packageName("com.example.db")));
            assertTrue(e.getMessage().startsWith("No @Entity classes found in packages com.example.nothing."),
                    e.getMessage());
        }
    }
}
