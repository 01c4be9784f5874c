package org.divemap.backend.migrations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

/**
 * A data migration: each comma-separated name in {@code dive_sites.alternative_names} becomes a row
 * of {@code dive_site_aliases}, then the column goes. Both directions walk the sites in batches of
 * primary keys, each batch committed, so a large table is never locked as a whole; both are safe
 * to run again after a failure (existing aliases are skipped, names are recomputed).
 */
@Revision(id = "75b96c8832aa",
          revises = "29fac01eff2e",
          message = "Deprecate alternative_names column: move the names into dive_site_aliases")
public final class DeprecateAlternativeNames implements Migration {

    /** Both directions can run again over a partial run of themselves (see the class comment). */
    @Override
    public boolean rerunnable() {
        return true;
    }

    @Override
    public void upgrade(Operations op) {
        op.batchUpdate(BatchUpdate.of("dive_sites", "id", batch -> {
            Map<Long, Set<String>> names = new LinkedHashMap<>();
            try (PreparedStatement select = batch.connection().prepareStatement(
                    "SELECT id, alternative_names FROM dive_sites"
                            + " WHERE id BETWEEN ? AND ? AND alternative_names IS NOT NULL")) {
                select.setLong(1, batch.from());
                select.setLong(2, batch.to());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        names.put(rows.getLong(1), split(rows.getString(2)));
                    }
                }
            }
            Set<String> existing = aliases(batch);
            for (Map.Entry<Long, Set<String>> site : names.entrySet()) {
                for (String alias : site.getValue()) {
                    if (!existing.contains(site.getKey() + "\n" + alias)) {
                        batch.execute("INSERT INTO dive_site_aliases (dive_site_id, alias) VALUES (?, ?)",
                                site.getKey(), alias);
                    }
                }
            }
        }));
        op.dropColumn("dive_sites", "alternative_names");
    }

    @Override
    public void downgrade(Operations op) {
        op.addColumn("dive_sites", Column.of("alternative_names", Type.text()).nullable());
        op.batchUpdate(BatchUpdate.of("dive_sites", "id", batch -> {
            Map<Long, Set<String>> names = new LinkedHashMap<>();
            try (PreparedStatement select = batch.connection().prepareStatement(
                    "SELECT dive_site_id, alias FROM dive_site_aliases"
                            + " WHERE dive_site_id BETWEEN ? AND ? ORDER BY dive_site_id, id")) {
                select.setLong(1, batch.from());
                select.setLong(2, batch.to());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        names.computeIfAbsent(rows.getLong(1), id -> new LinkedHashSet<>()).add(rows.getString(2));
                    }
                }
            }
            for (Map.Entry<Long, Set<String>> site : names.entrySet()) {
                batch.execute("UPDATE dive_sites SET alternative_names = ? WHERE id = ?",
                        String.join(", ", site.getValue()), site.getKey());
            }
        }));
    }

    /** The aliases of the batch's sites, as "site id, newline, alias". */
    private static Set<String> aliases(BatchUpdate.Batch batch) throws SQLException {
        Set<String> aliases = new HashSet<>();
        try (PreparedStatement select = batch.connection().prepareStatement(
                "SELECT dive_site_id, alias FROM dive_site_aliases WHERE dive_site_id BETWEEN ? AND ?")) {
            select.setLong(1, batch.from());
            select.setLong(2, batch.to());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    aliases.add(rows.getLong(1) + "\n" + rows.getString(2));
                }
            }
        }
        return aliases;
    }

    private static Set<String> split(String alternativeNames) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : alternativeNames.split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }
}
