package org.divemap.migrations.runtime.commands;

import java.util.List;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.MigrationResult;

/**
 * A separate JVM that upgrades a {@link CountingHistory} to head:
 * {@code UpgradeProcess <jdbcUrl> <user> <password> <prefix> <slowMillis>}. Prints the revisions it
 * ran, one {@code RAN <id>} line each.
 */
public final class UpgradeProcess {

    private UpgradeProcess() {}

    public static void main(String[] args) {
        List<RegisteredRevision> revisions = CountingHistory.revisions(args[3], Long.parseLong(args[4]));
        try (Divemap divemap = Divemap.configure()
                .dataSource(args[0], args[1], args[2])
                .registries(() -> revisions)
                .versionTable(args[3] + "version")
                .historyTable(args[3] + "history")
                .load()) {
            MigrationResult result = divemap.upgrade("head");
            result.revisions().forEach(id -> System.out.println("RAN " + id));
        }
    }
}
