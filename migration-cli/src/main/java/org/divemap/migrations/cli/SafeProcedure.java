package org.divemap.migrations.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.MigrationResult;
import org.divemap.migrations.runtime.Preflight;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.dialect.DumpTarget;
import org.divemap.migrations.runtime.frontend.ResolvedSettings;

/**
 * The production procedure of {@code --safe}: check connectivity, print the current and pending
 * revisions, take a backup (failing the run if it fails), migrate under the lock, and verify the
 * database reached the target.
 */
final class SafeProcedure {

    private SafeProcedure() {}

    /** The backup of {@code --safe} failed, so nothing was migrated: kind {@code BACKUP_FAILED}, exit code 5. */
    static final class BackupFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BackupFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static Map<String, Object> run(Divemap divemap, ResolvedSettings settings, boolean upgrade, String target,
            String backupCommand, boolean builtInBackup, Path backupDir, long backupTimeout, PrintWriter out) {
        List<String> rows = divemap.current().versionRows();
        out.println("Connected. Current: " + (rows.isEmpty() ? "base" : String.join(", ", rows)));
        // the command's own refusals (unrecorded revisions, @Irreversible), before any backup is taken
        Preflight plan = divemap.preflight(upgrade, target);
        List<String> pending = plan.revisions();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("pending", pending);
        if (pending.isEmpty()) {
            out.println(BaseCommand.TEXTS.nothingToDo(rows));
            fields.put("backup", null);
            fields.put("versionAfter", rows);
            return fields;
        }
        out.println((upgrade ? "To apply: " : "To revert: ") + String.join(", ", pending));
        Path backup = null;
        if (backupCommand != null || builtInBackup) {
            backup = backup(settings, backupCommand, backupDir, Duration.ofSeconds(backupTimeout), out);
        }
        fields.put("backup", backup == null ? null : backup.toString());
        MigrationResult result = upgrade ? divemap.upgrade(target) : divemap.downgrade(target);
        // verify against where the plan said the database would be (a relative target moves on each time)
        List<String> after = divemap.current().versionRows();
        if (!after.equals(plan.versionAfter())) {
            throw new DivemapException(DivemapException.Kind.MIGRATION_FAILED, "After the run the database is at "
                    + after + ", but " + target + " should have brought it to " + plan.versionAfter()
                    + ". Look at the history table for what ran.");
        }
        out.println("Verified: the database is at " + (after.isEmpty() ? "base" : String.join(", ", after))
                + (backup != null ? "; backup in " + backup : "") + ".");
        fields.put("steps", result.revisions());
        fields.put("versionAfter", after);
        return fields;
    }

    private static Path backup(ResolvedSettings settings, String command, Path dir, Duration timeout, PrintWriter out) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = dir.resolve("divemap-backup-" + stamp + ".sql").toAbsolutePath();
        List<String> argv = new ArrayList<>();
        ProcessBuilder builder = new ProcessBuilder();
        builder.environment().put("DIVEMAP_BACKUP_FILE", file.toString());
        if (command != null) {
            argv.addAll(List.of("sh", "-c", command));
            if (settings.password() != null) {
                builder.environment().put("DIVEMAP_PASSWORD", settings.password());
            }
        } else {
            argv.addAll(builtIn(settings, file, builder.environment()));
        }
        try {
            Files.createDirectories(dir);
            out.println("Backing up to " + file + " ...");
            out.flush();
            BackupProcess.Outcome outcome = BackupProcess.run(builder.command(argv), timeout);
            String output = outcome.output().isBlank() ? ""
                    : ": " + mask(outcome.output().strip(), settings.password());
            if (outcome.timedOut()) {
                throw new BackupFailed("The backup was still running after " + timeout.toSeconds() + " s"
                        + " (--backup-timeout), so it was stopped" + output + ". Nothing was migrated.", null);
            }
            if (outcome.exitCode() != 0) {
                throw new BackupFailed("The backup failed with exit code " + outcome.exitCode() + output
                        + ". Nothing was migrated.", null);
            }
            return file;
        } catch (IOException e) {
            throw new BackupFailed("The backup could not start: " + mask(e.getMessage(), settings.password())
                    + ". Nothing was migrated. Install the dump tool or pass --backup-command.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupFailed("Interrupted during the backup. Nothing was migrated.", e);
        }
    }

    /** The dialect's dump tool for the URL (mysqldump, pg_dump); the password travels in the environment, never in argv. */
    private static List<String> builtIn(ResolvedSettings settings, Path file, Map<String, String> env) {
        String url = settings.url();
        URI uri;
        try {
            uri = URI.create(url.substring("jdbc:".length()));
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getRawAuthority() != null && uri.getHost() == null) { // several hosts, say
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, "The built-in backup cannot tell one"
                    + " server and database from " + org.divemap.migrations.runtime.Redaction.url(url)
                    + "; pass --backup-command (it gets the target file in DIVEMAP_BACKUP_FILE). Nothing was"
                    + " migrated.");
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String host = uri.getHost() != null ? uri.getHost() : "127.0.0.1";
        String user = settings.user() != null ? settings.user() : query(uri, "user");
        String password = settings.password() != null ? settings.password() : query(uri, "password");
        DumpTarget target = new DumpTarget(host, Math.max(uri.getPort(), 0), database, user, password);
        return Dialect.forUrl(url).flatMap(dialect -> dialect.dumpCommand(target, file, env))
                .orElseThrow(() -> new DivemapException(DivemapException.Kind.CONFIGURATION, "There is no built-in"
                        + " backup for " + org.divemap.migrations.runtime.Redaction.url(url) + "; pass"
                        + " --backup-command (it gets the target file in DIVEMAP_BACKUP_FILE)."));
    }

    private static String query(URI uri, String key) {
        if (uri.getQuery() == null) {
            return null;
        }
        for (String pair : uri.getQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(key)) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }

    private static String mask(String text, String password) {
        return org.divemap.migrations.runtime.Redaction.text(text, password);
    }
}
