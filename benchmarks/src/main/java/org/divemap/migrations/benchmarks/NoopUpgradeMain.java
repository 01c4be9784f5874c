package org.divemap.migrations.benchmarks;

import org.divemap.migrations.runtime.Divemap;

/**
 * The measured process: find the generated registry through ServiceLoader, connect, run
 * {@code upgrade head} on a database that is already at head, exit. Args: url user password.
 */
public final class NoopUpgradeMain {

    private NoopUpgradeMain() {}

    public static void main(String[] args) {
        try (Divemap divemap = Divemap.configure().dataSource(args[0], args[1], args[2]).load()) {
            if (!divemap.upgrade("head").nothingToDo()) {
                throw new IllegalStateException("the database was not at head");
            }
        }
    }
}
