package org.divemap.migrations.autogenerate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A migration autogenerate wrote: its id, where it goes, what it changes, and its source.
 *
 * @param id the revision id
 * @param packageName the package of the class
 * @param className the simple name of the class
 * @param revises the revisions it revises: the head it continues (none for the first revision)
 * @param changes each change as its {@code upgrade} states it, in order
 * @param source the Java source
 */
public record GeneratedRevision(String id, String packageName, String className, List<String> revises,
        List<String> changes, String source) {

    public GeneratedRevision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(className, "className");
        revises = List.copyOf(revises);
        changes = List.copyOf(changes);
        Objects.requireNonNull(source, "source");
    }

    /** Where the file goes under a source root: {@code com/example/db/AddPhone.java}. */
    public Path path(Path sourceRoot) {
        Path dir = packageName.isEmpty() ? sourceRoot : sourceRoot.resolve(packageName.replace('.', '/'));
        return dir.resolve(className + ".java");
    }

    /**
     * Writes the source under {@code sourceRoot}; never overwrites a file.
     *
     * @return the file written
     * @throws AutogenerateException when the file exists already
     */
    public Path write(Path sourceRoot) throws IOException {
        Path path = path(sourceRoot);
        if (Files.exists(path)) {
            throw new AutogenerateException(path + " already exists; it was not overwritten. Choose another message"
                    + " (the class name comes from it).");
        }
        Files.createDirectories(path.getParent());
        Files.writeString(path, source, StandardCharsets.UTF_8);
        return path;
    }
}
