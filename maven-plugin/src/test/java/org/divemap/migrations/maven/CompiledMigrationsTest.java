package org.divemap.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the goals say when the compiled registry is missing or older than the migrations: after a
 * failed compile, the compile is to blame, not the processor's set-up. File times are set explicitly.
 */
class CompiledMigrationsTest {

    private static final Instant COMPILED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant EDITED = Instant.parse("2026-12-01T11:00:00Z");

    @TempDir
    Path project;

    private Path source(String name, String body, Instant time) throws IOException {
        Path file = project.resolve("src/main/java/com/example/db/" + name + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package com.example.db;\n\nimport org.divemap.migrations.*;\n\n" + body + "\n");
        Files.setLastModifiedTime(file, FileTime.from(time));
        return file;
    }

    private Path migration(String name, String id, String revises, Instant time) throws IOException {
        return source(name, "@Revision(id = \"" + id + "\"" + (revises == null ? "" : ", revises = \"" + revises + "\"")
                + ")\npublic final class " + name + " implements Migration {}", time);
    }

    private void compiled(String name, Instant time) throws IOException {
        Path file = project.resolve("target/classes/com/example/db/" + name + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {(byte) 0xCA, (byte) 0xFE});
        Files.setLastModifiedTime(file, FileTime.from(time));
    }

    private void registry() throws IOException {
        Path file = project.resolve("target/classes/" + CompiledMigrations.SERVICE_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "com.example.db.DivemapRevisionRegistry\n");
    }

    private CompiledMigrations inspect() {
        return CompiledMigrations.inspect(project, List.of(project.resolve("src/main/java"),
                project.resolve("target/generated-sources/annotations")), project.resolve("target/classes"));
    }

    @Test
    void aFailedFirstCompileIsBlamedNotTheProcessor() throws IOException {
        // the compile of two conflicting heads failed: javac wrote no class and no registry
        migration("Initial", "0001_initial", null, EDITED);
        migration("AddPhotos", "0002_add_photos", "0001_initial", EDITED);
        migration("AddRatings", "0002_add_ratings", "0001_initial", EDITED);
        source("Helper", "public final class Helper {}", EDITED);

        CompiledMigrations compiled = inspect();
        assertEquals(3, compiled.sources().size());
        assertEquals("The compiled revision registry is missing: 3 migrations (AddPhotos.java, AddRatings.java,"
                + " Initial.java) have no compiled class (in target/classes). The last mvn compile failed, or has not"
                + " run since (the goals read the compiled registry; they do not compile). Run mvn compile and fix"
                + " what it reports: two heads on one line of history fail it with [Divemap/BranchConflict], whose"
                + " message gives the merge revision to paste. Then run mvn compile divemap:merge.",
                compiled.noRegistry("merge"));
        assertTrue(!compiled.noRegistry("merge").contains("annotationProcessorPaths"));
    }

    @Test
    void aMigrationEditedAfterTheLastGoodCompileMakesTheRegistryOutOfDate() throws IOException {
        migration("Initial", "0001_initial", null, COMPILED);
        Path ratings = migration("AddRatings", "0002_add_ratings", "0001_initial", EDITED);
        compiled("Initial", COMPILED);
        compiled("AddRatings", COMPILED);
        registry();

        String text = inspect().outOfDate("revision");
        assertTrue(text.startsWith("The compiled revision registry is out of date: "
                + project.relativize(ratings) + " changed after it was last compiled (in target/classes). The last"
                + " mvn compile failed, or has not run since"), text);
        assertTrue(text.endsWith("Then run mvn compile divemap:revision."), text);
    }

    @Test
    void sourcesInAnotherEncodingThanUtf8AreRead() throws IOException {
        Path latin1 = project.resolve("src/main/java/com/example/db/Initial.java");
        Files.createDirectories(latin1.getParent());
        Files.write(latin1, ("package com.example.db;\n// caf\u00e9\n@Revision(id = \"0001_initial\")\npublic final class"
                + " Initial implements Migration {}\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(List.of(latin1), inspect().neverCompiled());
    }

    @Test
    void upToDateClassesSayNothing() throws IOException {
        migration("Initial", "0001_initial", null, COMPILED);
        compiled("Initial", EDITED);
        registry();
        assertNull(inspect().outOfDate("upgrade"));
    }

    @Test
    void compiledMigrationsWithoutARegistryMeanTheProcessorDidNotRun() throws IOException {
        migration("Initial", "0001_initial", null, COMPILED);
        compiled("Initial", EDITED);
        String text = inspect().noRegistry("upgrade");
        assertTrue(text.startsWith("No revision registry found: target/classes holds the compiled migrations"
                + " (Initial.java) but no META-INF/services/org.divemap.migrations.RevisionRegistry, so"
                + " migration-processor did not run"), text);
        assertTrue(text.contains("<annotationProcessorPaths>"), text);
        assertTrue(text.contains("javac 23 and later no longer run a processor that is only on the class path"), text);
    }

    @Test
    void aProjectWithoutMigrationsIsToldWhereToRunTheGoal() throws IOException {
        source("Helper", "public final class Helper {}", EDITED);
        CompiledMigrations compiled = inspect();
        assertEquals(List.of(), compiled.sources());
        assertTrue(compiled.noRegistry("heads").startsWith("No revision registry found: no source file of this"
                + " project declares a @Revision"), compiled.noRegistry("heads"));
    }

    @Test
    void downgradeWithoutATargetSaysWhichPropertyToGive() {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> new DowngradeMojo().execute());
        assertEquals("divemap:downgrade needs a target: give -Ddivemap.target (e.g. -1 for the last revision, base"
                + " for all of them, or a revision id), or <target> in the plugin's <configuration>.", e.getMessage());
    }

    @Test
    void stampAndRevisionSayWhatToGiveToo() {
        assertTrue(assertThrows(MojoFailureException.class, () -> new StampMojo().execute()).getMessage()
                .startsWith("divemap:stamp needs a target: give -Ddivemap.target"));
        assertTrue(assertThrows(MojoFailureException.class, () -> new RevisionMojo().execute()).getMessage()
                .startsWith("divemap:revision needs a message: give -Ddivemap.message="));
    }
}
