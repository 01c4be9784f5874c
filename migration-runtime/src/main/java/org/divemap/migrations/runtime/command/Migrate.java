package org.divemap.migrations.runtime.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.divemap.migrations.IrreversibleMigrationException;
import org.divemap.migrations.Migration;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.MigrationListener;
import org.divemap.migrations.runtime.MigrationResult;
import org.divemap.migrations.runtime.Preflight;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.graph.Plan;
import org.divemap.migrations.runtime.graph.RevisionMap;
import org.divemap.migrations.runtime.history.HistoryEntry;
import org.divemap.migrations.runtime.history.HistoryTable;
import org.divemap.migrations.runtime.history.TableLookup;
import org.divemap.migrations.runtime.history.VersionTable;
import org.divemap.migrations.runtime.lock.MigrationLock;
import org.divemap.migrations.runtime.sql.LiveOperations;

/**
 * The commands that change the database: {@code upgrade}, {@code downgrade} and {@code stamp}. Each
 * plans from the version table, takes the migration lock when there is something to do, plans again
 * under it, refuses what must not run (an unfinished revision, an {@code @Irreversible} one in a
 * downgrade's way), then runs the revisions one by one, recording each ({@link Recorder}).
 */
public final class Migrate {

    private final Context context;
    private final Setup setup;
    private final MigrationListener listener;

    public Migrate(Context context) {
        this.context = context;
        this.setup = context.setup();
        this.listener = setup.listener();
    }

    /** The revision map: asked for only when the plain read does not show the database at its target. */
    private RevisionMap map() {
        return context.map();
    }

    /** Applies every revision up to {@code target}. */
    public MigrationResult upgrade(String target) {
        return migrate("upgrade", target, rows -> map().upgrade(rows, target), true);
    }

    /** Reverts revisions down to {@code target}. */
    public MigrationResult downgrade(String target) {
        return migrate("downgrade", target, rows -> map().downgrade(rows, target), false);
    }

    /** Writes {@code targets} into the version table without running anything; {@code purge} empties it first. */
    public MigrationResult stamp(boolean purge, List<String> targets) {
        return migrate("stamp", String.join(" ", targets), rows -> map().stamp(rows, targets, purge), false);
    }

    /** What {@code upgrade(target)} or {@code downgrade(target)} would run now, after the same refusals. */
    public Preflight preflight(boolean upgrade, String target) {
        return context.withConnection(connection -> {
            List<String> rows = context.versionTable().read(connection);
            Plan plan = upgrade ? map().upgrade(rows, target) : map().downgrade(rows, target);
            Unfinished.refuse(context.historyTable().unfinished(connection), rows, map(), setup.retryInterrupted(),
                    setup.historyTable());
            refuseIrreversible(plan, target, rows);
            return new Preflight(upgrade, target, Context.sorted(rows),
                    plan.steps().stream().map(step -> step.revision().id()).toList(), plan.versionRowsAfter());
        });
    }

