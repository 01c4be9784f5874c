package org.divemap.migrations.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.spring.app.BrokenHistory;
import org.divemap.migrations.spring.app.DiveSite;
import org.divemap.migrations.spring.app.DiveSiteRepository;
import org.divemap.migrations.spring.app.SiteCount;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Spring Boot service with JPA starts on MariaDB, PostgreSQL and H2: the migration runs first,
 * then Hibernate validates the entity against the table the migration created, a bean reads it with
 * {@code JdbcTemplate} in its constructor, and the repository reads the rows the migration inserted.
 * Each test has a database or schema of its own.
 */
class StartUpMigrationTest {

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void jpaAndJdbcTemplateStartOnTheMigratedSchema(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "order");
                ConfigurableApplicationContext app = Apps.on(db).run()) {
            // ddl-auto=validate: the EntityManagerFactory would have failed on a missing table or column
            List<String> names = app.getBean(DiveSiteRepository.class).findAllByOrderByIdAsc().stream()
                    .map(DiveSite::getName).toList();
            assertEquals(List.of("Blue Hole", "Thistlegorm"), names);
            assertEquals(2, app.getBean(SiteCount.class).atStartUp());
            Divemap divemap = app.getBean(Divemap.class);
            assertEquals(List.of("0002_add_max_depth"), divemap.current().versionRows());
            assertTrue(divemap.check().ok());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void aSecondStartAtHeadRunsNothing(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "restart")) {
            Apps.on(db).run().close();
            try (ConfigurableApplicationContext again = Apps.on(db).run()) {
                List<String> runs = again.getBean(Divemap.class).runs().stream()
                        .map(r -> r.revision() + " " + r.direction()).toList();
                assertEquals(List.of("0001_create_dive_sites up", "0002_add_max_depth up"), runs);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void aFailingMigrationStopsTheApplicationWithDivemapsMessage(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "failing")) {
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> Apps.on(db).registry(BrokenHistory.class).run());
            DivemapException divemap = cause(failure, DivemapException.class);
            assertNotNull(divemap, () -> "not a Divemap failure: " + failure);
            assertEquals(DivemapException.Kind.MIGRATION_FAILED, divemap.kind());
            assertTrue(divemap.getMessage().contains(BrokenHistory.BROKEN), divemap.getMessage());
            assertTrue(divemap.getMessage().toLowerCase().contains("no_such_table"), divemap.getMessage());

            FailureAnalysis analysis = new DivemapFailureAnalyzer().analyze(failure);
            assertNotNull(analysis);
            assertTrue(analysis.getDescription().contains(divemap.getMessage()), analysis.getDescription());
            assertTrue(analysis.getDescription().contains("MIGRATION_FAILED"), analysis.getDescription());

            // the revisions before it stay applied; the broken one is not recorded
            assertEquals(List.of(List.of("0002_add_max_depth")),
                    db.query("SELECT version_num FROM divemap_version"));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void startUpWithoutMigratingWhenDisabled(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "disabled");
                ConfigurableApplicationContext app = Apps.on(db).with("spring.divemap.enabled", "false")
                        .with("spring.jpa.hibernate.ddl-auto", "none").with("sites.count-at-start-up", "false")
                        .run()) {
            assertTrue(app.getBeansOfType(Divemap.class).isEmpty());
            assertTrue(app.getBeansOfType(DivemapMigrationInitializer.class).isEmpty());
            assertFalse(db.hasTable(null, "divemap_version"));
            assertFalse(db.hasTable(null, "dive_sites"));
        }
    }

    static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
