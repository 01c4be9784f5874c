package org.divemap.migrations.benchmarks.sidebyside;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;

/**
 * Flyway's process in {@code side-by-side.sh}: a folder of versioned SQL files
 * ({@code V1__m0001.sql} ...), {@code Flyway.configure().dataSource(url, null, null)
 * .locations("filesystem:DIR").load().migrate()}. INFO logging (a line per migration, which the
 * other tools do not write) is turned off.
 *
 * <pre>java -cp ... FlywayRun JDBC_URL DIR (apply|noop)</pre>
 */
public final class FlywayRun {

    /** Held here: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger QUIET = Logger.getLogger("org.flywaydb");

    private FlywayRun() {}

    public static void main(String[] args) {
        QUIET.setLevel(Level.WARNING);
        boolean noop = args[2].equals("noop");
        int applied = Flyway.configure().dataSource(args[0], null, null).locations("filesystem:" + args[1])
                .load().migrate().migrationsExecuted;
        if (noop != (applied == 0)) {
            throw new IllegalStateException("Flyway applied " + applied + " migrations in " + args[2] + " mode");
        }
    }
}
