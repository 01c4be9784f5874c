package org.divemap.migrations.runtime.commands;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;

/**
 * A history whose second revision changes data, then creates a table, then stops where a test wants
 * it: blocked until its process is killed, crashing, failing, or going on. Its tables are named after
 * a prefix: {@code <p>counter} (one row, {@code n}, which r02 increments), {@code <p>t02} and
 * {@code <p>t02b} (r02), {@code <p>t03} (r03).
 */
public final class InterruptedHistory {

    /** What the second revision does after its first two statements. */
    public enum Fault {
        /** Creates its second table and ends. */
        NONE,
        /** Prints {@link #INSIDE} and waits for its process to be killed. */
        BLOCK,
        /** Throws {@link Crash}, which nothing catches, as a killed process would not go on. */
        CRASH,
        /** Runs a statement that fails; the data change before it cannot be undone. */
        FAIL
    }

    /** What the second revision prints before it blocks. */
    public static final String INSIDE = "INSIDE r02";

    /** Stands for the process dying: an {@link Error}, so the runtime does not handle it. */
    public static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("the process dies here");
        }
    }

    private InterruptedHistory() {}

    /** r01, r02 and r03; r02 does {@code fault} and says whether it may run again. */
    public static List<RegisteredRevision> revisions(String p, Fault fault, boolean rerunnable) {
        return List.of(
                revision("r01", null, new Step(op -> {
                    op.createTable(p + "counter", Column.of("id", Type.integer()).primaryKey(),
                            Column.of("n", Type.integer()));
                    op.execute("INSERT INTO " + q(op, p + "counter") + " (" + q(op, "id") + ", " + q(op, "n")
                            + ") VALUES (1, 0)");
                }, op -> op.dropTable(p + "counter"), false)),
                revision("r02", "r01", new Step(op -> {
                    op.execute(increment(op.database(), p, 1));
                    op.createTable(p + "t02", Column.of("id", Type.integer()).primaryKey());
                    switch (fault) {
                        case BLOCK -> block();
                        case CRASH -> throw new Crash();
                        case FAIL -> op.execute("INSERT INTO " + q(op, p + "missing") + " VALUES (1)");
                        case NONE -> { }
                    }
                    op.createTable(p + "t02b", Column.of("id", Type.integer()).primaryKey());
                }, op -> {
                    op.dropTable(p + "t02b");
                    op.dropTable(p + "t02");
                    op.execute(increment(op.database(), p, -1));
                }, rerunnable)),
                revision("r03", "r02", new Step(op -> op.createTable(p + "t03",
                        Column.of("id", Type.integer()).primaryKey()), op -> op.dropTable(p + "t03"), false)));
    }

    /** The statement r02 changes data with (and, with -1, its downgrade). */
    public static String increment(Operations.Database database, String p, int by) {
        return "UPDATE " + q(database, p + "counter") + " SET " + q(database, "n") + " = " + q(database, "n")
                + (by < 0 ? " - " : " + ") + Math.abs(by) + " WHERE " + q(database, "id") + " = 1";
    }

    /**
     * {@code name} as hand-written SQL writes it: plain, on every database. Divemap writes these names
     * unquoted too, so H2 keeps both in upper case.
     */
    public static String q(Operations.Database database, String name) {
        return name;
    }

    private static String q(Operations op, String name) {
        return q(op.database(), name);
    }

    private static void block() {
        System.out.println(INSIDE);
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

    private static RegisteredRevision revision(String id, String parent, Step step) {
        return new RegisteredRevision(id, parent == null ? List.of() : List.of(parent), List.of(), List.of(),
                id.toUpperCase(Locale.ROOT), Step.class.getName(), null, () -> step);
    }

    /** A migration made of two lambdas. */
    public static final class Step implements Migration {
        private final java.util.function.Consumer<Operations> up;
        private final java.util.function.Consumer<Operations> down;
        private final boolean rerunnable;
        private final boolean transactional;

        Step(java.util.function.Consumer<Operations> up, java.util.function.Consumer<Operations> down,
                boolean rerunnable) {
            this(up, down, rerunnable, true);
        }

        Step(java.util.function.Consumer<Operations> up, java.util.function.Consumer<Operations> down,
                boolean rerunnable, boolean transactional) {
            this.up = up;
            this.down = down;
            this.rerunnable = rerunnable;
            this.transactional = transactional;
        }

        @Override
        public boolean rerunnable() {
            return rerunnable;
        }

        @Override
        public boolean transactional() {
            return transactional;
        }

        @Override
        public void upgrade(Operations op) {
            up.accept(op);
        }

        @Override
        public void downgrade(Operations op) {
            down.accept(op);
        }
    }

    /**
     * A separate JVM that upgrades this history to head with r02 blocking:
     * {@code InterruptedHistory <jdbcUrl> <user> <password> <prefix>}.
     */
    public static void main(String[] args) {
        List<RegisteredRevision> revisions = revisions(args[3], Fault.BLOCK, false);
        try (org.divemap.migrations.runtime.Divemap divemap = org.divemap.migrations.runtime.Divemap.configure()
                .dataSource(args[0], args[1], args[2])
                .registries(() -> revisions)
                .versionTable(args[3] + "version")
                .historyTable(args[3] + "history")
                .load()) {
            divemap.upgrade("head");
        }
    }
}
