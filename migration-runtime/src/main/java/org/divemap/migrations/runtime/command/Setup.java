package org.divemap.migrations.runtime.command;

import java.time.Duration;
import java.util.Objects;
import org.divemap.migrations.NamingConvention;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.MigrationListener;
import org.divemap.migrations.runtime.Redaction;
import org.divemap.migrations.runtime.dialect.Dialect;

/**
 * The settings a loaded {@code Divemap} runs with: an immutable copy of its configuration, taken at
 * {@code load()}, so that changing the builder afterwards changes nothing. The password is never
 * shown by {@link #toString()}.
 *
 * @param url the JDBC URL, or null when a data source was given (or none)
 * @param user the user, or null
 * @param password the password, or null; used for connecting and to mask messages
 */
public record Setup(String url, String user, String password, String versionTable, String historyTable,
        String schema, Duration lockWait, Duration connectTimeout, int recordEvery, boolean retryInterrupted,
        boolean validateOnMigrate, MigrationListener listener, NamingConvention namingConvention) {

    public Setup {
        Objects.requireNonNull(versionTable, "versionTable");
        Objects.requireNonNull(historyTable, "historyTable");
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(namingConvention, "namingConvention");
    }

    /** Refuses table names longer than {@code dialect}'s database allows, naming the setting and the limit. */
    public void requireNamesFit(Dialect dialect) {
        requireFits(dialect, "version table", "versionTable", versionTable);
        requireFits(dialect, "history table", "historyTable", historyTable);
    }

    private static void requireFits(Dialect dialect, String table, String setting, String name) {
        int length = dialect.nameLength(name);
        if (length > dialect.maxNameLength()) {
            String unit = dialect.nameLengthUnit();
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, "The " + table + " name (" + setting
                    + ") has " + length + " " + unit + ", but " + dialect.displayName() + " allows at most "
                    + dialect.maxNameLength() + " in a table name: \"" + (name.length() > 40 ? name.substring(0, 40)
                    + "..." : name) + "\". Choose a name of at most " + dialect.maxNameLength() + " " + unit + ".");
        }
    }

    /** {@code text} with the password and the URL's secrets masked. */
    public String masked(String text) {
        return Redaction.text(text, password, url);
    }

    /** {@code e}, or a copy whose messages are masked when one of them shows a secret. */
    public Throwable masked(Throwable e) {
        return Redaction.throwable(e, password, url);
    }

    @Override
    public String toString() {
        return "Setup[url=" + (url != null ? Redaction.url(url) : null) + ", user=" + user + ", password="
                + (password == null ? "(none)" : "****") + ", versionTable=" + versionTable + ", historyTable="
                + historyTable + ", schema=" + schema + ", lockWait=" + lockWait
                + (recordEvery > 1 ? ", recordEvery=" + recordEvery : "")
                + (retryInterrupted ? ", retryInterrupted=true" : "")
                + (validateOnMigrate ? "" : ", validateOnMigrate=false") + "]";
    }
}
