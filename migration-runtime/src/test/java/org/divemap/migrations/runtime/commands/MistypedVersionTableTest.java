package org.divemap.migrations.runtime.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.sql.DataSource;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.testing.Databases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A mistyped version table on a database migrated before makes the run start from base, and the
 * first revision fails on a table that exists. The failure says why, and names the version tables
 * the schema holds under other names.
 */
class MistypedVersionTableTest {

    private static final Databases DATABASES = new Databases("mistyped");

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    private static Divemap divemap(DataSource dataSource, String versionTable, List<RegisteredRevision> revisions) {
        return Divemap.configure().dataSource(dataSource).registries(() -> revisions).versionTable(versionTable)
                .historyTable("m_history").load();
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void theFailureOfTheFirstRevisionNamesTheVersionTablesTheSchemaHolds(Database kind) {
        DataSource dataSource = DATABASES.get(kind).dataSource();
        List<RegisteredRevision> revisions = InterruptedHistory.revisions("m_", InterruptedHistory.Fault.NONE, false);
        try (Divemap divemap = divemap(dataSource, "m_version", revisions)) {
            divemap.upgrade("head");
        }
        try (Divemap divemap = divemap(dataSource, "m_versoin", revisions)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.MIGRATION_FAILED, e.kind());
            String message = e.getMessage();
            assertTrue(message.startsWith("Revision r01 "), message);
            // tables are named as the database keeps them: in upper case on H2
            String lower = message.toLowerCase(java.util.Locale.ROOT);
            assertTrue(lower.contains("the version table m_versoin did not exist, so this run took the database to"
                    + " be at base; but the schema already holds 5 tables: "), message);
            assertTrue(lower.contains("version tables under other names: m_version (at r03). if one of them is this"
                    + " history's, name it (versiontable, --version-table, -ddivemap.versiontable) and drop the new"
                    + " m_versoin."), message);
            assertFalse(lower.contains("m_history,"), "its own tables are not listed: " + message);
        }
        // a failure of a later revision, over a version table that existed, gets no such hint
        DataSource other = DATABASES.other(kind).dataSource();
        List<RegisteredRevision> failing = InterruptedHistory.revisions("m_", InterruptedHistory.Fault.FAIL, false);
        try (Divemap divemap = divemap(other, "m_version", failing.subList(0, 1))) {
            divemap.upgrade("head");
        }
        try (Divemap divemap = divemap(other, "m_version", failing)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertFalse(e.getMessage().contains("did not exist"), e.getMessage());
        }
    }
}
