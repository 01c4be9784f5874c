package org.divemap.migrations.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.sql.DataOperations;

/**
 * The keyset-batched backfill against one UPDATE doing the same change, on 1,000,000 rows of MariaDB:
 *
 * <pre>
 * java -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
 *     org.divemap.migrations.benchmarks.BackfillBenchmark [--rows N] [--batch N] [--runs N]
 * </pre>
 */
public final class BackfillBenchmark {

    private BackfillBenchmark() {}

    public static void main(String[] args) throws Exception {
        String server = System.getenv().getOrDefault("DIVEMAP_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/?user=root&password=");
        int rows = 1_000_000;
        int batch = 10_000;
        int runs = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        int query = server.indexOf('?');
        String base = query < 0 ? server : server.substring(0, query);
        String url = (base.endsWith("/") ? base : base + "/") + "divemap_backfill" + (query < 0 ? "" : server.substring(query));
        try (Connection admin = DriverManager.getConnection(server); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS divemap_backfill");
            s.execute("CREATE DATABASE divemap_backfill");
        }
        long[] single = new long[runs];
        long[] batched = new long[runs];
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE digits (d INT PRIMARY KEY)");
            s.execute("INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
            s.execute("CREATE TABLE sites (id INT PRIMARY KEY, depth INT NOT NULL, depth_m INT NULL)");
            s.execute("INSERT INTO sites (id, depth) SELECT n, n % 100 FROM (SELECT a.d + 10*b.d + 100*c.d + 1000*d.d"
                    + " + 10000*e.d + 100000*f.d + 1 AS n FROM digits a, digits b, digits c, digits d, digits e,"
                    + " digits f) x WHERE n <= " + rows);
            Dialect dialect = Dialect.detect(c);
            for (int r = 0; r < runs; r++) {
                s.execute("UPDATE sites SET depth_m = NULL");
                long t = System.nanoTime();
                s.executeUpdate("UPDATE sites SET depth_m = depth * 3");
                single[r] = System.nanoTime() - t;

                s.execute("UPDATE sites SET depth_m = NULL");
                int[] batches = {0};
                t = System.nanoTime();
                new DataOperations(c, dialect).batchUpdate(BatchUpdate.of("sites", "id",
                        b -> b.execute("UPDATE sites SET depth_m = depth * 3 WHERE id BETWEEN ? AND ?", b.from(), b.to()))
                        .batchSize(batch).progress(p -> batches[0]++));
                batched[r] = System.nanoTime() - t;
                if (batches[0] != (rows + batch - 1) / batch) {
                    throw new IllegalStateException("expected " + ((rows + batch - 1) / batch) + " batches, got " + batches[0]);
                }
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(server); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS divemap_backfill");
            }
        }
        double one = median(single) / 1e6;
        double many = median(batched) / 1e6;
        System.out.printf(Locale.ROOT, "MariaDB, %,d rows, batches of %,d, median of %d runs: one UPDATE %.0f ms,"
                + " batchUpdate %.0f ms (%.2fx)%n", rows, batch, runs, one, many, many / one);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }
}
