package org.divemap.migrations.benchmarks;

import java.io.PrintWriter;
import org.divemap.migrations.runtime.Divemap;

/**
 * The measured process: find the generated registry through ServiceLoader, connect, run
 * {@code upgrade head} on a database that is already at head, exit. Args: url user password
 * [--count]. With {@code --count} (not timed), connections come through {@link JdbcTimer}, which
 * prints every JDBC call that reached the server: the no-op path's round trips.
 */
public final class NoopUpgradeMain {

    private NoopUpgradeMain() {}

    public static void main(String[] args) {
        boolean count = args.length > 3 && args[3].equals("--count");
        JdbcTimer timer = count ? new JdbcTimer(args[0]) : null;
        long start = System.nanoTime();
        try (Divemap divemap = (count ? Divemap.configure().dataSource(timer)
                : Divemap.configure().dataSource(args[0], args[1], args[2])).load()) {
            if (!divemap.upgrade("head").nothingToDo()) {
                throw new IllegalStateException("the database was not at head");
            }
        }
        if (count) {
            PrintWriter out = new PrintWriter(System.out);
            timer.print(out, (System.nanoTime() - start) / 1e6, 1, "run");
            timer.printCounts(out, 1, "run");
        }
    }
}
