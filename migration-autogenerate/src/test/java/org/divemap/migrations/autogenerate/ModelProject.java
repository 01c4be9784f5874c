package org.divemap.migrations.autogenerate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.divemap.migrations.processor.RevisionProcessor;

/**
 * A small application in a temporary folder: entity sources (which tests edit), the migrations
 * autogenerate writes, and a fresh compilation of both with javac in process and the revision
 * processor, as {@code mvn compile} would do.
 */
final class ModelProject implements AutoCloseable {

    final Path root;
    final Path sources;
    private final Map<String, String> files = new TreeMap<>();
    private int builds;
    private URLClassLoader loader;

    ModelProject(Path root) throws IOException {
        this.root = root;
        this.sources = Files.createDirectories(root.resolve("src"));
    }

    /** Copies the entity sources under test resource folder {@code model/}. */
    static ModelProject fromResources(Path root) throws IOException, URISyntaxException {
        ModelProject project = new ModelProject(root);
        Path model = Path.of(ModelProject.class.getResource("/model").toURI());
        try (Stream<Path> walk = Files.walk(model)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                project.put(model.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        return project;
    }

    void put(String path, String content) throws IOException {
        files.put(path, content);
        Path file = sources.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    String get(String path) {
        String content = files.get(path);
        if (content == null) {
            throw new IllegalArgumentException("no source " + path);
        }
        return content;
    }

    /** Replaces {@code from} (which must occur) with {@code to} in {@code path}. */
    void replace(String path, String from, String to) throws IOException {
        String content = get(path);
        if (!content.contains(from)) {
            throw new IllegalArgumentException(path + " does not contain " + from);
        }
        put(path, content.replace(from, to));
    }

    void delete(String path) throws IOException {
        files.remove(path);
        Files.delete(sources.resolve(path));
    }

    /**
     * Compiles every source into a new class folder and returns a loader over it; a
     * {@code @MigrationTest} class compiles too.
     */
    ClassLoader compile() throws IOException {
        close();
        Path classes = Files.createDirectories(root.resolve("classes" + (++builds)));
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(sources)) {
            walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(all::add);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager manager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = manager.getJavaFileObjectsFromPaths(all);
            List<String> options = List.of("-d", classes.toString(), "-classpath", classPath(), "--release", "17",
                    "-Xlint:none");
            JavaCompiler.CompilationTask task = javac.getTask(out, manager, null, options, null, units);
            task.setProcessors(List.of(new RevisionProcessor()));
            if (!task.call()) {
                throw new IllegalStateException("The project does not compile:\n" + out);
            }
        }
        lastClasses = classes;
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ModelProject.class.getClassLoader());
        return loader;
    }

    Path lastClasses;

    Path classes() {
        return lastClasses;
    }

    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(jakarta.persistence.Entity.class, org.hibernate.annotations.Comment.class,
                org.divemap.migrations.Revision.class, org.divemap.migrations.test.MigrationTest.class,
                org.junit.jupiter.api.Test.class, org.apiguardian.api.API.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    @Override
    public void close() throws IOException {
        if (loader != null) {
            loader.close();
            loader = null;
        }
    }

    static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
