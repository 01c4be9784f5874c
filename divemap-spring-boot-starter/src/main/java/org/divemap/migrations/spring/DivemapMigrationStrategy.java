package org.divemap.migrations.spring;

import org.divemap.migrations.runtime.Divemap;

/**
 * Decides what happens to the database at start-up, in place of the default upgrade to
 * {@code spring.divemap.target}. Declare one as a bean; it runs at the same moment the upgrade
 * would, before JPA and everything else that uses the database. For example, to only check in
 * production and let the deployment pipeline migrate:
 *
 * <pre>{@code
 * @Bean
 * @Profile("production")
 * DivemapMigrationStrategy checkOnly() {
 *     return divemap -> {
 *         CheckResult check = divemap.check();
 *         if (!check.ok()) {
 *             throw new IllegalStateException("Database not at head: pending " + check.pending());
 *         }
 *     };
 * }
 * }</pre>
 *
 * <p>An exception thrown here stops the application from starting.
 */
@FunctionalInterface
public interface DivemapMigrationStrategy {

    /**
     * Runs at start-up with the configured {@link Divemap}.
     *
     * @param divemap the application's migrations and database
     * @param target the value of {@code spring.divemap.target} ({@code heads} by default)
     */
    void migrate(Divemap divemap, String target);
}
