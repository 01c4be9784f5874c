package org.divemap.migrations.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.Redaction;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar divemap-cli.jar upgrade head --classpath app.jar}: the runtime's commands for
 * production shells. Exit codes: 0 success, 1 migration failure, 2 usage or configuration error,
 * 3 lock timeout, 4 {@code check} found the database behind head or drifted, 5 the backup of
 * {@code --safe} failed (nothing was migrated). Each command is a class of its own over
 * {@link BaseCommand}; the settings, texts and class loading are the runtime's front end, shared
 * with the Maven plugin.
 */
@Command(name = "divemap", mixinStandardHelpOptions = true, versionProvider = DivemapCli.Version.class,
        description = "Alembic-style migrations for Java applications: runs the revisions compiled into the"
                + " application's jars.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:a migration failed", "2:usage or configuration error", "3:lock timeout",
                "4:check found the database behind head or drifted, or the entities differ from it", "5:the --safe backup failed; nothing migrated"})
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
        configureLogging(List.of(args).contains("--verbose") || List.of(args).contains("-v"));
        System.exit(execute(args));
    }

    /**
     * The command line prints its own progress; SLF4J (slf4j-simple, on standard error) carries only
     * the warnings of the runtime and its pool, and with {@code --verbose} each SQL statement at
     * DEBUG. A level given with {@code -Dorg.slf4j.simpleLogger...} wins.
     */
    static void configureLogging(boolean verbose) {
        String prefix = "org.slf4j.simpleLogger.";
        defaultProperty(prefix + "logFile", "System.err");
        defaultProperty(prefix + "defaultLogLevel", "warn");
        defaultProperty(prefix + "showThreadName", "false");
        defaultProperty(prefix + "log." + org.divemap.migrations.runtime.Logs.PROGRESS, "off");
        defaultProperty(prefix + "log." + org.divemap.migrations.runtime.Logs.SQL, verbose ? "debug" : "warn");
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The commands, in the order help lists them. */
    static final List<String> COMMANDS = List.of("upgrade", "downgrade", "current", "history", "heads", "branches",
            "show", "stamp", "check", "revision");

    /** A new instance of the command of this name; null if there is none. */
    private static Object command(String name) {
        // A switch, not a map of constructor references: no lambda to spin up at start-up. Object, not
        // BaseCommand: the verifier would load every command class to check that it is one.
        return switch (name) {
            case "upgrade" -> new Upgrade();
            case "downgrade" -> new Downgrade();
            case "current" -> new Current();
            case "history" -> new History();
            case "heads" -> new Heads();
            case "branches" -> new Branches();
            case "show" -> new Show();
            case "stamp" -> new Stamp();
            case "check" -> new Check();
            case "revision" -> new Revision();
            default -> null;
        };
    }

    /**
     * The command line for these arguments. picocli builds the model of every command it is given
     * (reflection over each one's options and the common ones) before it parses anything; a run names
     * one command first, so only that one is built, and help, a typo or no command gets them all.
     */
    static CommandLine commandLine(String... args) {
        CommandLine line = new CommandLine(new DivemapCli());
        Object named = args.length == 0 ? null : command(args[0]);
        if (named != null) {
            line.addSubcommand(args[0], named);
        } else {
            for (String name : COMMANDS) {
                line.addSubcommand(name, command(name));
            }
        }
        return line;
    }

    static int execute(String... args) {
        CommandLine line = commandLine(args);
        line.setParameterExceptionHandler((e, a) -> {
            String command = e.getCommandLine().getCommandName();
            String help = "Run divemap " + (e.getCommandLine().getParent() == null ? "" : command + " ")
                    + "--help for the options.";
            // picocli quotes what it did not understand: a misspelt --password still carries the password
            String message = Redaction.arguments(missingTarget(e).orElse(e.getMessage()), List.of(a));
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

    /**
     * For {@code downgrade} or {@code stamp} without a target: what to give, with examples, instead of
     * picocli's "Missing required parameter: 'TARGET'".
     */
    static java.util.Optional<String> missingTarget(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.MissingParameterException missing) || missing.getMissing().stream()
                .noneMatch(arg -> arg.isPositional() && "TARGET".equals(arg.paramLabel()))) {
            return java.util.Optional.empty();
        }
        return switch (e.getCommandLine().getCommandName()) {
            case "downgrade" -> java.util.Optional.of("divemap downgrade needs a target: -1 for the last revision,"
                    + " base for all of them, or a revision id or label (divemap downgrade -1).");
            case "stamp" -> java.util.Optional.of("divemap stamp needs a target: head, a revision id or label, or"
                    + " base to empty the version table (divemap stamp head).");
            default -> java.util.Optional.empty();
        };
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

    /** The exit code of a runtime failure. */
    static int exitCode(DivemapException.Kind kind) {
        return switch (kind) {
            case LOCK_TIMEOUT -> LOCK_TIMEOUT;
            case MIGRATION_FAILED, IRREVERSIBLE, DATABASE -> MIGRATION_FAILED;
            default -> USAGE;
        };
    }
}
