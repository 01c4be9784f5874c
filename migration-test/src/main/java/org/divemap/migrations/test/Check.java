package org.divemap.migrations.test;

/** The checks {@link StandardMigrationTests} runs, to select with {@link MigrationTest#checks()}. */
public enum Check {

    /**
     * The revision graph of all registries together is valid, with one head per unlabeled line of
     * history: the runtime twin of the compile-time rule, for histories spread over several modules.
     */
    SINGLE_HEAD("one head per unlabeled line of history"),

    /** Upgrading an empty database from base to heads succeeds and leaves it at the heads. */
    UPGRADE("upgrade from base to heads"),

    /**
     * For every revision in order: upgrade to it, downgrade one step, upgrade again; each step
     * succeeds and the schema after the second upgrade equals the schema after the first.
     */
    STAIRWAY("stairway: upgrade, downgrade, upgrade again"),

    /** For every revision: upgrade to it and downgrade back, and the schema equals what it was before. */
    DOWNGRADE_LEAVES_NO_TRACE("downgrade leaves no trace"),

    /** Every revision's SQL, rendered twice, is the same text both times. */
    DETERMINISTIC_SQL("rendered SQL is deterministic");

    private final String title;

    Check(String title) {
        this.title = title;
    }

    /** The check's name as the test reports show it. */
    public String title() {
        return title;
    }
}
