package org.divemap.backend;

import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.MigrationListener;
import org.divemap.migrations.runtime.MigrationResult;
import org.divemap.migrations.runtime.RevisionInfo;

/**
 * What a Spring-less application does at start-up: bring the database to head before serving.
 *
 * <p>The database comes from {@code DIVEMAP_URL}, {@code DIVEMAP_USER} and {@code DIVEMAP_PASSWORD};
 * without them it is an embedded H2 file under {@code target/}, so a first run needs no server.
 * Run it with {@code mvn -q exec:java} in this folder.
 */
public final class MigrateOnStartup {

    private MigrateOnStartup() {}

    public static void main(String[] args) {
        // the Maven plugin's embedded default, so that mvn divemap:history shows what this program did
        String file = System.getProperty("divemap.example.db", "target/divemap/db");
        String url = System.getenv().getOrDefault("DIVEMAP_URL", "jdbc:h2:file:"
                + java.nio.file.Path.of(file).toAbsolutePath() + ";AUTO_SERVER=TRUE;DATABASE_TO_LOWER=TRUE");
        String user = System.getenv().getOrDefault("DIVEMAP_USER", "sa");
        String password = System.getenv().getOrDefault("DIVEMAP_PASSWORD", "");
        try (Divemap divemap = Divemap.configure()
                .dataSource(url, user, password)
                .listener(new MigrationListener() {
                    @Override
                    public void finished(String revision, boolean upgrade, java.time.Duration duration) {
                        System.out.printf("  %s %s (%d ms)%n", upgrade ? "applied" : "reverted", revision,
                                duration.toMillis());
                    }
                })
                .load()) {
            MigrationResult result = divemap.upgrade("heads");
            System.out.println(result.nothingToDo() ? "Database already at head: " + result.versionAfter()
                    : "Upgraded to " + result.versionAfter());
            System.out.println("History:");
            for (RevisionInfo revision : divemap.history("base:heads")) {
                System.out.println("  " + revision.describe());
            }
        }
    }
}
