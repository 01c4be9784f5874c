package org.divemap.migrations.runtime.commands;

import java.io.IOException;
import java.util.List;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.MigrationListener;
import org.divemap.migrations.runtime.commands.InterruptedHistory.Fault;

/**
 * A separate JVM that upgrades an {@link InterruptedHistory} to head and waits to be killed, either
 * inside r02 (after its data change and its first table: between two statements) or between r02
 * and r03 (r02 has ended, r03 has not run a statement):
 * {@code KilledUpgrade <jdbcUrl> <user> <password> <prefix> <recordEvery> inside|between}. It prints
 * {@link #WAITING} (or {@link InterruptedHistory#INSIDE}) when it is where it waits.
 */
public final class KilledUpgrade {

    /** What the process prints when it waits between r02 and r03. */
    public static final String WAITING = "BETWEEN r02 AND r03";

    private KilledUpgrade() {}

    public static void main(String[] args) {
        boolean inside = args[5].equals("inside");
        List<RegisteredRevision> revisions = InterruptedHistory.revisions(args[3], inside ? Fault.BLOCK : Fault.NONE,
                false);
        MigrationListener listener = new MigrationListener() {
            @Override
            public void starting(String revision, boolean upgrade) {
                if (!inside && revision.equals("r03")) {
                    System.out.println(WAITING);
                    System.out.flush();
                    try {
                        while (System.in.read() >= 0) {
                            // wait for the kill; the parent never writes
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    throw new IllegalStateException("the parent closed standard input instead of killing this process");
                }
            }
        };
        try (Divemap divemap = Divemap.configure()
                .dataSource(args[0], args[1], args[2])
                .registries(() -> revisions)
                .versionTable(args[3] + "version")
                .historyTable(args[3] + "history")
                .recordEvery(Integer.parseInt(args[4]))
                .listener(listener)
                .load()) {
            divemap.upgrade("head");
        }
    }
}
