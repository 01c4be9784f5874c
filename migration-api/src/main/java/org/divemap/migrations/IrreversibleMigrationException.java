package org.divemap.migrations;

/** Thrown when a downgrade reaches a migration that declares itself {@link Irreversible}. */
public final class IrreversibleMigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String revision;

    public IrreversibleMigrationException(String revision, String reason) {
        super("Revision " + revision + " cannot be downgraded: " + reason);
        this.revision = revision;
    }

    /** The id of the revision that cannot be downgraded. */
    public String revision() {
        return revision;
    }
}
