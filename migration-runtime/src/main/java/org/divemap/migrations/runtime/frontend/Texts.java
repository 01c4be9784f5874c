package org.divemap.migrations.runtime.frontend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.MigrationListener;
import org.divemap.migrations.runtime.MigrationResult;
import org.divemap.migrations.runtime.Redaction;

/**
 * The lines every front end prints, worded once: progress as a command runs, where a command left
 * the database, and what {@code check} found. Only the way commands are named differs: a text
 * that says what to run next says {@code divemap stamp} on the command line and
 * {@code mvn divemap:stamp} in a build.
 */
public final class Texts {

    private final String commandPrefix;

    /** @param commandPrefix what goes before a command's name: {@code "divemap "}, {@code "mvn divemap:"} */
    public Texts(String commandPrefix) {
        this.commandPrefix = Objects.requireNonNull(commandPrefix, "commandPrefix");
    }

    /** How a user runs a command: {@code divemap stamp}, {@code mvn divemap:stamp}. */
    public String command(String name) {
        return commandPrefix + name;
    }

    /**
     * A listener that writes a line for the plan ({@code Upgrade to head: 2 revisions to run}),
     * each revision as it starts and ends, each batch of {@code op.batchUpdate}, and each wait for
     * another migrator's lock.
     */
    public MigrationListener progress(Consumer<String> lines) {
        Objects.requireNonNull(lines, "lines");
        return new MigrationListener() {
            @Override
            public void planned(String command, String target, List<String> revisions) {
                if (!revisions.isEmpty() && !command.equals("stamp")) {
                    lines.accept(command.substring(0, 1).toUpperCase(Locale.ROOT) + command.substring(1) + " to "
                            + target + ": " + revisions.size() + " revision" + (revisions.size() == 1 ? "" : "s")
                            + " to run");
                }
            }

            @Override
            public void starting(String revision, boolean upgrade) {
                lines.accept("  " + (upgrade ? "upgrade   " : "downgrade ") + revision + " ...");
            }

            @Override
            public void finished(String revision, boolean upgrade, Duration duration) {
                lines.accept("  " + (upgrade ? "upgraded  " : "reverted  ") + revision + " in " + duration.toMillis()
                        + " ms");
            }

            @Override
            public void batch(String revision, BatchUpdate.Progress progress) {
                lines.accept(String.format(Locale.ROOT, "  %s: %s batch %d, %,d rows so far, %.0f%% of the keys",
                        revision, progress.table(), progress.batch(), progress.rowsSoFar(), 100 * progress.fraction()));
            }

            @Override
            public void waitingForLock(String holder) {
                lines.accept("Waiting for another migrator: " + holder);
            }
        };
    }

    /**
     * Where an upgrade, a downgrade or a stamp left the database: {@code Now at: 0002_name},
     * {@code Nothing to do: the database is at 0002_name}, {@code Stamped: 0001_items}.
     */
    public String result(MigrationResult result) {
        if (result.command().equals("stamp")) { // a stamp of the current revision still clears marks
            return "Stamped: " + versions(result.versionAfter());
        }
        return result.nothingToDo() ? nothingToDo(result.versionAfter()) : "Now at: " + versions(result.versionAfter());
    }

    /** {@code Nothing to do: the database is at 0002_name}. */
    public String nothingToDo(List<String> versionRows) {
        return "Nothing to do: the database is at " + versions(versionRows);
    }

    /**
     * What {@code branches} says when it has nothing to list, instead of printing nothing:
     * {@code No branch points: none of the 11 revisions is revised by two or more revisions.}
     */
    public static String noBranchPoints(int revisions) {
        return "No branch points: none of the " + revisions + " revision" + (revisions == 1 ? "" : "s")
                + " is revised by two or more revisions, so the history is one line.";
    }

    /** Version-table rows as the texts show them: {@code base}, or the rows separated by commas. */
    public static String versions(List<String> versionRows) {
        return versionRows.isEmpty() ? "base" : String.join(", ", versionRows);
    }

    /**
     * What {@code check} found, in one paragraph: {@code OK: ...}, or each problem with what to do
     * about it ({@code Pending: 0002_name. Run divemap upgrade.}).
     */
    public String check(CheckResult check) {
        if (check.ok()) {
            return "OK: the database is at head and no applied revision has changed.";
        }
        List<String> problems = new ArrayList<>();
        if (!check.pending().isEmpty()) {
            problems.add("Pending: " + String.join(", ", check.pending()) + ". Run " + command("upgrade") + ".");
        }
        if (!check.changed().isEmpty()) {
            problems.add("Changed since applied: " + String.join(", ", check.changed()) + ". Restore the migrations"
                    + " as they were and put the change in a new revision.");
        }
        if (!check.unrecorded().isEmpty()) {
            problems.add("Applied by a batched run (recordEvery) but not recorded: "
                    + String.join(", ", check.unrecorded()) + ". Check which of them the schema holds, then run "
                    + command("stamp") + " (docs/troubleshooting.md#unrecorded_revisions).");
        }
        if (!check.interrupted().isEmpty()) {
            problems.add("Interrupted or left half-done: " + String.join(", ", check.interrupted()) + ". "
                    + command("upgrade") + " says what its journal knows; check the schema, then run "
                    + command("stamp") + " (docs/troubleshooting.md#interrupted_revision).");
        }
        if (!check.modelDifferences().isEmpty()) {
            problems.add("The entities differ from the schema at head; a new revision needs "
                    + check.modelDifferences().size() + " change" + (check.modelDifferences().size() == 1 ? "" : "s")
                    + ":\n  " + String.join("\n  ", check.modelDifferences()) + "\nRun " + command("revision")
                    + " with autogenerate (docs/autogenerate.md), review the file, and upgrade.");
        }
        return String.join(" ", problems);
    }

    /** The applied revisions {@code check} could not compare, or null when there are none. */
    public String unverifiable(CheckResult check) {
        return check.unverifiable().isEmpty() ? null : "Not verifiable: " + String.join(", ", check.unverifiable())
                + " (applied without a checksum, stamped, or their SQL needs the live database).";
    }

    /** {@code Database: jdbc:mysql://db/app as divemap (from DIVEMAP_URL)}, the password masked. */
    public String database(ResolvedSettings settings) {
        return "Database: " + Redaction.url(settings.url()) + (settings.user() != null ? " as " + settings.user() : "")
                + " (from " + settings.where(Setting.URL) + ")";
    }
}
