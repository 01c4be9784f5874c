package org.divemap.migrations;

/**
 * How to run schema changes on a table that is in use, without blocking its readers and writers.
 * Attach it with {@link Operations#online(OnlineDdl)}:
 *
 * <pre>{@code
 * op.online(OnlineDdl.mysql(Algorithm.INSTANT, Lock.DEFAULT))
 *   .addColumn("dives", Column.of("notes", Type.text()).nullable());
 *
 * OnlineDdl nonBlocking = OnlineDdl.mysql(Algorithm.INPLACE, Lock.NONE).withConcurrently(true);
 * op.online(nonBlocking).createIndex("dives", Index.on("site_id"));
 * }</pre>
 *
 * <p>One value carries the options of every database, because the same migration runs on all of
 * them; each dialect uses its own and ignores the rest:
 *
 * <ul>
 *   <li>MySQL/MariaDB: {@link #algorithm()} and {@link #lock()} become {@code , ALGORITHM=...,
 *       LOCK=...} on the {@code ALTER TABLE}s that add, drop or alter columns and indexes (not on
 *       constraints). The
 *       server then refuses the statement instead of quietly copying or locking the table, which
 *       is the point: the migration fails fast instead of blocking production.
 *   <li>PostgreSQL: {@link #concurrently()} becomes {@code CREATE/DROP INDEX CONCURRENTLY}. Such a
 *       statement cannot run inside a transaction, so a migration that uses it must return
 *       {@code false} from {@link Migration#transactional()}; otherwise PostgreSQL refuses it and
 *       the migration fails, rolled back.
 *   <li>H2 ignores all of them.
 * </ul>
 *
 * @param algorithm MySQL {@code ALGORITHM=}; {@link Algorithm#DEFAULT} renders nothing
 * @param lock MySQL {@code LOCK=}; {@link Lock#DEFAULT} renders nothing
 * @param concurrently PostgreSQL {@code CONCURRENTLY} for index creation and removal
 */
public record OnlineDdl(Algorithm algorithm, Lock lock, boolean concurrently) {

    /** No options: every database does what it does by default. */
    public static final OnlineDdl DEFAULT = new OnlineDdl(Algorithm.DEFAULT, Lock.DEFAULT, false);

    /** MySQL's {@code ALGORITHM=} clause: how the server carries out an {@code ALTER TABLE}. */
    public enum Algorithm {
        /** Let the server choose the cheapest algorithm; renders nothing. */
        DEFAULT,
        /** Change only metadata; fails unless the change can be made instantly (MySQL 8.0.12+, MariaDB 10.3+). */
        INSTANT,
        /** Change the table in place, without copying it; may rebuild it in place. */
        INPLACE,
        /** Copy the table into a new one; blocks writes for the whole copy. */
        COPY
    }

    /** MySQL's {@code LOCK=} clause: how much concurrent access the {@code ALTER TABLE} must allow. */
    public enum Lock {
        /** The least locking the algorithm allows; renders nothing. */
        DEFAULT,
        /** Reads and writes continue; fails if the change cannot allow that. */
        NONE,
        /** Reads continue, writes wait. */
        SHARED,
        /** Reads and writes wait. */
        EXCLUSIVE
    }

    /**
     * Checks that the MySQL options are set and are a combination MySQL accepts: {@code INSTANT}
     * takes no {@code LOCK} clause, and {@code COPY} cannot run with {@code LOCK=NONE}.
     */
    public OnlineDdl {
        Checks.notNull(algorithm, "ALGORITHM (use Algorithm.DEFAULT for none)");
        Checks.notNull(lock, "LOCK (use Lock.DEFAULT for none)");
        if (algorithm == Algorithm.INSTANT && lock != Lock.DEFAULT) {
            throw new IllegalArgumentException("ALGORITHM=INSTANT cannot be combined with LOCK=" + lock
                    + " (MySQL rejects it; an instant change takes no lock anyway); use Lock.DEFAULT");
        }
        if (algorithm == Algorithm.COPY && lock == Lock.NONE) {
            throw new IllegalArgumentException("ALGORITHM=COPY cannot run with LOCK=NONE, since copying a table "
                    + "blocks writes; use Algorithm.INPLACE or Algorithm.INSTANT, or Lock.SHARED");
        }
    }

    /** MySQL/MariaDB {@code ALGORITHM=algorithm, LOCK=lock}, and nothing for the other databases. */
    public static OnlineDdl mysql(Algorithm algorithm, Lock lock) {
        return new OnlineDdl(algorithm, lock, false);
    }

    /** PostgreSQL {@code CREATE/DROP INDEX CONCURRENTLY}, and nothing for the other databases. */
    public static OnlineDdl postgresConcurrently() {
        return new OnlineDdl(Algorithm.DEFAULT, Lock.DEFAULT, true);
    }

    /** A copy with this MySQL {@code ALGORITHM=}. */
    public OnlineDdl withAlgorithm(Algorithm algorithm) {
        return new OnlineDdl(algorithm, lock, concurrently);
    }

    /** A copy with this MySQL {@code LOCK=}. */
    public OnlineDdl withLock(Lock lock) {
        return new OnlineDdl(algorithm, lock, concurrently);
    }

    /** A copy that does, or does not, build and drop indexes {@code CONCURRENTLY} on PostgreSQL. */
    public OnlineDdl withConcurrently(boolean concurrently) {
        return new OnlineDdl(algorithm, lock, concurrently);
    }
}
