package org.divemap.migrations.spring;

import static org.divemap.migrations.spring.StartUpMigrationTest.cause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/** Each {@code spring.divemap.*} property, on MariaDB, PostgreSQL and H2, each test on a database of its own. */
class PropertiesTest {

    @Test
    void everyPropertyReachesTheRuntimeAndTheStrategyGetsTheTarget() throws SQLException {
        AtomicReference<String> target = new AtomicReference<>();
        try (TestDatabase db = TestDatabase.create(Database.H2, "mapping");
                ConfigurableApplicationContext app = Apps.on(db)
                        .with("spring.jpa.hibernate.ddl-auto", "none").with("sites.count-at-start-up", "false")
                        .with("spring.divemap.target", "0001_create_dive_sites")
                        .with("spring.divemap.url", db.url())
                        .with("spring.divemap.user", "migrator")
                        .with("spring.divemap.password", "pw-not-shown")
                        .with("spring.divemap.version-table", "app_version")
                        .with("spring.divemap.history-table", "app_history")
                        .with("spring.divemap.schema", "meta")
                        .with("spring.divemap.lock-wait", "7s")
                        .with("spring.divemap.record-every", "3")
                        .with("spring.divemap.validate-on-migrate", "false")
                        .bean("strategy", (DivemapMigrationStrategy) (divemap, t) -> target.set(t))
                        .run()) {
            String settings = app.getBean(Divemap.class).toString();
            assertTrue(settings.contains("user=migrator, password=****, versionTable=app_version,"
                    + " historyTable=app_history, schema=meta, lockWait=PT7S, recordEvery=3, validateOnMigrate=false"),
                    settings);
            assertTrue(settings.contains(db.url().substring(0, db.url().indexOf(';'))), settings);
            assertFalse(settings.contains("pw-not-shown"), settings);
            assertEquals("0001_create_dive_sites", target.get());
            assertFalse(db.hasTable(null, "app_version"), "the strategy ran nothing, so nothing was created");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void targetStopsTheUpgradeThere(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "target");
                ConfigurableApplicationContext app = bare(db).with("spring.divemap.target", "0001").run()) {
            assertEquals(List.of("0001_create_dive_sites"), app.getBean(Divemap.class).current().versionRows());
            assertTrue(db.hasTable(null, "dive_sites"));
            assertEquals(List.of(List.of(0L)), db.query("SELECT COUNT(*) FROM dive_sites").stream()
                    .map(row -> List.<Object>of(((Number) row.get(0)).longValue())).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void tableNamesAndSchema(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "tables");
                TestDatabase meta = kind == Database.H2 ? null : TestDatabase.create(kind, "meta")) {
            String schema = meta != null ? meta.name : "meta";
            if (meta == null) {
                db.execute("CREATE SCHEMA meta");
            }
            bare(db).with("spring.divemap.version-table", "app_version")
                    .with("spring.divemap.history-table", "app_history")
                    .with("spring.divemap.schema", schema).run().close();
            assertTrue(db.hasTable(schema, "app_version"));
            assertTrue(db.hasTable(schema, "app_history"));
            assertFalse(db.hasTable(null, "app_version"));
            assertFalse(db.hasTable(null, "divemap_version"));
            assertTrue(db.hasTable(null, "dive_sites"), "the migrations' own tables stay in the connection's schema");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void urlMigratesAnotherDatabaseThanTheApplicationUses(Database kind) throws SQLException {
        try (TestDatabase app = TestDatabase.create(kind, "app");
                TestDatabase target = TestDatabase.create(kind, "own_url")) {
            bare(app).with("spring.divemap.url", target.url())
                    .with("spring.divemap.user", target.user())
                    .with("spring.divemap.password", target.password() == null ? "" : target.password())
                    .run().close();
            assertTrue(target.hasTable(null, "divemap_version"));
            assertTrue(target.hasTable(null, "dive_sites"));
            assertFalse(app.hasTable(null, "divemap_version"));
            assertFalse(app.hasTable(null, "dive_sites"));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void userAndPasswordWithTheApplicationsUrl(Database kind) throws SQLException {
        String user = "divemap_s_migrator_" + Integer.toHexString(System.identityHashCode(this));
        TestDatabase db = TestDatabase.create(kind, "user");
        try {
            switch (kind) {
                case MARIADB -> {
                    db.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'Migr4tor-pw'");
                    db.execute("GRANT ALL ON " + db.name + ".* TO '" + user + "'@'%'");
                }
                case POSTGRESQL -> {
                    db.execute("CREATE ROLE " + user + " LOGIN PASSWORD 'Migr4tor-pw'");
                    db.execute("GRANT ALL ON SCHEMA " + db.name + " TO " + user);
                }
                default -> db.execute("CREATE USER " + user + " PASSWORD 'Migr4tor-pw' ADMIN");
            }
            if (kind != Database.POSTGRESQL) { // the local PostgreSQL trusts every password
                RuntimeException failure = assertThrows(RuntimeException.class, () -> bare(db)
                        .with("spring.divemap.user", user).with("spring.divemap.password", "wrong-pw-4711").run());
                DivemapException divemap = cause(failure, DivemapException.class);
                assertNotNull(divemap, failure::toString);
                assertEquals(DivemapException.Kind.CONNECTION, divemap.kind());
                assertTrue(divemap.getMessage().contains(user), divemap.getMessage());
                assertFalse(divemap.getMessage().contains("wrong-pw-4711"), divemap.getMessage());
            }
            bare(db).with("spring.divemap.user", user).with("spring.divemap.password", "Migr4tor-pw").run().close();
            assertTrue(db.hasTable(null, "dive_sites"));
            if (kind == Database.POSTGRESQL) {
                assertEquals(List.of(List.of(user)), db.query("SELECT tableowner FROM pg_tables WHERE schemaname = '"
                        + db.name + "' AND tablename = 'dive_sites'"));
            }
        } finally {
            db.close();
            try (TestDatabase admin = TestDatabase.create(kind, "drop_user")) {
                admin.execute(switch (kind) {
                    case MARIADB -> "DROP USER IF EXISTS '" + user + "'@'%'";
                    case POSTGRESQL -> "DROP ROLE IF EXISTS " + user;
                    default -> "SELECT 1"; // the H2 database is gone with its users
                });
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void validateOnMigrateRefusesAnEditedMigrationUnlessTurnedOff(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "validate")) {
            bare(db).with("spring.divemap.target", "0001_create_dive_sites").run().close();
            // as if CreateDiveSites had been edited after it ran
            db.execute("UPDATE divemap_history SET source_checksum = '" + "0".repeat(64)
                    + "' WHERE revision = '0001_create_dive_sites'");

            RuntimeException failure = assertThrows(RuntimeException.class, () -> bare(db).run());
            DivemapException divemap = cause(failure, DivemapException.class);
            assertNotNull(divemap, failure::toString);
            assertEquals(DivemapException.Kind.CHANGED_REVISIONS, divemap.kind());
            assertTrue(divemap.getMessage().contains("0001_create_dive_sites"), divemap.getMessage());

            try (ConfigurableApplicationContext app = bare(db).with("spring.divemap.validate-on-migrate", "false")
                    .run()) {
                assertEquals(List.of("0002_add_max_depth"), app.getBean(Divemap.class).current().versionRows());
            }
        }
    }

    /** The service without JPA validation and without the bean that reads at start-up. */
    private static Apps.Start bare(TestDatabase db) {
        return Apps.on(db).with("spring.jpa.hibernate.ddl-auto", "none").with("sites.count-at-start-up", "false");
    }
}
