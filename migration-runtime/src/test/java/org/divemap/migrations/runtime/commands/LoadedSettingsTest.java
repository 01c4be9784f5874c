package org.divemap.migrations.runtime.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.history.VersionTable;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** A loaded Divemap keeps the settings it was loaded with: changing the builder afterwards changes nothing. */
class LoadedSettingsTest {

    private static final List<RegisteredRevision> REVISIONS = List.of(
            SqlMigration.revision("0001_only").up("CREATE TABLE loaded_one (id INT)").down("DROP TABLE loaded_one")
                    .build());

    @Test
    void changingTheConfigurationAfterLoadDoesNotReachTheLoadedInstance() throws SQLException {
        try (TestDatabase db = TestDatabase.create(Database.H2, "loaded")) {
            Configuration configuration = Divemap.configure().dataSource(db.dataSource()).registries(() -> REVISIONS)
                    .versionTable("loaded_version").historyTable("loaded_history");
            try (Divemap divemap = configuration.load()) {
                configuration.versionTable("changed_version").historyTable("changed_history").retryInterrupted(true)
                        .registries(List::of);
                assertEquals(List.of("0001_only"), divemap.upgrade("head").revisions());
                assertTrue(divemap.toString().contains("versionTable=loaded_version"), divemap.toString());
            }
            try (Connection c = db.connect()) {
                Dialect dialect = Dialect.detect(c);
                assertEquals(List.of("0001_only"), new VersionTable(dialect, null, "loaded_version").read(c));
                assertEquals(List.of(), new VersionTable(dialect, null, "changed_version").read(c));
            }
        }
    }
}
