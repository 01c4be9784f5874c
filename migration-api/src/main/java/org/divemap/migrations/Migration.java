package org.divemap.migrations;

/**
 * One step of the schema history. Implementations are annotated with {@link Revision}.
 *
 * <p>{@code upgrade} moves the schema forward; {@code downgrade} undoes exactly that. A migration
 * that cannot be undone leaves {@code downgrade} alone and says why with {@link Irreversible}; the
 * annotation processor rejects a migration that does neither.
 */
public interface Migration {

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
