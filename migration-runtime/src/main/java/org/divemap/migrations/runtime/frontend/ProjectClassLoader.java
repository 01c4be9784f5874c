package org.divemap.migrations.runtime.frontend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The application's classes for one command: a new {@link URLClassLoader} over its class-path
 * entries (jars and class folders) with the front end's own loader as parent, set as the thread's
 * context class loader until {@link #close()}, which restores the previous one and closes the
 * loader. Nothing is added to the front end's own loader.
 *
 * <pre>{@code
 * try (ProjectClassLoader project = ProjectClassLoader.open(entries, getClass().getClassLoader())) {
 *     Divemap.configure().classLoader(project.loader())...
 * }
 * }</pre>
 */
public final class ProjectClassLoader implements AutoCloseable {

    private final URLClassLoader loader;
    private final Thread thread;
    private final ClassLoader previous;

    private ProjectClassLoader(URLClassLoader loader) {
        this.loader = loader;
        this.thread = Thread.currentThread();
        this.previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
    }

    /**
     * Opens a loader over these entries, in order, and makes it the current thread's context class
     * loader.
     */
    public static ProjectClassLoader open(List<Path> entries, ClassLoader parent) {
        Objects.requireNonNull(parent, "parent");
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries) {
            try {
                urls.add(entry.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("The class-path entry " + entry + " is not a path: "
                        + e.getMessage(), e);
            }
        }
        return new ProjectClassLoader(new URLClassLoader(urls.toArray(URL[]::new), parent));
    }

    /** The loader, to pass to {@code Configuration.classLoader}. */
    public ClassLoader loader() {
        return loader;
    }

    /**
     * Restores the thread's previous context class loader and closes this one.
     *
     * @throws UncheckedIOException if a jar could not be closed
     */
    @Override
    public void close() {
        thread.setContextClassLoader(previous);
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the application's class loader: " + e.getMessage(), e);
        }
    }
}
