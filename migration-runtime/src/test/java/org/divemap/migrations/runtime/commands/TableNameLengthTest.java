package org.divemap.migrations.runtime.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Version and history table names may be as long as the database allows (64 characters on MariaDB, 63
 * bytes on PostgreSQL, 256 characters on H2); a longer one is a configuration error naming the setting
 * and the limit, before anything is created, online and offline.
 */
class TableNameLengthTest {

    private static final List<RegisteredRevision> REVISIONS = List.of(
            SqlMigration.revision("0001_only").up("CREATE TABLE names_t (id INT)").down("DROP TABLE names_t").build());

    private static int limit(Database kind) {
        return switch (kind) {
            case POSTGRESQL -> 63;
            case H2 -> 256;
            default -> 64;
        };
    }

    private static Divemap divemap(TestDatabase db, String versionTable, String historyTable) {
        return Divemap.configure().dataSource(db.dataSource()).registries(() -> REVISIONS).versionTable(versionTable)
                .historyTable(historyTable).load();
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void namesAsLongAsTheDatabaseAllowsWork(Database kind) {
        try (TestDatabase db = TestDatabase.create(kind, "names")) {
            String version = "v".repeat(limit(kind));
            try (Divemap divemap = divemap(db, version, "h".repeat(limit(kind)))) {
                divemap.upgrade("head");
                assertEquals(List.of("0001_only"), divemap.current().versionRows());
                assertTrue(divemap.check().ok(), "the history table holds the checksum");
                divemap.downgrade("base");
                assertEquals(List.of(), divemap.current().versionRows());
            }
            // a name that is not cut short is found again by the next run
            try (Divemap again = divemap(db, version, "h".repeat(limit(kind)))) {
                again.upgrade("head");
                assertEquals(List.of("0001_only"), again.current().versionRows());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void aLongerNameIsAConfigurationErrorBeforeAnythingIsCreated(Database kind) {
        try (TestDatabase db = TestDatabase.create(kind, "names_long")) {
            int limit = limit(kind);
            String unit = kind == Database.POSTGRESQL ? "bytes" : "characters";
            String name = kind == Database.MARIADB ? "MariaDB" : kind == Database.POSTGRESQL ? "PostgreSQL" : "H2";
            try (Divemap divemap = divemap(db, "v".repeat(limit + 1), "divemap_history")) {
                DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
                assertEquals(Kind.CONFIGURATION, e.kind(), e.getMessage());
                assertTrue(e.getMessage().startsWith("The version table name (versionTable) has " + (limit + 1) + " "
                        + unit + ", but " + name + " allows at most " + limit + " in a table name: \"vvvv"),
                        e.getMessage());
                assertEquals(Kind.CONFIGURATION, assertThrows(DivemapException.class, divemap::current).kind());
            }
            try (Divemap divemap = divemap(db, "divemap_version", "h".repeat(300))) {
                DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
                assertEquals(Kind.CONFIGURATION, e.kind(), e.getMessage());
                assertTrue(e.getMessage().contains("The history table name (historyTable) has 300 " + unit), e.getMessage());
            }
            // nothing was created: neither the tables nor the migration's
            try (Divemap plain = divemap(db, "divemap_version", "divemap_history")) {
                assertEquals(List.of(), plain.current().versionRows());
                plain.upgrade("head"); // names_t did not exist
            }
        }
    }

    @Test
    void onPostgresTheLimitIsInBytes() {
        try (TestDatabase db = TestDatabase.create(Database.POSTGRESQL, "names_bytes");
                Divemap divemap = divemap(db, "é".repeat(32), "divemap_history")) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertTrue(e.getMessage().contains("(versionTable) has 64 bytes, but PostgreSQL allows at most 63"),
                    e.getMessage());
        }
    }

    @Test
    void offlineScriptsCheckTheNamesForTheirDatabase() {
        try (Divemap divemap = Divemap.configure().registries(() -> REVISIONS).versionTable("v".repeat(64)).load()) {
            assertTrue(divemap.upgradeScript(Database.MYSQL, "base:head").contains("v".repeat(64)));
            DivemapException e = assertThrows(DivemapException.class,
                    () -> divemap.upgradeScript(Database.POSTGRESQL, "base:head"));
            assertEquals(Kind.CONFIGURATION, e.kind());
            assertTrue(e.getMessage().contains("has 64 bytes, but PostgreSQL allows at most 63"), e.getMessage());
        }
    }
}
