package org.divemap.migrations.autogenerate;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.runtime.ModelComparison;
import org.divemap.migrations.runtime.SchemaAtHead;

/**
 * The entity check of {@code check}: the differences between the JPA entities and the schema at
 * head, as autogenerate would fix them. Found by the runtime through {@code ServiceLoader} when this
 * module is on the class path; then the entities are looked for among the compiled classes that hold
 * the revision registries (the application's own classes). The plugin and the command line pass an
 * {@link EntityModel} of their own.
 */
public final class EntityModelCheck implements ModelComparison {

    private final EntityModel model;

    /** For {@code ServiceLoader}: the entities beside the migrations. */
    public EntityModelCheck() {
        this(null);
    }

    /** The entities {@code model} describes; null for those beside the migrations. */
    public EntityModelCheck(EntityModel model) {
        this.model = model;
    }

    @Override
    public Optional<List<String>> differences(SchemaAtHead schema, ClassLoader classLoader) {
        EntityModel entities = model != null ? model : EntityModel.of(classLoader).classRoots(registryRoots(classLoader));
        return Autogenerate.of(entities).differences(schema);
    }

    /** The class folders and jars that hold the revision registries {@code loader} finds. */
    static List<Path> registryRoots(ClassLoader loader) {
        Set<Path> roots = new LinkedHashSet<>();
        ServiceLoader.load(RevisionRegistry.class, loader).stream().forEach(provider -> {
            CodeSource source = provider.type().getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                try {
                    roots.add(Path.of(source.getLocation().toURI()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file: nothing to index there
                }
            }
        });
        return new ArrayList<>(roots);
    }
}
