package org.divemap.migrations.spring;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link DivemapMigrationInitializer} beans initialize the database, so the
 * beans that depend on database initialization (JPA, {@code JdbcTemplate}, {@code JdbcClient},
 * {@code @DependsOnDatabaseInitialization}) are created after them. Listed in
 * {@code META-INF/spring.factories}.
 */
final class DivemapDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(DivemapMigrationInitializer.class);
    }

    /** Before script-based initialization ({@code schema.sql}), as Flyway and Liquibase are. */
    @Override
    public int getOrder() {
        return 1;
    }
}
