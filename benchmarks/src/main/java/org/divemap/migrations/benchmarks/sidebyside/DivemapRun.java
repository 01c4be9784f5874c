package org.divemap.migrations.benchmarks.sidebyside;

import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.MigrationResult;

/**
 * Divemap's process in {@code side-by-side.sh}: the generated registry of the compiled history is on
 * the class path and found through {@code ServiceLoader}, as in an application; then
 * {@code Divemap.configure().dataSource(url, null, null).load().upgrade("head")}, with default
 * settings unless a {@code recordEvery} above 0 is given.
 *
 * <pre>java -cp ...:HISTORY_CLASSES DivemapRun JDBC_URL RECORD_EVERY (apply|noop)</pre>
 */
public final class DivemapRun {

    private DivemapRun() {}

    public static void main(String[] args) {
        int recordEvery = Integer.parseInt(args[1]);
        boolean noop = args[2].equals("noop");
        Configuration configuration = Divemap.configure().dataSource(args[0], null, null);
        if (recordEvery > 0) {
            configuration.recordEvery(recordEvery);
        }
        try (Divemap divemap = configuration.load()) {
            MigrationResult result = divemap.upgrade("head");
            if (noop != result.nothingToDo()) {
                throw new IllegalStateException(noop ? "the database was not at head"
                        : "Divemap found nothing to apply on an empty database");
            }
        }
    }
}
