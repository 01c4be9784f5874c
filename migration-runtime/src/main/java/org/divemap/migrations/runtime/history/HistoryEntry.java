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
 */
public record HistoryEntry(long id, String revision, String direction, Instant startedAt, long durationMs,
        boolean success, String osUser, String host, String checksum, String error) {

    /** A revision applied. */
    public static final String UP = "up";
    /** A revision reverted. */
    public static final String DOWN = "down";
    /** A revision written into the version table without running it. */
    public static final String STAMP = "stamp";

    private static final Set<String> DIRECTIONS = Set.of(UP, DOWN, STAMP);

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

    /** This entry with {@code checksum}, the SHA-256 of the revision's rendered SQL in hex. */
    public HistoryEntry withChecksum(String checksum) {
        return new HistoryEntry(id, revision, direction, startedAt, durationMs, success, osUser, host, checksum, error);
    }
}
