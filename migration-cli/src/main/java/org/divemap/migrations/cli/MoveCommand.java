package org.divemap.migrations.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver;
import org.divemap.migrations.runtime.frontend.OfflineScript;
import org.divemap.migrations.runtime.frontend.Setting;
import picocli.CommandLine.Option;

/** What upgrade and downgrade share: run, or print an offline script, or run the safe procedure. */
abstract class MoveCommand extends BaseCommand {

    @Option(names = "--sql", description = "Print the SQL script instead of running it; no database needed."
            + " The target is then a range FROM:TO (upgrade: base:head by default).")
    boolean sql;

    @Option(names = "--database", defaultValue = "mysql", description = "Database to render --sql for: mysql,"
            + " mariadb, postgresql or h2 (default ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--safe", description = "Check connectivity, print current and pending revisions, back up"
            + " (with --backup or --backup-command), migrate, and verify the target was reached.")
    boolean safe;

    @Option(names = "--backup", description = "With --safe: back up with mysqldump or pg_dump first.")
    boolean backup;

    @Option(names = "--backup-command", paramLabel = "SHELL_COMMAND", description = "With --safe: run this"
            + " instead; it gets the file to write in DIVEMAP_BACKUP_FILE. A failure stops the run.")
    String backupCommand;

    @Option(names = "--backup-dir", defaultValue = "backups", description = "Where backups go (default"
            + " ${DEFAULT-VALUE}).")
    Path backupDir;

    @Option(names = "--backup-timeout", defaultValue = "21600", paramLabel = "SECONDS", description = "With --safe:"
            + " stop a backup that runs longer, and migrate nothing (default ${DEFAULT-VALUE}, six hours).")
    long backupTimeout;

    @Option(names = "--record-every", paramLabel = "N", description = "On MySQL, MariaDB and H2, record applied"
            + " revisions N at a time instead of one by one: faster, but a crash can leave up to N applied and"
            + " unrecorded (the next run then refuses until you stamp). For databases you can rebuild. Default 1.")
    Integer recordEvery;

    @Option(names = "--retry-interrupted", description = "Run again a revision that an earlier run started and did"
            + " not finish (or that failed and left changes), when its migration is declared re-runnable. Without"
            + " it, such a revision stops every upgrade and downgrade until you stamp.")
    Boolean retryInterrupted;

    @Option(names = "--no-validate", description = "Upgrade even when an applied revision's migration was edited"
            + " since it ran (by default the upgrade refuses, and runs nothing).")
    Boolean noValidate;

    abstract boolean upgrade();

    abstract String target();

    @Override
    ConfigurationResolver.Connect connect() {
        return sql ? ConfigurationResolver.Connect.NEVER : ConfigurationResolver.Connect.ALWAYS;
    }

    @Override
    Map<Setting, String> options() {
        Map<Setting, String> options = super.options();
        options.put(Setting.RECORD_EVERY, recordEvery == null ? null : recordEvery.toString());
        options.put(Setting.RETRY_INTERRUPTED, retryInterrupted == null ? null : retryInterrupted.toString());
        options.put(Setting.VALIDATE, noValidate == null ? null : Boolean.toString(!noValidate));
        return options;
    }

    @Override
    Map<String, Object> work(Divemap divemap, PrintWriter out) {
        if (!safe && (backup || backupCommand != null)) {
            // a backup the user believes was taken is worse than none: refuse before anything runs
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, "--backup and --backup-command take"
                    + " effect only with --safe; add --safe, or leave them out.");
        }
        if (backupTimeout < 1) {
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, "--backup-timeout is " + backupTimeout
                    + "; give 1 second or more.");
        }
        if (sql) {
            String script = OfflineScript.render(divemap, upgrade(), target(), database, "--database");
            out.print(script);
            return Map.of("sql", script);
        }
        if (safe) {
            return SafeProcedure.run(divemap, settings, upgrade(), target(), backupCommand, backup, backupDir,
                    backupTimeout, out);
        }
        return Fields.migration(upgrade() ? divemap.upgrade(target()) : divemap.downgrade(target()), out);
    }
}
