package org.divemap.migrations.spring;

import java.util.Objects;
import org.divemap.migrations.runtime.Divemap;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates the database when the application context creates it. Spring Boot's database
 * initialization ordering makes the JPA {@code EntityManagerFactory}, {@code JdbcTemplate},
 * {@code JdbcClient} and beans annotated {@code @DependsOnDatabaseInitialization} wait for this bean,
 * so they start on a schema at head. The runtime logs the plan and each revision (logger
 * {@code org.divemap.migrations.runtime.Divemap}, INFO) and, at DEBUG, each statement
 * ({@code org.divemap.migrations.runtime.sql}).
 */
public class DivemapMigrationInitializer implements InitializingBean {

    private final Divemap divemap;
    private final String target;
    private final DivemapMigrationStrategy strategy;

    /**
     * @param divemap the migrations and the database
     * @param target what to upgrade to
     * @param strategy what to do instead of the upgrade, or null
     */
    public DivemapMigrationInitializer(Divemap divemap, String target, DivemapMigrationStrategy strategy) {
        this.divemap = Objects.requireNonNull(divemap, "divemap");
        this.target = Objects.requireNonNull(target, "target");
        this.strategy = strategy;
    }

    @Override
    public void afterPropertiesSet() {
        if (strategy != null) {
            strategy.migrate(divemap, target);
            return;
        }
        divemap.upgrade(target);
    }
}
