package org.divemap.migrations.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.graph.RevisionGraph;
import org.divemap.migrations.graph.RevisionNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryGenerationTest {

    static final String REGISTRY = "test.migrations.DivemapRevisionRegistry";
    static final List<String> HISTORY = List.of(
            "good/history/Initial.java",
            "good/history/AddMaxDepth.java",
            "good/history/AddCountryRegionFields.java",
            "good/history/AddPhotos.java",
            "good/history/AddRatings.java",
            "good/history/MergePhotosRatings.java",
            "good/history/DropLegacyTokens.java",
            "good/history/Holder.java",
            "good/history/reporting/ReportingViews.java");

    static List<JavaFileObject> history() {
        return HISTORY.stream().map(JavaFileObjects::forResource).collect(Collectors.toList());
    }

    static Compilation compile(List<JavaFileObject> sources) {
        return com.google.testing.compile.Compiler.javac().withProcessors(new RevisionProcessor()).compile(sources);
    }

    static String resource(String path) throws IOException {
        try (InputStream in = RegistryGenerationTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void validHistoryCompilesWithoutWarningsIntoTheExpectedRegistry() throws IOException {
        Compilation compilation = compile(history());
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile(REGISTRY)
                .contentsAsUtf8String()
                .isEqualTo(resource("expected/DivemapRevisionRegistry.java"));
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/org.divemap.migrations.RevisionRegistry")
                .contentsAsUtf8String()
                .isEqualTo(REGISTRY + "\n");
    }

    @Test
    void shuffledSourcesGiveIdenticalBytes() {
        String expected = registrySource(compile(history()));
        Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            List<JavaFileObject> shuffled = history();
            Collections.shuffle(shuffled, random);
            assertEquals(expected, registrySource(compile(shuffled)));
        }
    }

    @Test
    void registryOptionNamesTheGeneratedClass() {
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new RevisionProcessor())
                .withOptions("-Adivemap.registry=com.example.db.HistoryRegistry")
                .compile(history());
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.db.HistoryRegistry");
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/org.divemap.migrations.RevisionRegistry")
                .contentsAsUtf8String()
                .isEqualTo("com.example.db.HistoryRegistry\n");
    }

    @Test
    void generatedRegistryIsFoundByServiceLoaderAndCreatesMigrations(@TempDir Path classes) throws Exception {
        Compilation compilation = compile(history());
        assertThat(compilation).succeeded();
        try (URLClassLoader loader = load(compilation, classes)) {
            List<RevisionRegistry> registries = new ArrayList<>();
            ServiceLoader.load(RevisionRegistry.class, loader).forEach(registries::add);
            assertEquals(1, registries.size());
            List<RegisteredRevision> revisions = registries.get(0).revisions();
            assertEquals(List.of("0001_initial", "0002_add_max_depth", "0003_add_country_region_fields", "0004_add_photos",
                    "0004_add_ratings", "0005_merge", "0006_drop_legacy_tokens", "1001_reporting_views",
                    "1002_reporting_indexes"), revisions.stream().map(RegisteredRevision::id).toList());
            RegisteredRevision merge = revisions.get(5);
            assertEquals(List.of("0004_add_photos", "0004_add_ratings"), merge.revises());
            assertEquals("Merge photos and ratings", merge.message());
            assertEquals("test.migrations.MergePhotosRatings", merge.migrationClass());
            assertEquals(merge.migrationClass(), merge.newMigration().getClass().getName());
            RegisteredRevision views = revisions.get(7);
            assertEquals(List.of("reporting"), views.branchLabels());
            assertEquals(List.of("0003_add_country_region_fields"), views.dependsOn());
            assertEquals("test.migrations.Holder$ReportingIndexes", revisions.get(8).newMigration().getClass().getName());
            assertEquals("The legacy tokens are deleted; restore them from a backup.",
                    revisions.get(6).irreversibleReason());
            assertTrue(revisions.stream().filter(r -> r != revisions.get(6)).allMatch(RegisteredRevision::reversible));
            assertEquals("Add \"photos\" table", revisions.get(3).message());
        }
    }

    /**
     * The registry keeps each revision's attributes in one string literal: quotes, backslashes, line
     * breaks (JavaPoet breaks lines at U+2028 too), digits and colons in a message, a reason and a
     * label must come back exactly as written.
     */
    @Test
    void attributesWithAnyCharacterComeBackExactly(@TempDir Path classes) throws Exception {
        String message = "Say \\\"hi\\\" \\\\ to 12:34 -\\n\\ttab \\u2028 \\u0007 caf\\u00e9 \\uD83D\\uDE00 3:x";
        JavaFileObject base = JavaFileObjects.forSourceString("test.odd.Base", """
                package test.odd;
                import org.divemap.migrations.*;
                @Revision(id = "b1", message = "%s")
                @Irreversible(reason = "-")
                public final class Base implements Migration {
                    @Override public void upgrade(Operations op) { op.execute("SELECT 1"); }
                }
                """.formatted(message));
        JavaFileObject next = JavaFileObjects.forSourceString("test.odd.Next", """
                package test.odd;
                import org.divemap.migrations.*;
                @Revision(id = "n2", revises = "b1", branchLabels = {"x9", "y"}, message = "")
                public final class Next implements Migration {
                    @Override public void upgrade(Operations op) { op.execute("SELECT 1"); }
                    @Override public void downgrade(Operations op) { op.execute("SELECT 2"); }
                }
                """);
        Compilation compilation = compile(List.of(base, next));
        assertThat(compilation).succeededWithoutWarnings();
        try (URLClassLoader loader = load(compilation, classes)) {
            RevisionRegistry registry = ServiceLoader.load(RevisionRegistry.class, loader).findFirst().orElseThrow();
            List<RegisteredRevision> revisions = registry.revisions();
            assertEquals(2, revisions.size());
            RegisteredRevision b1 = revisions.get(0);
            assertEquals("b1", b1.id());
            assertEquals(List.of(), b1.revises());
            assertEquals("Say \"hi\" \\ to 12:34 -\n\ttab \u2028 \u0007 caf\u00e9 \uD83D\uDE00 3:x", b1.message());
            assertEquals("-", b1.irreversibleReason());
            assertEquals("test.odd.Base", b1.newMigration().getClass().getName());
            RegisteredRevision n2 = revisions.get(1);
            assertEquals(List.of("b1"), n2.revises());
            assertEquals(List.of("x9", "y"), n2.branchLabels());
            assertEquals(List.of(), n2.dependsOn());
            assertEquals("", n2.message());
            assertEquals(null, n2.irreversibleReason());
            assertTrue(n2.sourceDigest().matches("[0-9a-f]{64}"));
            assertEquals("test.odd.Next", n2.newMigration().getClass().getName());
        }
    }

    /**
     * The registry gives its heads, the version rows of a database with everything applied, without
     * reading its revisions; when a revision depends on a head, those are not the same, and it gives
     * none.
     */
    @Test
    void registryGivesItsHeadsUnlessARevisionDependsOnOne(@TempDir Path classes) throws Exception {
        try (URLClassLoader loader = load(compile(history()), classes)) {
            RevisionRegistry registry = ServiceLoader.load(RevisionRegistry.class, loader).findFirst().orElseThrow();
            assertEquals(List.of("0006_drop_legacy_tokens", "1002_reporting_indexes"), registry.heads());
            assertEquals(9, registry.revisions().size());
        }
        JavaFileObject main = JavaFileObjects.forSourceString("test.dep.Main", """
                package test.dep;
                import org.divemap.migrations.*;
                @Revision(id = "m1", branchLabels = "main")
                public final class Main implements Migration {
                    @Override public void upgrade(Operations op) { op.execute("SELECT 1"); }
                    @Override public void downgrade(Operations op) { op.execute("SELECT 2"); }
                }
                """);
        JavaFileObject side = JavaFileObjects.forSourceString("test.dep.Side", """
                package test.dep;
                import org.divemap.migrations.*;
                @Revision(id = "s1", branchLabels = "side")
                public final class Side implements Migration {
                    @Override public void upgrade(Operations op) { op.execute("SELECT 1"); }
                    @Override public void downgrade(Operations op) { op.execute("SELECT 2"); }
                }
                """);
        JavaFileObject next = JavaFileObjects.forSourceString("test.dep.Next", """
                package test.dep;
                import org.divemap.migrations.*;
                @Revision(id = "m2", revises = "m1", dependsOn = "s1")
                public final class Next implements Migration {
                    @Override public void upgrade(Operations op) { op.execute("SELECT 1"); }
                    @Override public void downgrade(Operations op) { op.execute("SELECT 2"); }
                }
                """);
        Compilation compilation = compile(List.of(main, side, next));
        assertThat(compilation).succeededWithoutWarnings();
        assertTrue(registrySource(compilation, "test.dep.DivemapRevisionRegistry").indexOf("heads()") < 0);
        try (URLClassLoader loader = load(compilation, classes.resolve("dep"))) {
            RevisionRegistry registry = ServiceLoader.load(RevisionRegistry.class, loader).findFirst().orElseThrow();
            assertEquals(null, registry.heads());
            assertEquals(3, registry.revisions().size());
        }
    }

    /** Writes the compilation's class output to a folder and opens a loader over it. */
    static URLClassLoader load(Compilation compilation, Path classes) throws IOException {
        for (JavaFileObject file : compilation.generatedFiles()) {
            String name = file.toUri().getPath();
            String marker = "/CLASS_OUTPUT/";
            int at = name.indexOf(marker);
            if (at < 0) {
                continue;
            }
            Path target = classes.resolve(name.substring(at + marker.length()));
            Files.createDirectories(target.getParent());
            try (InputStream in = file.openInputStream()) {
                Files.write(target, in.readAllBytes());
            }
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, RegistryGenerationTest.class.getClassLoader());
    }

    static String registrySource(Compilation compilation) {
        return registrySource(compilation, REGISTRY);
    }

    static String registrySource(Compilation compilation, String registry) {
        try {
            return compilation.generatedSourceFile(registry).orElseThrow().getCharContent(false).toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Runs the real javac with the test class path and no explicit processor, so the processor is
     * found through its META-INF/services entry, as in a build that lists it as a dependency.
     */
    static int javacWithDiscovery(Path out, List<String> fixtures, java.io.ByteArrayOutputStream log)
            throws IOException {
        Files.createDirectories(out.resolve("classes"));
        // -proc:full, as getting-started.md says: javac 23 and later run a processor found on the class path
        // only when annotation processing is switched on by name (javac 17.0.11 and later accept it)
        List<String> arguments = new ArrayList<>(List.of("-proc:full",
                "-classpath", System.getProperty("java.class.path"), "-d", out.resolve("classes").toString()));
        for (String path : fixtures) {
            Path copy = out.resolve("src").resolve(path);
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, resource(path));
            arguments.add(copy.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        return javac.run(null, log, log, arguments.toArray(String[]::new));
    }

    @Test
    void processorIsDiscoveredOnThePlainClasspath(@TempDir Path out) throws IOException {
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        assertEquals(0, javacWithDiscovery(out, HISTORY, log), log::toString);
        assertTrue(Files.exists(out.resolve("classes/test/migrations/DivemapRevisionRegistry.class")));
        assertEquals(REGISTRY + "\n",
                Files.readString(out.resolve("classes/META-INF/services/org.divemap.migrations.RevisionRegistry")));
    }

    @Test
    void invalidGraphWritesNoRegistry(@TempDir Path out) throws IOException {
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        int exit = javacWithDiscovery(out, List.of("bad/Country.java", "bad/unknown_parent/AddPhotos.java"), log);
        assertEquals(1, exit, log::toString);
        assertTrue(log.toString().contains("[Divemap/UnknownRevision]"), log::toString);
        try (java.util.stream.Stream<Path> files = Files.walk(out.resolve("classes"))) {
            assertEquals(List.of(), files.filter(f -> f.toString().contains("Registry")
                    || f.toString().contains("META-INF")).toList());
        }
    }

    /**
     * A 10,000-revision history with merges every 50 revisions and a labeled side branch every 500:
     * it compiles, and the registry lists every revision in the order of their ids.
     */
    @Test
    void largeHistoryCompiles(@TempDir Path classes) throws Exception {
        List<JavaFileObject> sources = new ArrayList<>();
        List<RevisionNode> nodes = LargeHistory.nodes(10_000);
        for (RevisionNode node : nodes) {
            sources.add(JavaFileObjects.forSourceString(LargeHistory.className(node.id()), LargeHistory.source(node)));
        }
        Compilation compilation = compile(sources);
        assertThat(compilation).succeededWithoutWarnings();
        assertTrue(!RevisionGraph.of(nodes).hasErrors());
        try (URLClassLoader loader = load(compilation, classes)) {
            RevisionRegistry registry = ServiceLoader.load(RevisionRegistry.class, loader).findFirst().orElseThrow();
            List<RegisteredRevision> revisions = registry.revisions();
            assertEquals(nodes.size(), revisions.size());
            assertEquals(nodes.stream().map(RevisionNode::id).sorted().toList(),
                    revisions.stream().map(RegisteredRevision::id).toList());
            RegisteredRevision last = revisions.get(revisions.size() - 1);
            assertEquals(last.migrationClass(), last.newMigration().getClass().getName());
        }
    }
}
