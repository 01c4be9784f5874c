package org.divemap.migrations.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.runtime.Divemap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A {@code DataSource} bean marked {@link DivemapDataSource} is the one migrated, while the
 * application (JPA) keeps the {@code DataSource} Spring Boot configures from {@code spring.datasource.*}.
 */
class DivemapDataSourceTest {

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void theMarkedDataSourceIsMigratedAndTheApplicationKeepsItsOwn(Database kind) throws SQLException {
        try (TestDatabase app = TestDatabase.create(kind, "app_ds");
                TestDatabase migrations = TestDatabase.create(kind, "marked_ds")) {
            // the application's own schema comes from elsewhere here: JPA only validates if told to
            try (ConfigurableApplicationContext context = Apps.on(app).with("spring.jpa.hibernate.ddl-auto", "none")
                    .with("sites.count-at-start-up", "false")
                    .with("migrations.url", migrations.url())
                    .with("migrations.user", migrations.user() == null ? "" : migrations.user())
                    .with("migrations.password", migrations.password() == null ? "" : migrations.password())
                    .source(MigrationsDataSource.class).run()) {
                assertTrue(migrations.hasTable(null, "divemap_version"));
                assertTrue(migrations.hasTable(null, "dive_sites"));
                assertFalse(app.hasTable(null, "divemap_version"), "the application's DataSource is not migrated");
                assertFalse(app.hasTable(null, "dive_sites"));
                DataSource primary = context.getBean(DataSource.class);
                DataSource marked = context.getBean("migrations", DataSource.class);
                assertTrue(primary != marked, "Spring Boot still configures the application's own DataSource");
                assertEquals(List.of("0002_add_max_depth"), context.getBean(Divemap.class).current().versionRows());
            }
        }
    }
}
