package org.divemap.migrations;

/**
 * One step of the schema history. Implementations are annotated with {@link Revision}.
 *
 * <p>{@code upgrade} moves the schema forward; {@code downgrade} undoes exactly that. A migration
 * that cannot be undone leaves {@code downgrade} alone and says why with {@link Irreversible}; the
 * annotation processor rejects a migration that does neither.
 */
public interface Migration {

    /**
     * Whether this migration runs in a transaction together with its version-table update, where the
     * database can roll DDL back (PostgreSQL; MySQL, MariaDB and H2 commit before every DDL
     * statement). Return {@code false} for statements that cannot run
     * in a transaction, such as PostgreSQL's {@code CREATE INDEX CONCURRENTLY}; such a migration is
     * applied statement by statement, as on MySQL. The default is {@code true}.
     */
    default boolean transactional() {
        return true;
    }

    /**
     * Whether this migration may run again over a partial run of itself: after a run was interrupted
     * inside it (the process killed, the connection lost), or after it failed and left changes it
     * could not undo, on a database whose DDL commits by itself (MySQL, MariaDB, H2). Divemap never
     * runs such a revision again on its own; with this {@code true}, the caller may ask it to
     * ({@code --retry-interrupted}). Return {@code true} only when each direction is written to be
     * repeated: {@code createTable} guarded by {@code op.schema().hasTable(...)}, updates that skip
     * rows already changed, {@code op.batchUpdate} with an idempotent action. The default is
     * {@code false}.
     */
    default boolean rerunnable() {
        return false;
    }

    /** Applies this revision. */
    void upgrade(Operations op);

    /**
     * Reverts this revision. The default implementation is only reachable for migrations annotated
     * {@link Irreversible}; it refuses.
     */
    default void downgrade(Operations op) {
        Irreversible irreversible = getClass().getAnnotation(Irreversible.class);
        Revision revision = getClass().getAnnotation(Revision.class);
        String id = revision != null ? revision.id() : getClass().getName();
        String reason = irreversible != null ? irreversible.reason() : "it does not implement downgrade";
        throw new IrreversibleMigrationException(id, reason);
    }
}
