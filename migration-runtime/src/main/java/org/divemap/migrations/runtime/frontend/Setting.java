package org.divemap.migrations.runtime.frontend;

import java.util.Locale;

/**
 * A setting the front ends (the Maven plugin, the command line) resolve from several places, with
 * its name in each: {@link #key()} in the POM and the CLI's properties file, {@link #property()}
 * with {@code -D}, {@link #variable()} in the environment and {@link #option()} on the command
 * line. docs/configuration.md documents each one.
 */
public enum Setting {
    /** The JDBC URL. */
    URL("url", "--url"),
    /** The database user; a credential. */
    USER("user", "--user"),
    /** The database password; a credential, never printed. */
    PASSWORD("password", "--password"),
    /** The version table's name. */
    VERSION_TABLE("versionTable", "--version-table"),
    /** The history table's name. */
    HISTORY_TABLE("historyTable", "--history-table"),
    /** The schema (or MySQL database) of both tables. */
    SCHEMA("schema", "--schema"),
    /** Seconds to wait for another migrator's lock. */
    LOCK_WAIT("lockWaitSeconds", "--lock-wait"),
    /** Seconds to keep trying to connect. */
    CONNECT_TIMEOUT("connectTimeoutSeconds", "--connect-timeout"),
    /** How many applied revisions to record at a time. */
    RECORD_EVERY("recordEvery", "--record-every"),
    /** Whether an interrupted re-runnable revision runs again. */
    RETRY_INTERRUPTED("retryInterrupted", "--retry-interrupted"),
    /** Whether upgrade first checks that no applied migration was edited; the CLI option turns it off. */
    VALIDATE("validate", "--no-validate"),
    /** How unnamed indexes and constraints are named: {@code default} or {@code none}. */
    NAMING_CONVENTION("namingConvention", "--naming-convention");

    private final String key;
    private final String option;

    Setting(String key, String option) {
        this.key = key;
        this.option = option;
    }

    /** The POM parameter and the properties-file key: {@code versionTable}. */
    public String key() {
        return key;
    }

    /** The {@code -D} property: {@code divemap.versionTable}. */
    public String property() {
        return "divemap." + key;
    }

    /** The environment variable: {@code DIVEMAP_VERSION_TABLE}. */
    public String variable() {
        return "DIVEMAP_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** The command-line option: {@code --version-table}. */
    public String option() {
        return option;
    }

    /** The user and the password: given in two places, they are refused. */
    public boolean credential() {
        return this == USER || this == PASSWORD;
    }

    /** The URL and the credentials: read only by commands that connect. */
    boolean connection() {
        return this == URL || credential();
    }

    /** "the database user", as messages name it. */
    String described() {
        return "the database " + name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
