package org.divemap.migrations.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Compares the application's own model of the schema (its JPA entities, say) with the schema at
 * head, for {@link Divemap#check()}: Alembic's {@code check}, which fails when the models and the
 * migrations disagree. The runtime knows no model; {@code migration-autogenerate} provides one over
 * Hibernate. Found through {@link java.util.ServiceLoader} on the configured class loader, or given
 * with {@link Configuration#modelComparison(ModelComparison)}.
 */
public interface ModelComparison {

    /** No comparison: {@code check} looks at the revisions and the database only. */
    ModelComparison NONE = (schema, loader) -> Optional.empty();

    /**
     * The differences between the model and {@code schema}, each written as the change that would
     * fix it; empty when they agree. An empty {@code Optional} when the application has no model
     * to compare (no entities), so that {@code check} stays as it is.
     *
     * @param classLoader the application's classes
     */
    Optional<List<String>> differences(SchemaAtHead schema, ClassLoader classLoader);
}
