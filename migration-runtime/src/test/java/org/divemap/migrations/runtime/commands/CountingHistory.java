package org.divemap.migrations.runtime.commands;

import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;

/**
 * A history whose every migration takes a while and then inserts its id into {@code <prefix>applied},
 * so tests can count how often each revision ran, whatever process ran it. Revision
 * {@code 0002_slow} announces itself on standard output and sleeps {@code slowMillis} first.
 */
final class CountingHistory {

    static final String SLOW = "0002_slow";
    static final String STARTED = "STARTED " + SLOW;

    private CountingHistory() {}

    static List<RegisteredRevision> revisions(String prefix, long slowMillis) {
        List<RegisteredRevision> revisions = new ArrayList<>();
        String previous = null;
        for (String id : List.of("0001_applied", SLOW, "0003_c", "0004_d", "0005_e")) {
            long pause = id.equals(SLOW) ? slowMillis : 100;
            String table = prefix + "applied";
            boolean first = previous == null;
            revisions.add(new RegisteredRevision(id, previous == null ? List.of() : List.of(previous), List.of(),
                    List.of(), "counting " + id, Counting.class.getName(), null, () -> new Counting(id, table, pause, first)));
            previous = id;
        }
        return revisions;
    }

    /** Sleeps, then records its id (the first one creates the table). */
    public static final class Counting implements Migration {
        private final String id;
        private final String table;
        private final long pause;
        private final boolean first;

        public Counting() {
            this("?", "applied", 0, false);
        }

        Counting(String id, String table, long pause, boolean first) {
            this.id = id;
            this.table = table;
            this.pause = pause;
            this.first = first;
        }

        @Override
        public void upgrade(Operations op) {
            if (id.equals(SLOW)) {
                System.out.println(STARTED);
                System.out.flush();
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (first) {
                op.execute("CREATE TABLE " + table + " (revision VARCHAR(50) NOT NULL)");
            }
            op.execute("INSERT INTO " + table + " (revision) VALUES (?)", id);
        }

        @Override
        public void downgrade(Operations op) {
            op.execute("DELETE FROM " + table + " WHERE revision = ?", id);
        }
    }
}
