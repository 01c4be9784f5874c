package org.divemap.migrations.cli;

import java.io.File;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.divemap.migrations.Operations;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.CurrentResult;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.MigrationListener;
import org.divemap.migrations.runtime.MigrationResult;
import org.divemap.migrations.runtime.RevisionInfo;
import org.divemap.migrations.runtime.dialect.Dialect;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar divemap-cli.jar upgrade head --classpath app.jar}: the runtime's commands for
 * production shells. Exit codes: 0 success, 1 migration failure, 2 usage or configuration error,
 * 3 lock timeout, 4 {@code check} found the database behind head or drifted, 5 the backup of
 * {@code --safe} failed (nothing was migrated).
 */
@Command(name = "divemap", mixinStandardHelpOptions = true, versionProvider = DivemapCli.Version.class,
        description = "Alembic-style migrations for Java applications: runs the revisions compiled into the"
                + " application's jars.",
        subcommands = {DivemapCli.Upgrade.class, DivemapCli.Downgrade.class, DivemapCli.Current.class,
                DivemapCli.History.class, DivemapCli.Heads.class, DivemapCli.Branches.class, DivemapCli.Show.class,
                DivemapCli.Stamp.class, DivemapCli.Check.class},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:a migration failed", "2:usage or configuration error", "3:lock timeout",
                "4:check found the database behind head or drifted", "5:the --safe backup failed; nothing migrated"})
public final class DivemapCli implements Runnable {

