package org.example.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data-sharing recipe of docs/production.md, run as written there: the application as
 * jars, a training run that migrates a scratch database and writes the archive at exit, then a start
 * with the archive. The second start must map it ({@code -Xshare:on} fails otherwise) and take
 * Divemap's classes from it.
 */
class ClassDataSharingTest {

    @Test
    void aStartWithTheTrainedArchiveTakesDivemapsClassesFromIt(@TempDir Path dir) throws Exception {
        List<String> classPath = new ArrayList<>();
        classPath.add(applicationJar(dir).toString()); // an archive holds no classes from folders
        for (String entry : testClassPath()) {
            String name = Path.of(entry).getFileName().toString();
            boolean testOnly = name.startsWith("junit-") || name.startsWith("opentest4j") || name.startsWith("apiguardian");
            if (name.endsWith(".jar") && !testOnly) {
                classPath.add(entry);
            }
        }
        String cp = String.join(File.pathSeparator, classPath);
        Path archive = dir.resolve("notes.jsa");

        String trained = run(dir, "jdbc:h2:file:" + dir.resolve("scratch") + ";DATABASE_TO_LOWER=TRUE",
                "-XX:ArchiveClassesAtExit=" + archive, "-cp", cp, NotesApp.class.getName(), "training");
        assertTrue(trained.contains("Migrated to [0001_create_notes]"), trained);
        assertTrue(Files.size(archive) > 0, "no archive written");

        Path loaded = dir.resolve("classes.txt");
        String started = run(dir, "jdbc:h2:file:" + dir.resolve("scratch") + ";DATABASE_TO_LOWER=TRUE",
                "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1",
                "-Xlog:class+load=info:file=" + loaded, "-cp", cp, NotesApp.class.getName());
        assertEquals("Schema up to date: [0001_create_notes]\n1. training\n", started);
        List<String> divemap = Files.readAllLines(loaded, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(" org.divemap.migrations.runtime.Divemap "))
                .toList();
        assertEquals(1, divemap.size(), () -> "Divemap loaded " + divemap.size() + " times: " + divemap);
        assertTrue(divemap.get(0).contains("shared objects file"), divemap.get(0));
    }

    /** The application's compiled classes, packed as {@code mvn package} would. */
    private static Path applicationJar(Path dir) {
        Path jar = dir.resolve("startup-app.jar");
        ToolProvider tool = ToolProvider.findFirst("jar").orElseThrow();
        int status = tool.run(System.out, System.err, "--create", "--file", jar.toString(), "-C",
                Path.of("target", "classes").toString(), ".");
        assertEquals(0, status, "jar failed");
        return jar;
    }

    /** The test's class path: Surefire names it in a property when it starts the JVM through a manifest jar. */
    private static List<String> testClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(path.split(File.pathSeparator));
    }

    /** Runs java with {@code arguments}, the database in NOTES_DB_URL; returns its output, which must end in exit 0. */
    private static String run(Path dir, String databaseUrl, String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(arguments));
        Path output = dir.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("NOTES_DB_URL", databaseUrl);
        Process process = builder.start();
        // generous: this guards against a hung JVM, it does not measure anything
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "java did not exit");
        String text = Files.readString(output, StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
        assertEquals(0, process.exitValue(), text);
        return text;
    }
}