    /**
     * @param upgrade whether the command is an upgrade, which the registry's heads may show to have
     *     nothing to do without planning ({@link Context#atTargetWithoutMap}): then no revision is read
     */
    private MigrationResult migrate(String command, String target, Function<List<String>, Plan> planner,
            boolean upgrade) {
        // Most runs find the database already where it should be (an application starting up): when the
        // plan from a plain read is empty and no run left a mark in the history, there is nothing to lock
        // for. Otherwise plan again under the lock, where marks are certain (a run still going holds it),
        // and a stamp settles them even when the version rows stay as they are.
        boolean stamp = command.equals("stamp");
        // one connection for the plain read, kept for the run when there is something to do: a one-shot run
        // opens this one and the lock's, and a start-up with nothing to do only this one
        Connection first = context.openConnection();
        Dialect dialect = context.dialect(); // known by now: opening the connection detected it
        // the version and history tables are looked up in the catalog together, once per plan, and not at all
        // where reading them directly answers
        TableLookup lookup = new TableLookup(dialect, setup.schema(), setup.versionTable(), setup.historyTable());
        List<String> seen;
        boolean nothingToDo;
        try {
            seen = new VersionTable(dialect, setup.schema(), setup.versionTable(), lookup).read(first);
            nothingToDo = (upgrade && context.atTargetWithoutMap(seen, target) || planner.apply(seen).isEmpty())
                    && new HistoryTable(dialect, setup.schema(), setup.historyTable(), lookup).unfinished(first)
                            .isEmpty();
        } catch (RuntimeException | Error e) {
            Context.closeQuietly(first, e);
            throw e;
        }
        if (nothingToDo) {
            context.close(first);
            listener.planned(command, target, List.of());
            return new MigrationResult(command, target, Context.sorted(seen), List.of(), Context.sorted(seen));
        }
        try (MigrationLock lock = lock(dialect, first); Connection connection = first) {
            lookup.forget(); // another migrator may have created the tables before this one got the lock
            VersionTable versions = new VersionTable(dialect, setup.schema(), setup.versionTable(), lookup);
            HistoryTable history = new HistoryTable(dialect, setup.schema(), setup.historyTable(), lookup);
            List<String> before = versions.read(connection);
            Plan plan = planner.apply(before);
            List<HistoryEntry> marks = history.unfinished(connection);
            if (!stamp) {
                Unfinished.refuse(marks, before, map(), setup.retryInterrupted(), setup.historyTable());
            }
            refuseIrreversible(plan, target, before);
            if (command.equals("upgrade") && setup.validateOnMigrate() && !plan.steps().isEmpty()) {
                refuseChanged(connection, history, before);
            }
            // told only once nothing refuses: a front end prints it as what is about to run
            listener.planned(command, target, ids(plan));
            List<String> rows = Context.sorted(before);
            if (plan.isEmpty() && marks.isEmpty()) {
                return new MigrationResult(command, target, rows, List.of(), rows);
            }
            boolean fromNothing = before.isEmpty() && !versions.exists(connection);
            ensureTables(connection, versions, history);
            Set<String> written = new TreeSet<>(plan.versionRowsAfter());
            for (Plan.Step step : plan.steps()) {
                written.addAll(step.versionRowsAfter());
            }
            versions.requireFits(connection, written);
            if (stamp) {
                writeStamp(connection, versions, history, rows, plan.versionRowsAfter(), marks, target);
                return new MigrationResult(command, target, rows, List.of(), plan.versionRowsAfter());
            }
            if (!marks.isEmpty()) {
                Unfinished.retry(connection, history, marks);
            }
            if (plan.isEmpty()) {
                return new MigrationResult(command, target, rows, List.of(), rows);
            }
            try {
                return apply(command, target, lock, connection, dialect, versions, history, plan, rows);
            } catch (DivemapException e) {
                if (!fromNothing || e.kind() != Kind.MIGRATION_FAILED || !e.getMessage().startsWith("Revision "
                        + plan.steps().get(0).revision().id() + " ")) {
                    throw e;
                }
                // a mistyped version table on a database migrated before: say so
                String hint = versions.otherTablesHint(connection, Set.of(versions.name(), history.name(),
                        Configuration.H2_LOCK_TABLE)).orElse("");
                throw hint.isEmpty() ? e : new DivemapException(e.kind(), e.getMessage() + hint, e.getCause());
            }
        } catch (SQLException e) {
            throw new DivemapException(Kind.DATABASE, "The database failed during " + command + " " + target + ": "
                    + context.message(e), e);
        }
    }

    /** The ids of {@code plan}'s steps, in order (a loop: this is on every run's start-up path). */
    private static List<String> ids(Plan plan) {
        List<String> ids = new ArrayList<>(plan.steps().size());
        for (Plan.Step step : plan.steps()) {
            ids.add(step.revision().id());
        }
        return List.copyOf(ids);
    }

    /** Takes the migration lock on a connection of its own; closes {@code first} if that fails. */
    private MigrationLock lock(Dialect dialect, Connection first) {
        try {
            return MigrationLock.acquire(dialect, context.dataSource(), setup.schema(), setup.versionTable(),
                    setup.lockWait(), listener::waitingForLock);
        } catch (RuntimeException | Error e) {
            Context.closeQuietly(first, e);
            throw e;
        }
    }