    static final int MIGRATION_FAILED = 1;
    static final int USAGE = 2;
    static final int LOCK_TIMEOUT = 3;
    static final int CHECK_FAILED = 4;
    static final int BACKUP_FAILED = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command, for example: upgrade head");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine line = new CommandLine(new DivemapCli());
        line.setParameterExceptionHandler((e, a) -> {
            String command = e.getCommandLine().getCommandName();
            String help = "Run divemap " + (e.getCommandLine().getParent() == null ? "" : command + " ")
                    + "--help for the options.";
            // picocli quotes what it did not understand: a misspelt --password still carries the password
            String message = org.divemap.migrations.runtime.Redaction.arguments(e.getMessage(), List.of(a));
            if (List.of(a).contains("--json")) { // one JSON document on standard output, always
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("command", e.getCommandLine().getParent() == null ? null : command);
                document.put("ok", false);
                document.put("error", Map.of("kind", "USAGE", "message", message + " " + help));
                document.put("exitCode", USAGE);
                e.getCommandLine().getOut().println(Json.write(document));
                e.getCommandLine().getOut().flush();
                return USAGE;
            }
            e.getCommandLine().getErr().println(message);
            e.getCommandLine().getErr().println(help);
            return USAGE;
        });
        return line.execute(args);
    }

    /** Prints the version of this jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DivemapCli.class.getPackage().getImplementationVersion();
            // the jar's manifest carries it; run from classes (tests, an IDE), there is none
            return new String[] {"divemap " + (version != null ? version : "(development build)")};
        }
    }

    /** The options every command shares. */
    static final class Common {
        @Option(names = "--classpath", split = "[:;]", paramLabel = "JAR_OR_DIR",
                description = "The application's jars and class folders, where the generated registries are.")
        List<String> classpath = new ArrayList<>();

        @Option(names = "--config", paramLabel = "FILE", description = "Properties file (url, user, password,"
                + " versionTable, historyTable, schema); default ./divemap.properties.")
        Path config;

        @Option(names = "--url", description = "JDBC URL; or DIVEMAP_URL, or url= in the config file.")
        String url;

        @Option(names = "--user", description = "Database user; or DIVEMAP_USER.")
        String user;

        @Option(names = "--password", description = "Database password; prefer DIVEMAP_PASSWORD or"
                + " DIVEMAP_PASSWORD_FILE, which do not show in process listings.")
        String password;

        @Option(names = "--version-table", description = "Version table name (default divemap_version;"
                + " alembic_version adopts an Alembic database).")
        String versionTable;

        @Option(names = "--history-table", description = "History table name (default divemap_history).")
        String historyTable;

        @Option(names = "--schema", description = "Schema (PostgreSQL, H2) or database (MySQL) of the tables.")
        String schema;

        @Option(names = "--lock-wait", defaultValue = "300", paramLabel = "SECONDS",
                description = "How long to wait for another migrator (default ${DEFAULT-VALUE} s).")
        int lockWait;

        @Option(names = "--json", description = "Print one JSON document instead of text.")
        boolean json;
    }

    /** Runs a command with the settings, the application's class loader, and the exit-code rules. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        Common common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** Whether the command connects (the offline ones do not). */
        boolean needsDatabase() {
            return true;
        }

        /** Whether the command reads a database when one is configured and works without one. */
        boolean usesDatabaseIfConfigured() {
            return false;
        }

        /** The resolved settings of a command that connects. */
        Settings settings;

        /** Sets what only this command uses; called before the Divemap instance is loaded. */
        void configure(Configuration configuration) {}

        /** Does the work; returns the JSON document's fields and prints text unless in JSON mode. */
        abstract Map<String, Object> work(Divemap divemap, PrintWriter out);

        /** The exit code for a successful result (check may fail without an exception). */
        int exitCode(Map<String, Object> result) {
            return 0;
        }

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("command", spec.name());
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            if (common.lockWait < 0) {
                return fail(document, out, err, "CONFIGURATION", "--lock-wait is " + common.lockWait
                        + " seconds; give 0 (do not wait) or more.", USAGE);
            }
            try (URLClassLoader loader = loader()) {
                thread.setContextClassLoader(loader);
                Configuration configuration = Divemap.configure().classLoader(loader)
                        .lockWait(Duration.ofSeconds(common.lockWait))
                        .listener(new Progress(err));
                Path config = common.config != null ? common.config : Path.of("divemap.properties");
                boolean database = needsDatabase();
                settings = Settings.resolve(config, common.config != null, System.getenv(), common.url,
                        common.user, common.password, common.versionTable, common.historyTable, common.schema,
                        database);
                if (!database && usesDatabaseIfConfigured() && settings.url() != null) {
                    database = true; // a URL is configured: read its credentials too
                    settings = Settings.resolve(config, common.config != null, System.getenv(), common.url,
                            common.user, common.password, common.versionTable, common.historyTable, common.schema,
                            true);
                }
                settings.warnings().forEach(err::println); // unknown keys of the properties file
                err.flush();
                // table names and the schema count offline too: an upgrade --sql writes the version table
                configuration.versionTable(settings.versionTable()).historyTable(settings.historyTable())
                        .schema(settings.schema());
                if (database) {
                    configuration.dataSource(settings.url(), settings.user(), settings.password());
                }
                configure(configuration);
                try (Divemap divemap = configuration.load()) {
                    Map<String, Object> result = work(divemap, common.json ? new PrintWriter(PrintWriter.nullWriter())
                            : out);
                    int code = exitCode(result);
                    document.put("ok", code == 0);
                    document.putAll(result);
                    document.put("exitCode", code);
                    return finish(document, out, code);
                }
            } catch (Settings.ConfigurationException e) {
                return fail(document, out, err, "CONFIGURATION", e.getMessage(), USAGE);
            } catch (SafeProcedure.BackupFailed e) {
                return fail(document, out, err, "BACKUP_FAILED", e.getMessage(), BACKUP_FAILED);
            } catch (DivemapException e) {
                return fail(document, out, err, e.kind().name(), e.getMessage(), exitCode(e.kind()));
            } catch (java.io.IOException | RuntimeException e) {
                // masked like every other message: a driver or a parser may quote the URL
                return fail(document, out, err, "INTERNAL", org.divemap.migrations.runtime.Redaction.text(
                        String.valueOf(e), settings == null ? common.password : settings.password(),
                        settings == null ? common.url : settings.url()), MIGRATION_FAILED);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        private int finish(Map<String, Object> document, PrintWriter out, int code) {
            if (common.json) {
                out.println(Json.write(document));
            }
            out.flush();
            return code;
        }

        private int fail(Map<String, Object> document, PrintWriter out, PrintWriter err, String kind, String message,
                int code) {
            document.put("ok", false);
            document.put("error", Map.of("kind", kind, "message", message));
            document.put("exitCode", code);
            if (common.json) {
                out.println(Json.write(document));
                out.flush();
            } else {
                err.println("divemap " + spec.name() + " failed: " + message);
                err.flush();
            }
            return code;
        }

        static int exitCode(DivemapException.Kind kind) {
            return switch (kind) {
                case LOCK_TIMEOUT -> LOCK_TIMEOUT;
                case MIGRATION_FAILED, IRREVERSIBLE, DATABASE -> MIGRATION_FAILED;
                default -> USAGE;
            };
        }

        private URLClassLoader loader() {
            List<URL> urls = new ArrayList<>();
            for (String entry : common.classpath) {
                File file = new File(entry);
                if (!file.exists()) {
                    throw new Settings.ConfigurationException("--classpath names " + entry + ", which does not exist.");
                }
                try {
                    urls.add(file.toURI().toURL());
                } catch (MalformedURLException e) {
                    throw new Settings.ConfigurationException("--classpath entry " + entry + " is not a path.");
                }
            }
            return new URLClassLoader(urls.toArray(URL[]::new), DivemapCli.class.getClassLoader());
        }
    }

    /** Prints each revision as it runs, on standard error so --json output stays clean. */
    static final class Progress implements MigrationListener {
        private final PrintWriter err;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void starting(String revision, boolean upgrade) {
            err.println((upgrade ? "upgrade   " : "downgrade ") + revision + " ...");
            err.flush();
        }

        @Override
        public void finished(String revision, boolean upgrade, Duration duration) {
            err.println((upgrade ? "upgraded  " : "reverted  ") + revision + " in " + duration.toMillis() + " ms");
            err.flush();
        }

        @Override
        public void batch(String revision, org.divemap.migrations.BatchUpdate.Progress progress) {
            err.printf(java.util.Locale.ROOT, "  %s: %s batch %d, %,d rows so far, %.0f%% of the keys%n", revision,
                    progress.table(), progress.batch(), progress.rowsSoFar(), 100 * progress.fraction());
            err.flush();
        }

        @Override
        public void waitingForLock(String holder) {
            err.println("waiting for another migrator: " + holder);
            err.flush();
        }
    }

    static Map<String, Object> migration(MigrationResult result, PrintWriter out) {
        List<Object> steps = new ArrayList<>();
        for (MigrationResult.Step step : result.steps()) {
            steps.add(Map.of("revision", step.revision(), "direction", step.upgrade() ? "up" : "down", "millis",
                    step.duration().toMillis()));
        }
        out.println(result.nothingToDo() ? "Nothing to do: the database is at "
                + (result.versionAfter().isEmpty() ? "base" : String.join(", ", result.versionAfter()))
                : "Now at: " + (result.versionAfter().isEmpty() ? "base" : String.join(", ", result.versionAfter())));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("target", result.target());
        fields.put("versionBefore", result.versionBefore());
        fields.put("steps", steps);
        fields.put("versionAfter", result.versionAfter());
        return fields;
    }

    static List<Object> infos(List<RevisionInfo> revisions, PrintWriter out, boolean verbose) {
        List<Object> list = new ArrayList<>();
        for (RevisionInfo info : revisions) {
            out.println(info.describe());
            if (verbose) {
                out.println("    " + info.migrationClass() + (info.reversible() ? "" : ", irreversible"));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", info.id());
            fields.put("revises", info.revises());
            fields.put("dependsOn", info.dependsOn());
            fields.put("branchLabels", new ArrayList<>(new java.util.TreeSet<>(info.branchLabels())));
            fields.put("message", info.message());
            fields.put("class", info.migrationClass());
            fields.put("head", info.head());
            fields.put("current", info.current());
            fields.put("reversible", info.reversible());
            list.add(fields);
        }
        return list;
    }

    /** The production procedure of upgrade and downgrade. */
    static final class Safe {
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
    }

    /** Offline SQL options shared by upgrade and downgrade. */
    static final class Offline {
        @Option(names = "--sql", description = "Print the SQL script instead of running it; no database needed."
                + " The target is then a range FROM:TO (upgrade: base:head by default).")
        boolean sql;

        @Option(names = "--database", defaultValue = "mysql", description = "Database to render --sql for: mysql,"
                + " mariadb, postgresql or h2 (default ${DEFAULT-VALUE}).")
        String database;

        Operations.Database kind() {
            try {
                return Dialect.named(database).database();
            } catch (IllegalArgumentException e) {
                throw new Settings.ConfigurationException("--database " + e.getMessage());
            }
        }
    }

    /** What upgrade and downgrade share: run, or print offline SQL, or run the safe procedure. */
    abstract static class Move extends Base {
        @Mixin
        Offline offline;

        @Mixin
        Safe safe;

        @Option(names = "--record-every", defaultValue = "1", paramLabel = "N", description = "On MySQL, MariaDB"
                + " and H2, record applied revisions N at a time instead of one by one: faster, but a crash"
                + " can leave up to N applied and unrecorded (the next run then refuses until you stamp)."
                + " For databases you can rebuild. Default ${DEFAULT-VALUE}.")
        int recordEvery;

        @Option(names = "--retry-interrupted", description = "Run again a revision that an earlier run started and"
                + " did not finish (or that failed and left changes), when its migration is declared re-runnable."
                + " Without it, such a revision stops every upgrade and downgrade until you stamp.")
        boolean retryInterrupted;

        abstract boolean upgrade();

        abstract String target();

        @Override
        boolean needsDatabase() {
            return !offline.sql;
        }

        @Override
        void configure(Configuration configuration) {
            if (recordEvery < 1) {
                throw new Settings.ConfigurationException("--record-every is " + recordEvery + "; give 1 (record"
                        + " each revision, the default) or more.");
            }
            configuration.recordEvery(recordEvery);
            configuration.retryInterrupted(retryInterrupted);
        }

        @Override
        Map<String, Object> work(Divemap divemap, PrintWriter out) {
            String target = target();
            if (!safe.safe && (safe.backup || safe.backupCommand != null)) {
                // a backup the user believes was taken is worse than none: refuse before anything runs
                throw new Settings.ConfigurationException("--backup and --backup-command take effect only with"
                        + " --safe; add --safe, or leave them out.");
            }
            if (offline.sql) {
                String script = upgrade()
                        ? divemap.upgradeScript(offline.kind(), target.contains(":") ? target : "base:" + target)
                        : divemap.downgradeScript(offline.kind(), target);
                out.print(script);
                return Map.of("sql", script);
            }
            if (safe.safe) {
                return SafeProcedure.run(divemap, settings, upgrade(), target, safe.backupCommand, safe.backup,
                        safe.backupDir, out);
            }
            return migration(upgrade() ? divemap.upgrade(target) : divemap.downgrade(target), out);
        }
    }

    @Command(name = "upgrade", mixinStandardHelpOptions = true, description = "Apply revisions up to a target"
            + " (head, heads, an id, +1, label@head).")
    static final class Upgrade extends Move {
        @Parameters(defaultValue = "head", paramLabel = "TARGET", description = "Default: ${DEFAULT-VALUE}.")
        String target;

        @Override
        boolean upgrade() {
            return true;
        }

        @Override
        String target() {
            return target;
        }
    }

    @Command(name = "downgrade", mixinStandardHelpOptions = true, description = "Revert revisions down to a target"
            + " (-1, base, an id, label@-1, label@base).")
    static final class Downgrade extends Move {
        @Parameters(paramLabel = "TARGET")
        String target;

        @Override
        boolean upgrade() {
            return false;
        }

        @Override
        String target() {
            return target;
        }
    }

    @Command(name = "stamp", mixinStandardHelpOptions = true, description = "Write revisions into the version table"
            + " without running migrations.")
    static final class Stamp extends Base {
        @Parameters(arity = "1..*", paramLabel = "TARGET")
        List<String> targets;

        @Option(names = "--purge", description = "Empty the version table first.")
        boolean purge;

        @Override
        Map<String, Object> work(Divemap divemap, PrintWriter out) {
            return migration(divemap.stamp(purge, targets.toArray(String[]::new)), out);
        }
    }

    @Command(name = "current", mixinStandardHelpOptions = true, description = "Show the revisions the version table"
            + " lists.")
    static final class Current extends Base {
        @Override
        Map<String, Object> work(Divemap divemap, PrintWriter out) {
            CurrentResult current = divemap.current();
            if (current.versionRows().isEmpty()) {
                out.println("base (no revision applied)");
            }
            for (RevisionInfo info : current.revisions()) {
                out.println(info.id() + (info.head() ? " (head)" : ""));
            }
            current.unknownRevisions().forEach(id -> out.println(id + " (not in this build)"));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("versionRows", current.versionRows());
            fields.put("unknownRevisions", current.unknownRevisions());
            fields.put("atHead", current.atHead());
            return fields;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "List revisions, newest first.")
    static final class History extends Base {
        @Parameters(defaultValue = "base:heads", paramLabel = "RANGE", description = "LOWER:UPPER; default"
                + " ${DEFAULT-VALUE}.")
        String range;

        @Option(names = {"-v", "--verbose"}, description = "Also show each revision's class.")
        boolean verbose;

        /** Without a database it lists the graph alone, as alembic history does offline. */
        @Override
        boolean needsDatabase() {
            return false;
        }

        @Override
        boolean usesDatabaseIfConfigured() {
            return true;
        }

        @Override
        Map<String, Object> work(Divemap divemap, PrintWriter out) {
            return Map.of("revisions", infos(divemap.history(range), out, verbose));
        }
    }

    @Command(name = "heads", mixinStandardHelpOptions = true, description = "Show the heads of the revision graph.")
    static final class Heads extends Base {
        @Override
        boolean needsDatabase() {
            return false;
        }

        @Override
        Map<String, Object> work(Divemap divemap, PrintWriter out) {
            return Map.of("revisions", infos(divemap.heads(), out, false));
        }
    }

    @Command(name = "branches", mixinStandardHelpOptions = true, description = "Show the branch points.")
    static final class Branches extends Base {
        @Override
        boolean needsDatabase() {
            return false;
        }

        @Override
        Map<String, Object> work(Divemap divemap, PrintWriter out) {
            return Map.of("revisions", infos(divemap.branches(), out, false));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Describe the revisions a target names.")
    static final class Show extends Base {
        @Parameters(defaultValue = "heads", paramLabel = "REVISION")
        String revision;

        @Override
        boolean needsDatabase() {
            return false;
        }

        @Override
        Map<String, Object> work(Divemap divemap, PrintWriter out) {
            return Map.of("revisions", infos(divemap.show(revision), out, true));
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Exit 4 unless the database is at head,"
            + " no applied revision changed since it ran, no batched run left revisions unrecorded, and no run was"
            + " interrupted inside a revision.")
    static final class Check extends Base {
        @Override
        Map<String, Object> work(Divemap divemap, PrintWriter out) {
            CheckResult check = divemap.check();
            out.println(check.ok() ? "OK: at head, no applied revision changed."
                    : ((check.pending().isEmpty() ? "" : "Pending: " + String.join(", ", check.pending()) + ". ")
                            + (check.changed().isEmpty() ? "" : "Changed since applied: "
                                    + String.join(", ", check.changed()) + ". ")
                            + (check.unrecorded().isEmpty() ? "" : "Applied by a batched run but not recorded: "
                                    + String.join(", ", check.unrecorded()) + "; check the schema, then stamp"
                                    + " (docs/troubleshooting.md#unrecorded_revisions). ")
                            + (check.interrupted().isEmpty() ? "" : "Interrupted or left half-done: "
                                    + String.join(", ", check.interrupted()) + "; upgrade says what its journal"
                                    + " knows; check the schema, then stamp"
                                    + " (docs/troubleshooting.md#interrupted_revision).")).strip());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("versionRows", check.versionRows());
            fields.put("pending", check.pending());
            fields.put("changed", check.changed());
            fields.put("unverifiable", check.unverifiable());
            fields.put("unrecorded", check.unrecorded());
            fields.put("interrupted", check.interrupted());
            return fields;
        }

        @Override
        int exitCode(Map<String, Object> result) {
            return ((List<?>) result.get("pending")).isEmpty() && ((List<?>) result.get("changed")).isEmpty()
                    && ((List<?>) result.get("unrecorded")).isEmpty() && ((List<?>) result.get("interrupted")).isEmpty()
                    ? 0 : CHECK_FAILED;
        }
    }
}
