package org.divemap.migrations.runtime;

import java.util.Objects;

/**
 * Everything the runtime reports to its caller. Unchecked; {@link #kind()} says what went wrong so
 * callers (the Maven plugin, the command line) can switch on it. The message states the fact, the
 * evidence, and the next step; it never contains a password.
 */
public final class DivemapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The registries' revision graph is invalid (the processor normally catches this first). */
        INVALID_GRAPH,
        /** A target could not be parsed: it is not one of the accepted forms. */
        MALFORMED_TARGET,
        /** A target names no revision or branch label. */
        UNKNOWN_REVISION,
        /** A target matches several revisions or heads; the message lists them. */
        AMBIGUOUS_TARGET,
        /** A relative target walks beyond the graph, or a range is not on one line of history. */
        INVALID_RANGE,
        /** The database records a revision this build does not contain. */
        UNKNOWN_DATABASE_REVISION,
        /** Another process holds the migration lock longer than the configured wait. */
        LOCK_TIMEOUT,
        /**
         * A run that recorded revisions in batches ({@code recordEvery}) stopped before recording some it
         * may have applied or undone; the message names them. Nothing runs until they are checked and stamped.
         */
        UNRECORDED_REVISIONS,
        /**
         * A run started a revision and did not finish it (the process stopped inside it), or the
         * revision failed and left changes it could not undo; the message names it, when and where it
         * ran and what its journal knows. Nothing runs until a stamp says where the schema is, or the
         * revision, declared re-runnable, is retried ({@code retryInterrupted}).
         */
        INTERRUPTED_REVISION,
        /**
         * An upgrade found revisions applied to the database whose migrations were edited since they
         * ran; nothing ran. Restore them, or upgrade with validation off
         * ({@code validateOnMigrate(false)}) when the edit changes nothing in the database.
         */
        CHANGED_REVISIONS,
        /** A migration failed; the message names it, the statement, and what was done about it. */
        MIGRATION_FAILED,
        /** A downgrade reached an {@code @Irreversible} revision. */
        IRREVERSIBLE,
        /** The database could not be reached or refused the credentials. */
        CONNECTION,
        /**
         * A comparison with the schema at head (autogenerate) found the database behind head; the
         * message names where it stands and the revisions pending.
         */
        NOT_AT_HEAD,
        /** Configuration is missing or contradictory. */
        CONFIGURATION,
        /** A database error outside any migration (version table, history table, locking). */
        DATABASE
    }

    private final Kind kind;

    public DivemapException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public DivemapException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
