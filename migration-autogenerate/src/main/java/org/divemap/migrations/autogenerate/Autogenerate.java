package org.divemap.migrations.autogenerate;

import com.palantir.javapoet.JavaFile;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.SchemaAtHead;

/**
 * Alembic's {@code revision --autogenerate} for JPA: reads the entities through Hibernate's boot
 * metamodel, compares them with the schema at head, and writes the migration that brings the one to
 * the other.
 *
 * <pre>{@code
 * try (Divemap divemap = Divemap.configure().dataSource(url, user, password).classLoader(loader).load()) {
 *     Optional<GeneratedRevision> revision = Autogenerate.of(EntityModel.of(loader).packages("com.example.domain"))
 *             .revision(divemap, RevisionRequest.of("add phone to users"));
 *     revision.ifPresent(r -> r.write(Path.of("src/main/java")));   // empty: no changes detected
 * }
 * }</pre>
 */
public final class Autogenerate {

    private final EntityModel model;

    private Autogenerate(EntityModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** Autogenerate for the entities {@code model} describes. */
    public static Autogenerate of(EntityModel model) {
        return new Autogenerate(model);
    }

    /**
     * What a revision would request: its message, and optionally its package, its id, the branch
     * label whose head it continues, and whether to compare with a scratch schema.
     *
     * @param message what the revision does; also its id's slug and class name
     * @param packageName the package of the new class, or null for the existing migrations' package
     * @param revisionId the id, or null for a fresh one
     * @param branch the branch label whose head it revises, or null for the single head
     * @param scratch compare with a scratch schema that the history is applied to, instead of the
     *     configured database (which then must be at head)
     */
    public record RevisionRequest(String message, String packageName, String revisionId, String branch,
            boolean scratch) {
        public RevisionRequest {
            if (message == null || message.isBlank()) {
                throw new IllegalArgumentException("a revision needs a message, e.g. \"add phone to users\"");
            }
        }

        /** A request with only a message: the existing package, a fresh id, the single head, the configured database. */
        public static RevisionRequest of(String message) {
            return new RevisionRequest(message, null, null, null, false);
        }

        public RevisionRequest packageName(String packageName) {
            return new RevisionRequest(message, packageName, revisionId, branch, scratch);
        }

        public RevisionRequest revisionId(String revisionId) {
            return new RevisionRequest(message, packageName, revisionId, branch, scratch);
        }

        public RevisionRequest branch(String branch) {
            return new RevisionRequest(message, packageName, revisionId, branch, scratch);
        }

        public RevisionRequest scratch(boolean scratch) {
            return new RevisionRequest(message, packageName, revisionId, branch, scratch);
        }
    }

    /**
     * Compares the entities with the schema at head and writes the next revision's source.
     *
     * @return the revision, or empty when the entities and the schema agree (no changes detected)
     * @throws AutogenerateException when no entities are found or they do not load, no package is
     *     known for the new class, or the graph has several heads and no branch was named
     * @throws DivemapException {@code NOT_AT_HEAD} when the configured database is behind head
     */
    public Optional<GeneratedRevision> revision(Divemap divemap, RevisionRequest request) {
        List<String> heads = heads(divemap, request);
        String pkg = packageName(divemap, request);
        EntityReader reader = new EntityReader(model);
        List<String> entities = reader.entityClasses();
        if (entities.isEmpty()) {
            throw new AutogenerateException("No @Entity classes found" + where()
                    + ". Compile the project first (mvn compile), or say where the entities are"
                    + " (the entity packages, or a persistence.xml).");
        }
        List<Change> changes = request.scratch() ? divemap.inScratchSchema(schema -> changes(reader, entities, schema))
                : divemap.atHead(schema -> changes(reader, entities, schema));
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(generated(divemap, request, heads, pkg, changes));
    }

    /**
     * A revision with empty {@code upgrade} and {@code downgrade} (comments say what goes there), as
     * {@code alembic revision -m} writes it without {@code --autogenerate}. Needs no entities and no
     * database.
     *
     * @throws AutogenerateException when no package is known for the new class, or the graph has
     *     several heads and no branch was named
     */
    public static GeneratedRevision blankRevision(Divemap divemap, RevisionRequest request) {
        return generated(divemap, request, heads(divemap, request), packageName(divemap, request), List.of());
    }

    private static GeneratedRevision generated(Divemap divemap, RevisionRequest request, List<String> heads,
            String pkg, List<Change> changes) {
        List<RegisteredRevision> existing = divemap.revisionMap().revisions();
        String id = request.revisionId() != null ? request.revisionId()
                : RevisionNames.freshId(existing.stream().map(RegisteredRevision::id).toList(), request.message());
        String className = RevisionNames.className(RevisionNames.slug(request.message()), id);
        JavaFile file = MigrationWriter.write(pkg, className, id, heads, request.message(), changes);
        return new GeneratedRevision(id, pkg, className, heads, changes.stream().map(Change::describe).toList(),
                file.toString());
    }

    private static List<String> heads(Divemap divemap, RevisionRequest request) {
        List<String> heads = request.branch() != null ? divemap.revisionMap().resolve(request.branch() + "@heads")
                : divemap.revisionMap().heads();
        if (heads.size() > 1) {
            throw new AutogenerateException("There are " + heads.size() + " heads (" + String.join(", ", heads)
                    + "). Say which line the revision continues with a branch label, or join them first with a merge"
                    + " revision.");
        }
        return heads;
    }

    private static String packageName(Divemap divemap, RevisionRequest request) {
        String pkg = request.packageName() != null ? request.packageName()
                : RevisionNames.commonPackage(divemap.revisionMap().revisions().stream()
                        .map(RegisteredRevision::migrationClass).toList());
        if (pkg == null) {
            throw new AutogenerateException("No migrations package found: this project has no migration yet, so the"
                    + " package of the new one is unknown. Give it: -Ddivemap.packageName=com.example.db.migrations"
                    + " (Maven) or --package-name com.example.db.migrations (command line).");
        }
        return pkg;
    }

    private String where() {
        if (!model.packages().isEmpty()) {
            return " in packages " + String.join(", ", model.packages());
        }
        if (!model.classRoots().isEmpty()) {
            return " in " + model.classRoots().stream().map(Object::toString).reduce((a, b) -> a + ", " + b).orElse("");
        }
        return "";
    }

    /**
     * The differences between the entities and {@code schema}, each written as the operation the
     * generated migration would hold; empty when they agree. An empty {@code Optional} when no
     * entities are found, so that a project without entities keeps the check it had.
     */
    public Optional<List<String>> differences(SchemaAtHead schema) {
        EntityReader reader = new EntityReader(model);
        List<String> entities = reader.entityClasses();
        if (entities.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(changes(reader, entities, schema).stream().map(Change::describe).toList());
    }

    private List<Change> changes(EntityReader reader, List<String> entities, SchemaAtHead schema) {
        SchemaModel target = reader.read(entities, schema.database(),
                new int[] {schema.majorVersion(), schema.minorVersion()});
        SchemaModel current;
        try {
            current = new DatabaseReader(schema.database()).read(schema.connection(), schema.schema(),
                    schema.ownTables(), model.include());
        } catch (SQLException e) {
            throw new DivemapException(DivemapException.Kind.DATABASE, "Could not read the schema at head: "
                    + e.getMessage(), e);
        }
        return new Differ(schema.database(), model.compareServerDefaults()).diff(current, target);
    }
}