    /** Runs the steps of {@code plan} under {@code lock}, recording each. */
    private MigrationResult apply(String command, String target, MigrationLock lock, Connection connection,
            Dialect dialect, VersionTable versions, HistoryTable history, Plan plan, List<String> before)
            throws SQLException {
        List<MigrationResult.Step> done = new ArrayList<>();
        List<String> rows = before;
        long verified = System.nanoTime();
        Thread preload = preload(plan);
        Recorder recorder = new Recorder(connection, dialect, versions, history, plan.steps(), setup.recordEvery(),
                rows);
        try {
            for (int i = 0; i < plan.steps().size(); i++) {
                Plan.Step step = plan.steps().get(i);
                // the lock's session can die under us (a killed connection): check before the first
                // step, then at most once a second, which costs a round trip each time
                try {
                    if (done.isEmpty() || System.nanoTime() - verified > 1_000_000_000L) {
                        lock.verifyHeld();
                        verified = System.nanoTime();
                    }
                } catch (RuntimeException e) {
                    recorder.abandon(i, e); // the record of the step before marked this one, which never started
                    throw e;
                }
                done.add(run(connection, dialect, recorder, i, step, rows, done));
                rows = step.versionRowsAfter();
            }
        } catch (Error e) {
            recorder.commitPending(e); // what the last revision recorded stays, whatever stops the run
            throw e;
        } finally {
            recorder.close();
            if (preload != null) {
                preload.interrupt();
            }
        }
        return new MigrationResult(command, target, before, done, rows);
    }

