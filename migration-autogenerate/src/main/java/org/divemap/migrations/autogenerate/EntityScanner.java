package org.divemap.migrations.autogenerate;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;

/**
 * Finds the {@code @Entity} classes among compiled classes by indexing their bytecode with Jandex,
 * as Hibernate's own scanner does: nothing is loaded or initialised while looking.
 */
final class EntityScanner {

    private static final DotName ENTITY = DotName.createSimple("jakarta.persistence.Entity");

    private EntityScanner() {}

    /**
     * The entity classes under {@code roots} (class folders and jars) whose package is one of
     * {@code packages} or below it (any package when the list is empty), sorted by name.
     */
    static List<String> entities(List<Path> roots, List<String> packages) {
        Indexer indexer = new Indexer();
        for (Path root : roots) {
            try {
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                            if (inPackages(root.relativize(file).toString().replace('\\', '/'), packages)) {
                                try (InputStream in = Files.newInputStream(file)) {
                                    indexer.index(in);
                                }
                            }
                        }
                    }
                } else if (Files.isRegularFile(root) && root.toString().endsWith(".jar")) {
                    try (JarFile jar = new JarFile(root.toFile())) {
                        Enumeration<JarEntry> entries = jar.entries();
                        while (entries.hasMoreElements()) {
                            JarEntry entry = entries.nextElement();
                            if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")
                                    && inPackages(entry.getName(), packages)) {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    indexer.index(in);
                                }
                            }
                        }
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new AutogenerateException("Could not read the compiled classes in " + root + ": " + e.getMessage()
                        + ". Rebuild the project (mvn clean compile) and try again.", e);
            }
        }
        Index index = indexer.complete();
        Set<String> names = new TreeSet<>();
        for (AnnotationInstance entity : index.getAnnotations(ENTITY)) {
            if (entity.target().kind() == org.jboss.jandex.AnnotationTarget.Kind.CLASS) {
                names.add(entity.target().asClass().name().toString());
            }
        }
        return List.copyOf(names);
    }

    private static boolean inPackages(String classFile, List<String> packages) {
        if (packages.isEmpty()) {
            return !classFile.endsWith("module-info.class");
        }
        String name = classFile.replace('/', '.');
        return packages.stream().anyMatch(p -> name.startsWith(p + "."));
    }

    /** The class folders and jars that hold {@code packages}, as {@code loader} sees them. */
    static List<Path> rootsOf(ClassLoader loader, List<String> packages) {
        Set<Path> roots = new LinkedHashSet<>();
        for (String pkg : packages) {
            String path = pkg.replace('.', '/');
            try {
                Enumeration<URL> urls = loader.getResources(path);
                while (urls.hasMoreElements()) {
                    roots.add(root(urls.nextElement(), path));
                }
            } catch (IOException | URISyntaxException e) {
                throw new AutogenerateException("Could not find package " + pkg + " on the class path: "
                        + e.getMessage(), e);
            }
        }
        roots.remove(null);
        return new ArrayList<>(roots);
    }

    /** The class folder or jar a resource URL for {@code path} comes from. */
    static Path root(URL url, String path) throws URISyntaxException {
        String text = url.toString();
        if (text.startsWith("jar:file:")) {
            return Path.of(new java.net.URI(text.substring(4, text.indexOf("!/"))));
        }
        if (text.startsWith("file:")) {
            Path found = Path.of(url.toURI());
            for (int i = path.isEmpty() ? 0 : path.split("/").length; i > 0; i--) {
                found = found.getParent();
            }
            return found;
        }
        return null;
    }
}
