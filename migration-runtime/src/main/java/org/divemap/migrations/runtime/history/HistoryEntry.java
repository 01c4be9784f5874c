package org.divemap.migrations.runtime.history;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;

/**
 * One row of the history table: a revision applied ({@code up}), reverted ({@code down}) or
 * stamped ({@code stamp}), when, for how long, by whom, and whether it succeeded.
 *
 * @param id the row's number, increasing in insertion order; 0 for an entry not yet recorded
 * @param revision the revision id
 * @param direction {@link #UP}, {@link #DOWN} or {@link #STAMP}
 * @param startedAt when it started, to the millisecond
 * @param durationMs how long it ran, in milliseconds
 * @param success whether it completed
 * @param osUser the operating-system user that ran it
 * @param host the host name of the machine that ran it
 * @param checksum the SHA-256 of its rendered SQL in hex, or null
 * @param error why it failed, or null
 * @param sourceChecksum the digest of the migration's source as the processor computed it
 *     ({@code RegisteredRevision.sourceDigest()}), or null
 */
public record HistoryEntry(long id, String revision, String direction, Instant startedAt, long durationMs,
        boolean success, String osUser, String host, String checksum, String error, String sourceChecksum) {

    /** A revision applied. */
    public static final String UP = "up";
    /** A revision reverted. */
    public static final String DOWN = "down";
    /** A revision written into the version table without running it. */
    public static final String STAMP = "stamp";

    private static final Set<String> DIRECTIONS = Set.of(UP, DOWN, STAMP);

    /**
     * What a row says about its revision. Three states are marks, rows that stand for a revision a run
     * did not finish cleanly: every later upgrade or downgrade refuses to run while one stands, until
     * a {@code stamp} (or a retry of a revision declared re-runnable) clears it.
     */
    public enum State {
        /** Applied, reverted or stamped. */
        DONE,
        /** Failed, and nothing of it stayed in the database: it can run again. */
        FAILED,
        /**
         * A mark: the run started the revision on a database whose DDL commits by itself and has not
         * recorded its end. If it stays, the process stopped inside the revision; {@link #error()}
         * holds its journal, the statements known to have completed.
         */
        RUNNING,
        /** A mark: the revision failed and left changes that could not be undone, listed in {@link #error()}. */
        LEFT_CHANGES,
        /** A mark: a run recording in batches ({@code recordEvery}) may have run it and had not recorded it. */
        UNRECORDED
    }

    /** The start of the error text of a {@link State#RUNNING} mark. */
    public static final String RUNNING = "running: ";
    /** The start of the error text of a {@link State#LEFT_CHANGES} mark. */
    public static final String LEFT_CHANGES = "failed, left changes: ";

    public HistoryEntry {
        if (revision == null || revision.isBlank()) {
            throw new IllegalArgumentException("revision must not be blank");
        }
        if (!DIRECTIONS.contains(direction)) {
            throw new IllegalArgumentException("direction must be up, down or stamp, not " + direction);
        }
        startedAt = Objects.requireNonNull(startedAt, "startedAt").truncatedTo(ChronoUnit.MILLIS);
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative: " + durationMs);
        }
        if (checksum != null && checksum.length() > 64) {
            throw new IllegalArgumentException("checksum must be at most 64 characters (SHA-256 in hex)");
        }
        if (sourceChecksum != null && sourceChecksum.length() > 64) {
            throw new IllegalArgumentException("sourceChecksum must be at most 64 characters (SHA-256 in hex)");
        }
    }

    /** An entry without a source checksum. */
    public HistoryEntry(long id, String revision, String direction, Instant startedAt, long durationMs,
            boolean success, String osUser, String host, String checksum, String error) {
        this(id, revision, direction, startedAt, durationMs, success, osUser, host, checksum, error, null);
    }

    /**
     * An entry about to be recorded, by this operating-system user on this machine, without a checksum.
     *
     * @param direction {@link #UP}, {@link #DOWN} or {@link #STAMP}
     * @param error why it failed, or null
     */
    public static HistoryEntry of(String revision, String direction, Instant startedAt, Duration duration,
            boolean success, String error) {
        return new HistoryEntry(0, revision, direction, startedAt, duration.toMillis(), success, Machine.osUser(),
                Machine.hostName(), null, error);
    }

    /** What this row says about its revision, read from {@link #success()} and the start of {@link #error()}. */
    public State state() {
        if (success) {
            return State.DONE;
        }
        return stateOfFailure(error);
    }

    /** The state of a row that did not succeed, from its error text. */
    static State stateOfFailure(String error) {
        if (error == null) {
            return State.FAILED;
        } else if (error.startsWith(RUNNING)) {
            return State.RUNNING;
        } else if (error.startsWith(LEFT_CHANGES)) {
            return State.LEFT_CHANGES;
        } else if (error.equals(HistoryTable.UNRECORDED)) {
            return State.UNRECORDED;
        }
        return State.FAILED;
    }

    /** Whether this row is a mark: a revision a run did not finish cleanly ({@link State}). */
    public boolean isMark() {
        State state = state();
        return state == State.RUNNING || state == State.LEFT_CHANGES || state == State.UNRECORDED;
    }

    /** This entry with another outcome: {@code success}, {@code duration} and {@code error} replaced. */
    public HistoryEntry withOutcome(boolean success, long durationMs, String error) {
        return new HistoryEntry(id, revision, direction, startedAt, durationMs, success, osUser, host, checksum, error,
                sourceChecksum);
    }

    /** This entry with {@code sourceChecksum}, the digest of the migration's source. */
    public HistoryEntry withSourceChecksum(String sourceChecksum) {
        return new HistoryEntry(id, revision, direction, startedAt, durationMs, success, osUser, host, checksum, error,
                sourceChecksum);
    }

    /** This entry with {@code checksum}, the SHA-256 of the revision's rendered SQL in hex. */
    public HistoryEntry withChecksum(String checksum) {
        return new HistoryEntry(id, revision, direction, startedAt, durationMs, success, osUser, host, checksum, error,
                sourceChecksum);
    }
}
