package org.divemap.migrations;

/**
 * What a foreign key does when the referenced row is deleted or its key updated:
 * {@code ON DELETE <action>} / {@code ON UPDATE <action>}. See
 * {@link Constraint.ForeignKey#onDelete(ReferentialAction)}.
 */
public enum ReferentialAction {
    /** Delete or update the referencing rows too. */
    CASCADE("CASCADE"),
    /** Set the referencing columns to {@code NULL}; they must be nullable. */
    SET_NULL("SET NULL"),
    /** Refuse the change at once. */
    RESTRICT("RESTRICT"),
    /**
     * Refuse the change (at the end of the statement on PostgreSQL, where checks can be deferred;
     * the same as {@link #RESTRICT} on MySQL). The SQL default.
     */
    NO_ACTION("NO ACTION"),
    /**
     * Set the referencing columns to their default. MySQL's InnoDB parses but rejects it; use it
     * only for PostgreSQL and H2.
     */
    SET_DEFAULT("SET DEFAULT");

    private final String sql;

    ReferentialAction(String sql) {
        this.sql = sql;
    }

    /** The SQL keywords, the same on every supported database: {@code "SET NULL"}, {@code "NO ACTION"}. */
    public String sql() {
        return sql;
    }
}
