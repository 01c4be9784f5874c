package org.divemap.migrations.spring;

import java.util.Objects;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.MigrationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates the database when the application context creates it. Spring Boot's database
 * initialization ordering makes the JPA {@code EntityManagerFactory}, {@code JdbcTemplate},
 * {@code JdbcClient} and beans annotated {@code @DependsOnDatabaseInitialization} wait for this bean,
 * so they start on a schema at head.
 */
public class DivemapMigrationInitializer implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(DivemapMigrationInitializer.class);

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
        MigrationResult result = divemap.upgrade(target);
        if (result.nothingToDo()) {
            LOG.info("Database is at {}: no revision to apply", shown(result.versionAfter()));
        } else {
            LOG.info("Upgraded the database from {} to {}: applied {}", shown(result.versionBefore()),
                    shown(result.versionAfter()), String.join(", ", result.revisions()));
        }
    }

    private static String shown(java.util.List<String> rows) {
        return rows.isEmpty() ? "base" : String.join(", ", rows);
    }
}
