package org.divemap.migrations.autogenerate;

/**
 * Autogenerate could not do what was asked, and wrote nothing: the entities do not load, the
 * database is not at head, no package is known for the new migration. The message says what
 * happened and what to do.
 */
public final class AutogenerateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AutogenerateException(String message) {
        super(message);
    }

    public AutogenerateException(String message, Throwable cause) {
        super(message, cause);
    }
}