    /** Runs one step; on failure, settles what it did, writes its history row and throws the report. */
    private MigrationResult.Step run(Connection connection, Dialect dialect, Recorder recorder, int index,
            Plan.Step step, List<String> before, List<MigrationResult.Step> done) throws SQLException {
        RegisteredRevision revision = step.revision();
        String id = revision.id();
        String direction = step.upgrade() ? HistoryEntry.UP : HistoryEntry.DOWN;
        Instant start = Instant.now();
        long started = System.nanoTime();
        LiveOperations operations = new LiveOperations(connection, dialect, setup.namingConvention());
        boolean transactional = false;
        boolean commitEach = false;
        try {
            Migration migration = revision.newMigration(); // an irreversible step never gets here: refuseIrreversible
            transactional = dialect.transactionalDdl() && migration.transactional();
            operations.journal(recorder.starting(index, transactional));
            listener.starting(id, step.upgrade());
            operations.onBatchProgress(progress -> listener.batch(id, progress));
            // MySQL commits each DDL statement by itself, even with auto-commit off. Leaving it off there,
            // with the operations committing after every other statement, runs the migration exactly as
            // auto-commit would, and spares the two switches per revision that MySQL's driver sends.
            commitEach = !transactional && dialect.commitsEachStatement();
            if (commitEach) {
                operations.commitEachStatement();
            }
            Recorder.autoCommit(connection, !transactional && !commitEach);
            if (step.upgrade()) {
                migration.upgrade(operations);
            } else {
                migration.downgrade(operations);
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            recorder.applied(index, HistoryEntry.of(id, direction, start, duration, true, null)
                    .withChecksum(operations.checksum()).withSourceChecksum(revision.sourceDigest()));
            listener.finished(id, step.upgrade(), duration);
            return new MigrationResult.Step(id, step.upgrade(), duration);
        } catch (RuntimeException | SQLException e) {
            // first the record of the revision before (and this one's mark), if it waited for this one's first
            // DDL statement to commit it: whatever happens next, that revision stays recorded
            recorder.commitPending(e);
            if (commitEach) {
                commitAfterFailure(connection, e); // what ran stays, as with auto-commit: the undo below reverts it
            } else if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            String unrecorded = recorder.recordBeforeFailure(e); // the batch's earlier revisions, if any
            Recorder.autoCommit(connection, true);
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            String cause = e instanceof IrreversibleMigrationException ? e.getMessage() : context.message(e);
            LiveOperations.UndoReport undo = transactional ? null : operations.undo();
            String report = FailureReport.of(revision, step.upgrade(), operations, cause, undo, before,
                    recorder.versionRowsNow(before), done);
            boolean leftChanges = undo == null ? operations.committedEarly() : !undo.complete();
            recorder.failed(index, HistoryEntry.of(id, direction, start, duration, false, cause),
                    leftChanges ? report : null, e);
            throw new DivemapException(Kind.MIGRATION_FAILED, report + (leftChanges ? FailureReport.marked(id) : "")
                    + unrecorded, e);
        }
    }

    /**
     * Loads the migration classes of a long plan on a background thread while the database works
     * on the first ones, so that loading, verifying and initialising each class is not paid between
     * two revisions. Nothing else is done early: each migration is still created when it runs, and
     * a class that fails to load is reported there.
     */
    private static Thread preload(Plan plan) {
        if (plan.steps().size() < 16) {
            return null;
        }
        Thread thread = new Thread(() -> {
            for (Plan.Step step : plan.steps()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                RegisteredRevision revision = step.revision();
                try {
                    Class.forName(revision.migrationClass(), true, revision.factory().getClass().getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    // reported, with context, when the step runs
                }
            }
        }, "divemap-preload");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * An upgrade over applied revisions whose migrations were edited since they ran runs nothing: the
     * schema is not what this build's history says it is.
     */
    private void refuseChanged(Connection connection, HistoryTable history, List<String> before) {
        RevisionMap map = map();
        List<String> changed = Check.changed(context, history.list(connection), map.applied(before));
        if (changed.isEmpty()) {
            return;
        }
        List<String> named = changed.stream().map(id -> id + " (" + map.revision(id).migrationClass() + ")").toList();
        throw new DivemapException(Kind.CHANGED_REVISIONS, "Cannot upgrade: " + (changed.size() == 1
                ? "revision " + named.get(0) + " was" : "revisions " + String.join(", ", named) + " were")
                + " applied to this database and edited since: this build's migration is not the one that ran."
                + " Nothing was changed. Restore " + (changed.size() == 1 ? "it" : "them") + " as " + (changed.size() == 1
                ? "it" : "they") + " ran and put the change in a new revision; or, if the edit changes nothing in"
                + " the database, upgrade with validation off (--no-validate, -Ddivemap.validate=false,"
                + " validateOnMigrate(false)). See docs/troubleshooting.md#changed_revisions.");
    }

    /** A downgrade that would cross an {@code @Irreversible} revision runs none of its steps. */
    private static void refuseIrreversible(Plan plan, String target, List<String> before) {
        for (Plan.Step step : plan.steps()) {
            RegisteredRevision revision = step.revision();
            if (!step.upgrade() && !revision.reversible()) {
                throw new DivemapException(Kind.IRREVERSIBLE, "Cannot downgrade to " + target + ": the way down"
                        + " passes " + revision.id() + ", which is @Irreversible (" + revision.irreversibleReason()
                        + "). Nothing was changed; the database is at " + (before.isEmpty() ? "base"
                                : String.join(", ", Context.sorted(before))) + ".");
            }
        }
    }

    private static void ensureTables(Connection connection, VersionTable versions, HistoryTable history)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.setAutoCommit(true);
        }
        versions.create(connection);
        history.create(connection);
        if (!autoCommit) {
            connection.setAutoCommit(false);
        }
    }

    /**
     * Writes the stamped version rows and their history rows in one transaction. The marks of
     * unfinished revisions are settled with them: the stamp says where the schema is, even when it
     * names the revisions the version table already holds.
     */
    private static void writeStamp(Connection connection, VersionTable versions, HistoryTable history,
            List<String> before, List<String> after, List<HistoryEntry> marks, String target) throws SQLException {
        Instant start = Instant.now();
        connection.setAutoCommit(false);
        try {
            history.settle(connection, marks, "Cleared by stamp " + target);
            Recorder.writeRows(connection, versions, before, after);
            for (String added : after) {
                if (!before.contains(added)) {
                    history.record(connection, HistoryEntry.of(added, HistoryEntry.STAMP, start, Duration.ZERO, true,
                            null));
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            versions.release();
            history.release();
            connection.setAutoCommit(true);
        }
    }

    /**
     * Commits what a failed migration left open in commit-each mode: only work done through
     * {@code op.connection()} can be, and auto-commit would have committed it as it ran.
     */
    private static void commitAfterFailure(Connection connection, Throwable failure) {
        try {
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
