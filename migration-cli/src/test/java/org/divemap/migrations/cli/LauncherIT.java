package org.divemap.migrations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the {@code divemap} launcher script (src/main/sh/divemap) as users install it, beside the real
 * jar, against a real database: the first run builds the class-data-sharing archive in the cache
 * directory, the next one maps it ({@code -Xshare:on} makes the JVM fail if it cannot), and neither
 * a stale archive nor the JVM's messages about one reach the output. No timing.
 */
class LauncherIT {

    private static final Path SCRIPT = Path.of("src", "main", "sh", "divemap");
    private static final Path JAR = Path.of("target", "divemap-cli.jar");
    private static final String CLASSES = Path.of("target", "test-classes").toAbsolutePath().toString();

    private final List<Path> links = new ArrayList<>();

    /** The launcher and a link to the jar in one folder, as an installation has them. */
    private Path install(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("opt"));
        Files.copy(SCRIPT, bin.resolve("divemap"));
        links.add(Files.createSymbolicLink(bin.resolve("divemap-cli.jar"), JAR.toAbsolutePath()));
        return bin.resolve("divemap");
    }

    private final List<String> mariaDbUrls = new ArrayList<>();

    /** A new MariaDB database, dropped after the test. */
    private String mariaDb(Path dir) throws Exception {
        String url = DivemapCliIT.database("mariadb", dir);
        mariaDbUrls.add(url);
        return url;
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Path link : links) {
            Files.deleteIfExists(link); // before JUnit's clean-up, which warns about links leaving the folder
        }
        for (String url : mariaDbUrls) {
            String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + name);
            }
        }
    }

    private static DivemapCliIT.Run divemap(Path launcher, Map<String, String> env, Path dir, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DIVEMAP_") || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) { // a guard against a hang, not a measure of speed
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish: " + String.join(" ", args));
        }
        return new DivemapCliIT.Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> files(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The one file a run left in {@code cache}: the archive it built, and nothing left over. */
    private static String onlyArchive(Path cache) throws IOException {
        List<String> built = files(cache);
        assertEquals(1, built.size(), "one archive and nothing left over: " + built);
        return built.get(0);
    }

    /** {@code current} through the launcher: at head, and not a word on standard error. */
    private static void assertQuietCurrent(Path launcher, Map<String, String> env, Path dir) throws Exception {
        DivemapCliIT.Run current = divemap(launcher, env, dir, "current", "--classpath", CLASSES);
        assertEquals(0, current.exit(), current.out() + current.err());
        assertEquals("0002_name (head)\n", current.out());
        assertEquals("", current.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void firstRunBuildsTheArchiveAndTheNextMapsIt(String kind, @TempDir Path dir) throws Exception {
        Path launcher = install(dir);
        Path cache = dir.resolve("cache");
        Map<String, String> env = new HashMap<>(Map.of("DIVEMAP_URL", kind.equals("mariadb") ? mariaDb(dir)
                : DivemapCliIT.database(kind, dir),
                "DIVEMAP_CDS_DIR", cache.toString()));

        DivemapCliIT.Run first = divemap(launcher, env, dir, "upgrade", "head", "--classpath", CLASSES, "--json");
        assertEquals(0, first.exit(), first.out() + first.err());
        JsonObject upgrade = JsonParser.parseString(first.out()).getAsJsonObject(); // nothing else on stdout
        assertEquals("0002_name", upgrade.getAsJsonArray("versionAfter").get(0).getAsString());
        // Java 25 and later: an AOT cache, whose training run the JVM ends with a line of its own
        boolean aot = Runtime.version().feature() >= 25;
        String recorded = " AOTConfiguration recorded: ";
        assertEquals(aot ? 1 : 0, first.err().lines().filter(l -> l.startsWith(recorded)).count(), first.err());
        assertEquals(List.of("Upgrade to head: 2 revisions to run", "  upgrade   0001_items ...",
                "  upgrade   0002_name ..."), first.err().lines().filter(l -> !l.contains("upgraded")
                        && !l.startsWith(recorded)).toList());
        String archive = onlyArchive(cache);
        assertTrue(archive.startsWith("divemap-cli-") && archive.endsWith(aot ? ".aot" : ".jsa"), archive);

        Path classes = dir.resolve("classes.log");
        // a run that cannot map the archive fails instead of running without it
        env.put("DIVEMAP_JAVA_OPTS", (aot ? "-XX:AOTMode=on" : "-Xshare:on") + " -Xlog:class+load=info:file=" + classes);
        assertQuietCurrent(launcher, env, dir);
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("org.divemap.migrations.cli.DivemapCli source: shared objects file"), loaded);
        // picocli's classes are of class-file version 49, which only a static archive can hold
        assertEquals(!aot, loaded.contains("picocli.CommandLine source: shared objects file"), loaded);
        assertEquals(List.of(archive), files(cache));

        // an archive that no longer matches (a JDK patched in place, a disk error): ignored, quietly
        Files.write(cache.resolve(archive), "not an archive".repeat(300).getBytes(StandardCharsets.US_ASCII));
        env.remove("DIVEMAP_JAVA_OPTS");
        assertQuietCurrent(launcher, env, dir);
    }

    @Test
    void aStaleArchiveIsIgnoredQuietly(@TempDir Path dir) throws Exception {
        Path launcher = install(dir);
        Path archive = dir.resolve("images").resolve("divemap-cli.jsa");
        Files.createDirectories(archive.getParent());
        // an archive of another build: the header of a file the JVM does not accept
        Files.write(archive, "not a class-data-sharing archive".repeat(100).getBytes(StandardCharsets.US_ASCII));
        Map<String, String> env = Map.of("DIVEMAP_URL", DivemapCliIT.database("h2", dir),
                "DIVEMAP_CDS_ARCHIVE", archive.toString());

        DivemapCliIT.Run up = divemap(launcher, env, dir, "upgrade", "head", "--classpath", CLASSES, "--json");
        assertEquals(0, up.exit(), up.out() + up.err());
        assertTrue(JsonParser.parseString(up.out()).getAsJsonObject().get("ok").getAsBoolean(), up.out());
        assertFalse(up.err().contains("cds") || up.err().contains("warning") || up.err().contains("error"), up.err());

        assertQuietCurrent(launcher, env, dir);
    }

    /** The user's own class-data-sharing options: a static archive on every Java (25 refuses them beside an AOT cache). */
    @Test
    void sharingOptionsOfTheUsersKeepTheStaticArchive(@TempDir Path dir) throws Exception {
        Path launcher = install(dir);
        Path cache = dir.resolve("cache");
        Map<String, String> env = Map.of("DIVEMAP_URL", DivemapCliIT.database("h2", dir),
                "DIVEMAP_CDS_DIR", cache.toString(), "DIVEMAP_JAVA_OPTS", "-Xshare:auto");

        DivemapCliIT.Run up = divemap(launcher, env, dir, "upgrade", "head", "--classpath", CLASSES);
        assertEquals(0, up.exit(), up.out() + up.err());
        assertTrue(up.out().contains("Now at: 0002_name"), up.out());
        String archive = onlyArchive(cache);
        assertTrue(archive.endsWith(".jsa"), archive);
        assertQuietCurrent(launcher, env, dir);
    }

    /** An early-access JDK's version ("25-ea") is read as its feature release, as "25.0.3" is. */
    @Test
    void anEarlyAccessJdkGetsTheArchiveOfItsRelease(@TempDir Path dir) throws Exception {
        Path launcher = install(dir);
        int feature = Runtime.version().feature();
        Path home = dir.resolve("jdk-" + feature + "-ea"); // this JDK under another name and version
        Files.createDirectories(home.resolve("bin"));
        links.add(Files.createSymbolicLink(home.resolve("bin").resolve("java"),
                Path.of(System.getProperty("java.home"), "bin", "java")));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + feature + "-ea\"\n");
        Path cache = dir.resolve("cache");
        Map<String, String> env = Map.of("DIVEMAP_URL", DivemapCliIT.database("h2", dir),
                "DIVEMAP_CDS_DIR", cache.toString(), "JAVA_HOME", home.toString());

        DivemapCliIT.Run up = divemap(launcher, env, dir, "upgrade", "head", "--classpath", CLASSES);
        assertEquals(0, up.exit(), up.out() + up.err());
        String archive = onlyArchive(cache);
        assertTrue(archive.startsWith("divemap-cli-" + feature + "-ea-"), archive);
        assertTrue(archive.endsWith(feature >= 25 ? ".aot" : ".jsa"), archive);
        assertQuietCurrent(launcher, env, dir);
    }

    @Test
    void helpBuildsNoArchiveAndOffRunsThePlainJar(@TempDir Path dir) throws Exception {
        Path launcher = install(dir);
        Path cache = dir.resolve("cache");

        DivemapCliIT.Run help = divemap(launcher, Map.of("DIVEMAP_CDS_DIR", cache.toString()), dir, "--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("upgrade"), help.out());
        assertEquals(List.of(), files(cache));

        Map<String, String> off = Map.of("DIVEMAP_CDS", "off", "DIVEMAP_CDS_DIR", cache.toString(),
                "DIVEMAP_URL", DivemapCliIT.database("h2", dir));
        DivemapCliIT.Run up = divemap(launcher, off, dir, "upgrade", "head", "--classpath", CLASSES);
        assertEquals(0, up.exit(), up.err());
        assertTrue(up.out().contains("Now at: 0002_name"), up.out());
        assertFalse(Files.exists(cache));

        DivemapCliIT.Run failing = divemap(launcher, Map.of("DIVEMAP_CDS_DIR", cache.toString(),
                "DIVEMAP_URL", "jdbc:h2:file:" + dir.resolve("other")), dir, "upgrade", "nowhere", "--classpath",
                CLASSES);
        assertEquals(2, failing.exit(), failing.err());
        assertTrue(files(cache).stream().noneMatch(f -> f.endsWith(".jsa")), "a failed run trains nothing");
    }

    /** What migration-cli/Dockerfile does at image build time, without Docker: the same script and files. */
    @Test
    void theImagesArchiveIsBuiltWithoutADatabaseAndUsedByTheLauncher(@TempDir Path dir) throws Exception {
        Path launcher = install(dir);
        Path training = dir.resolve("training");
        Path fixtures = Path.of("target", "test-classes", "org", "divemap", "migrations", "cli", "fixtures");
        Path services = Path.of("target", "test-classes", "META-INF", "services");
        for (Path from : List.of(fixtures, services)) {
            Path to = training.resolve(Path.of("target", "test-classes").relativize(from));
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.toList()) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
        Path archive = dir.resolve("divemap-cli.jsa");
        ProcessBuilder build = new ProcessBuilder("sh", Path.of("src", "main", "sh", "divemap-cds-archive").toString(),
                launcher.resolveSibling("divemap-cli.jar").toString(), training.toString(), archive.toString())
                .redirectErrorStream(true);
        build.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = build.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(Files.size(archive) > 0, output);

        Path classes = dir.resolve("classes.log");
        Map<String, String> env = Map.of("DIVEMAP_URL", mariaDb(dir),
                "DIVEMAP_CDS_ARCHIVE", archive.toString(),
                "DIVEMAP_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + classes);
        DivemapCliIT.Run up = divemap(launcher, env, dir, "upgrade", "head", "--classpath", CLASSES, "--json");
        assertEquals(0, up.exit(), up.out() + up.err());
        assertTrue(JsonParser.parseString(up.out()).getAsJsonObject().get("ok").getAsBoolean(), up.out());
        String loaded = Files.readString(classes);
        for (String shared : List.of("picocli.CommandLine", "org.divemap.migrations.runtime.Divemap",
                "com.mysql.cj.jdbc.Driver")) {
            assertTrue(loaded.contains(shared + " source: shared objects file"), shared + " in\n" + loaded);
        }
    }
}
