package org.divemap.backend.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.test.MigrationDatabase;
import org.divemap.migrations.test.SchemaSnapshot;
import org.divemap.migrations.test.StandardMigrationTests;
import org.junit.jupiter.api.Test;

/**
 * The example's whole history, proven on one database per subclass: the standard checks, a round
 * trip (head, base, head again) and the data migration that moves alternative_names into aliases.
 */
abstract class MigrationHistoryTests extends StandardMigrationTests {

    @Test
    void upgradeDowngradeToBaseAndUpgradeAgainGivesTheSameSchema(MigrationDatabase database) {
        database.reset();
        Divemap divemap = database.divemap();
        divemap.upgrade("heads");
        SchemaSnapshot first = database.snapshot();
        assertTrue(first.lines().contains("index dive_sites.idx_dive_sites_rating (rating)"), first.toString());

        divemap.downgrade("base");
        assertEquals(List.of(), database.snapshot().lines(), "nothing is left at base");

        divemap.upgrade("heads");
        assertEquals(List.of(), first.diff(database.snapshot()), "the second round builds the same schema");
    }

    @Test
    void theEntitiesMatchTheSchemaAtHead(MigrationDatabase database) throws SQLException {
        database.reset();
        Divemap divemap = database.divemap();
        divemap.upgrade("heads");
        CheckResult check = divemap.check();
        assertEquals(List.of(), check.modelDifferences(), "the entities in org.divemap.backend.domain map to head");
        assertTrue(check.ok(), check.toString());

        // a schema change that no migration made is a difference the entities reveal
        try (Connection c = database.dataSource().getConnection()) {
            update(c, "ALTER TABLE users DROP COLUMN diving_certification");
        }
        CheckResult drifted = divemap.check();
        assertEquals(List.of("op.addColumn(\"users\", Column.of(\"diving_certification\", Type.varchar(100))"
                + ".nullable())"), drifted.modelDifferences());
        assertFalse(drifted.ok());
    }

    @Test
    void alternativeNamesMoveIntoAliasesAndBack(MigrationDatabase database) throws SQLException {
        database.reset();
        Divemap divemap = database.divemap();
        divemap.upgrade("29fac01eff2e");
        try (Connection c = database.dataSource().getConnection()) {
            update(c, "INSERT INTO dive_sites (name, alternative_names) VALUES (?, ?)", "Blue Hole", "Dahab Hole, Blue");
            update(c, "INSERT INTO dive_sites (name, alternative_names) VALUES (?, ?)", "Zenobia", null);
            update(c, "INSERT INTO dive_site_aliases (dive_site_id, alias) VALUES (1, ?)", "Blue");
        }

        divemap.upgrade("75b96c8832aa");
        try (Connection c = database.dataSource().getConnection()) {
            assertEquals(List.of("1 Blue", "1 Dahab Hole"), rows(c,
                    "SELECT dive_site_id, alias FROM dive_site_aliases ORDER BY dive_site_id, alias"));
        }

        divemap.downgrade("29fac01eff2e");
        try (Connection c = database.dataSource().getConnection()) {
            assertEquals(List.of("1 Blue, Dahab Hole", "2 null"), rows(c,
                    "SELECT id, alternative_names FROM dive_sites ORDER BY id"));
        }
    }

    private static void update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }
}
