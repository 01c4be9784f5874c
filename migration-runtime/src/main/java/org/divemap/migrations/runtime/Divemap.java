package org.divemap.migrations.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;
import org.divemap.migrations.IrreversibleMigrationException;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.graph.Plan;
import org.divemap.migrations.runtime.graph.RevisionMap;
import org.divemap.migrations.runtime.history.HistoryEntry;
import org.divemap.migrations.runtime.history.HistoryTable;
import org.divemap.migrations.runtime.history.VersionTable;
import org.divemap.migrations.runtime.lock.MigrationLock;

/**
 * The entry point: an immutable, loaded set of revisions and a database, with Alembic's commands.
 *
 * <pre>{@code
 * try (Divemap divemap = Divemap.configure().dataSource(url, user, password).load()) {
 *     MigrationResult result = divemap.upgrade("head");
 *     System.out.println("now at " + result.versionAfter());
 * }
 * }</pre>
 *
 * <p>Commands that change the database take the migration lock first, so one migrator runs per
 * database at a time; a second one waits, then finds nothing left to do. A command that fails on
 * bad input changes nothing. Results are small immutable records; printing is the caller's.
 */
public final class Divemap implements AutoCloseable {

    private final Configuration configuration;
    private final DataSource dataSource;
    private final UrlDataSource ownConnections;
    private final RevisionMap map;
    private Dialect dialect;

    Divemap(Configuration configuration) {
        this.configuration = configuration;
        this.map = RevisionMap.of(loadRevisions(configuration));
        if (configuration.dataSource != null || configuration.url == null) {
            this.dataSource = configuration.dataSource;
            this.ownConnections = null;
        } else {
            this.ownConnections = new UrlDataSource(configuration);
            this.dataSource = ownConnections;
        }
    }

    /** Starts a configuration. */
    public static Configuration configure() {
        return new Configuration();
    }

    private static List<RegisteredRevision> loadRevisions(Configuration configuration) {
        List<RevisionRegistry> registries = new ArrayList<>(configuration.registries);
        if (registries.isEmpty()) {
            ClassLoader loader = configuration.classLoader != null ? configuration.classLoader
                    : Thread.currentThread().getContextClassLoader();
            ServiceLoader.load(RevisionRegistry.class, loader).forEach(registries::add);
        }
        if (registries.isEmpty()) {
            throw new DivemapException(Kind.CONFIGURATION, "No revision registry found on the class path. Compile your"
                    + " @Revision classes with migration-processor (annotationProcessorPaths in maven-compiler-plugin),"
                    + " which generates one, and put the compiled classes on the class path"
                    + (configuration.classLoader != null ? " of the given class loader." : "."));
        }
        List<RegisteredRevision> revisions = new ArrayList<>();
        for (RevisionRegistry registry : registries) {
            revisions.addAll(registry.revisions());
        }
        return revisions;
    }

    /** Closes the connections this instance opened; a data source passed in is left open. */
    @Override
    public void close() {
        if (ownConnections != null) {
            ownConnections.close();
        }
    }

    // ---------------------------------------------------------------- read-only commands

    /** The revisions of this build and the rules that order them; no database needed. */
    public RevisionMap revisionMap() {
        return map;
    }

    /** The heads of the revision graph, as {@code alembic heads}. No database needed. */
    public List<RevisionInfo> heads() {
        return infos(map.heads(), Set.of());
    }

    /** The branch points of the revision graph, as {@code alembic branches}. No database needed. */
    public List<RevisionInfo> branches() {
        return infos(map.branchPoints(), Set.of());
    }

    /** The revisions a target names, as {@code alembic show}. No database needed. */
    public List<RevisionInfo> show(String revision) {
        return infos(map.resolve(revision), Set.of());
    }

    /**
     * The revisions of a range {@code lower:upper} (either side may be empty: {@code base:heads} is
     * everything), newest first, as {@code alembic history -r}. Marks current revisions when the
     * database can be read.
     */
    public List<RevisionInfo> history(String range) {
        return history(range, dataSource != null);
    }

    private List<RevisionInfo> history(String range, boolean markCurrent) {
        String lower = "";
        String upper = "";
        if (range != null && !range.isBlank()) {
            int colon = range.indexOf(':');
            if (colon < 0) {
                throw new DivemapException(Kind.MALFORMED_TARGET, "\"" + range + "\" is not a range. Write"
                        + " LOWER:UPPER, for example base:head, 0003_add_country: or :head.");
            }
            lower = range.substring(0, colon);
            upper = range.substring(colon + 1);
        }
        List<String> ids = map.range(lower, upper);
        return infos(ids, markCurrent ? new HashSet<>(currentRows()) : Set.of());
    }

    /** What the version table lists, as {@code alembic current}. */
    public CurrentResult current() {
        List<String> rows = currentRows();
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String row : rows) {
            (map.revision(row) != null ? known : unknown).add(row);
        }
        boolean atHead = unknown.isEmpty() && map.upgrade(rows, "heads").steps().isEmpty();
        return new CurrentResult(infos(known, new HashSet<>(rows)), unknown, map.heads(), atHead);
    }

    private List<String> currentRows() {
        return withConnection(connection -> {
            VersionTable versions = versionTable();
            return new ArrayList<>(new TreeSet<>(versions.read(connection)));
        });
    }

    private List<RevisionInfo> infos(List<String> ids, Set<String> current) {
        Set<String> branchPoints = new HashSet<>(map.branchPoints());
        Set<String> heads = new HashSet<>(map.heads());
        List<RevisionInfo> infos = new ArrayList<>(ids.size());
        for (String id : ids) {
            RegisteredRevision r = map.revision(id);
            infos.add(new RevisionInfo(id, r.revises(), r.dependsOn(), map.branchLabels(id), r.message(),
                    r.migrationClass(), heads.contains(id), branchPoints.contains(id), r.reversible(),
                    current.contains(id)));
        }
        return infos;
    }

    // ---------------------------------------------------------------- changing commands

    /** Applies every revision up to {@code target}: {@code head}, {@code heads}, an id, {@code +1}, {@code label@head}... */
    public MigrationResult upgrade(String target) {
        return migrate("upgrade", target, rows -> map.upgrade(rows, target));
    }

    /** Reverts revisions down to {@code target}: {@code -1}, {@code base}, an id, {@code label@base}... */
    public MigrationResult downgrade(String target) {
        return migrate("downgrade", target, rows -> map.downgrade(rows, target));
    }

    /**
     * Writes {@code targets} into the version table without running any migration. With
     * {@code purge}, the table is emptied first, which also repairs a table that names revisions
     * this build does not have.
     */
    public MigrationResult stamp(boolean purge, String... targets) {
        return migrate("stamp", String.join(" ", targets), rows -> map.stamp(rows, List.of(targets), purge));
    }

    /**
     * Checks, changing nothing and taking no lock, that {@code upgrade(target)} (or
     * {@code downgrade(target)}) could start now, and returns what it would run: the version rows
     * must be known to this build, no run recording in batches may have left revisions unrecorded,
     * and no {@code @Irreversible} revision may stand in a downgrade's way. The command's own checks
     * are the same; this lets a caller act between them and the run, as {@code --safe} takes its
     * backup.
     *
     * @throws DivemapException as the command would, before anything changes
     */
    public Plan preflight(boolean upgrade, String target) {
        return withConnection(connection -> {
            List<String> rows = versionTable().read(connection);
            Plan plan = upgrade ? map.upgrade(rows, target) : map.downgrade(rows, target);
            Unfinished.refuse(historyTable().unfinished(connection), rows, map, configuration.retryInterrupted);
            refuseIrreversible(plan, target, rows);
            return plan;
        });
    }

    private MigrationResult migrate(String command, String target, Function<List<String>, Plan> planner) {
        // Most runs find the database already where it should be (an application starting up): when the
        // plan from a plain read is empty and no run left a mark in the history, there is nothing to lock
        // for. Otherwise plan again under the lock, where marks are certain (a run still going holds it),
        // and a stamp settles them even when the version rows stay as they are.
        boolean stamp = command.equals("stamp");
        List<String> seen = new ArrayList<>();
        boolean nothingToDo = withConnection(connection -> {
            seen.addAll(versionTable().read(connection));
            // on the same connection: a start-up borrows only one
            return planner.apply(seen).isEmpty() && historyTable().unfinished(connection).isEmpty();
        });
        if (nothingToDo) {
            configuration.listener.planned(command, target, List.of());
            return new MigrationResult(command, target, sorted(seen), List.of(), sorted(seen));
        }
        Dialect dialect = dialect(); // known by now: the read above detected it on its connection
        try (MigrationLock lock = MigrationLock.acquire(dialect, dataSource, configuration.schema,
                        configuration.versionTable, configuration.lockWait, configuration.listener::waitingForLock);
                Connection connection = connect()) {
            VersionTable versions = versionTable();
            HistoryTable history = historyTable();
            List<String> before = versions.read(connection);
            Plan plan = planner.apply(before);
            configuration.listener.planned(command, target,
                    plan.steps().stream().map(s -> s.revision().id()).toList());
            List<HistoryEntry> marks = history.unfinished(connection);
            if (!stamp) {
                Unfinished.refuse(marks, before, map, configuration.retryInterrupted);
            }
            if (plan.isEmpty() && marks.isEmpty()) {
                return new MigrationResult(command, target, sorted(before), List.of(), sorted(before));
            }
            refuseIrreversible(plan, target, before);
            boolean fromNothing = before.isEmpty() && !versions.exists(connection);
            ensureTables(connection, versions, history);
            Set<String> written = new TreeSet<>(plan.versionRowsAfter());
            plan.steps().forEach(step -> written.addAll(step.versionRowsAfter()));
            versions.requireFits(connection, written);
            List<String> rows = sorted(before);
            if (plan.direction() == Plan.Direction.STAMP || stamp) {
                writeStamp(connection, versions, history, rows, plan.versionRowsAfter(), marks, target);
                return new MigrationResult(command, target, sorted(before), List.of(), plan.versionRowsAfter());
            }
            if (!marks.isEmpty()) {
                Unfinished.retry(connection, history, marks);
            }
            if (plan.isEmpty()) {
                return new MigrationResult(command, target, sorted(before), List.of(), sorted(before));
            }
            try {
                return apply(command, target, lock, connection, dialect, versions, history, plan, before);
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
                    + message(e), e);
        }
    }

    /** Runs the steps of {@code plan} under {@code lock}, recording each. */
    private MigrationResult apply(String command, String target, MigrationLock lock, Connection connection,
            Dialect dialect, VersionTable versions, HistoryTable history, Plan plan, List<String> before)
            throws SQLException {
        List<MigrationResult.Step> done = new ArrayList<>();
        List<String> rows = sorted(before);
        long verified = System.nanoTime();
        Thread preload = preload(plan);
        Recorder recorder = new Recorder(connection, dialect, versions, history, plan.steps(),
                configuration.recordEvery, rows);
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
        } finally {
            if (preload != null) {
                preload.interrupt();
            }
        }
        return new MigrationResult(command, target, sorted(before), done, rows);
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

    /** A downgrade that would cross an {@code @Irreversible} revision runs none of its steps. */
    private static void refuseIrreversible(Plan plan, String target, List<String> before) {
        for (Plan.Step step : plan.steps()) {
            RegisteredRevision revision = step.revision();
            if (!step.upgrade() && !revision.reversible()) {
                throw new DivemapException(Kind.IRREVERSIBLE, "Cannot downgrade to " + target + ": the way down"
                        + " passes " + revision.id() + ", which is @Irreversible (" + revision.irreversibleReason()
                        + "). Nothing was changed; the database is at " + (before.isEmpty() ? "base"
                                : String.join(", ", sorted(before))) + ".");
            }
        }
    }

    private void ensureTables(Connection connection, VersionTable versions, HistoryTable history) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        versions.create(connection);
        history.create(connection);
        connection.setAutoCommit(autoCommit);
    }

    /**
     * Writes the stamped version rows and their history rows in one transaction. The marks of
     * unfinished revisions are settled with them: the stamp says where the schema is, even when it
     * names the revisions the version table already holds.
     */
    private void writeStamp(Connection connection, VersionTable versions, HistoryTable history, List<String> before,
            List<String> after, List<HistoryEntry> marks, String target) throws SQLException {
        Instant start = Instant.now();
        connection.setAutoCommit(false);
        try {
            history.settle(connection, marks, "Cleared by stamp " + target);
            Recorder.writeRows(connection, versions, before, after);
            for (String added : after) {
                if (!before.contains(added)) {
                    history.record(connection, entry(added, "stamp", start, true, null));
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private MigrationResult.Step run(Connection connection, Dialect dialect, Recorder recorder, int index,
            Plan.Step step, List<String> before, List<MigrationResult.Step> done) throws SQLException {
        RegisteredRevision revision = step.revision();
        String id = revision.id();
        String direction = step.upgrade() ? "up" : "down";
        Instant start = Instant.now();
        long started = System.nanoTime();
        JdbcOperations operations = new JdbcOperations(connection, dialect, configuration.namingConvention);
        boolean transactional = false;
        boolean commitEach = false;
        try {
            Migration migration = revision.newMigration(); // an irreversible step never gets here: refuseIrreversible
            transactional = dialect.transactionalDdl() && migration.transactional();
            operations.journal(recorder.starting(index, transactional));
            configuration.listener.starting(id, step.upgrade());
            operations.onBatchProgress(progress -> configuration.listener.batch(id, progress));
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
            recorder.applied(index, entry(id, direction, start, true, null, duration)
                    .withChecksum(operations.checksum()));
            configuration.listener.finished(id, step.upgrade(), duration);
            return new MigrationResult.Step(id, step.upgrade(), duration);
        } catch (RuntimeException | SQLException e) {
            if (commitEach) {
                commitAfterFailure(connection, e); // what ran stays, as with auto-commit: the undo below reverts it
            } else if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            String unrecorded = recorder.recordBeforeFailure(e); // the batch's earlier revisions, if any
            Recorder.autoCommit(connection, true);
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            String cause = e instanceof IrreversibleMigrationException ? e.getMessage() : message(e);
            JdbcOperations.UndoReport undo = transactional ? null : operations.undo();
            String report = failure(revision, step.upgrade(), operations, cause, undo, before, done);
            boolean leftChanges = undo == null ? operations.committedEarly() : !undo.complete();
            recorder.failed(index, entry(id, direction, start, false, cause, duration), leftChanges ? report : null, e);
            throw new DivemapException(Kind.MIGRATION_FAILED, report + (leftChanges ? "\n  The history table"
                    + " marks " + id + " as having left changes: later runs refuse to start until a stamp says"
                    + " where the schema is, or, if its migration is declared re-runnable, until one retries it"
                    + " (retryInterrupted, --retry-interrupted); see docs/troubleshooting.md#interrupted_revision."
                    : "") + unrecorded, e);
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

    private String failure(RegisteredRevision revision, boolean upgrade, JdbcOperations operations, String cause,
            JdbcOperations.UndoReport undo, List<String> before, List<MigrationResult.Step> done) {
        StringBuilder text = new StringBuilder();
        text.append("Revision ").append(revision.id()).append(" (").append(revision.migrationClass())
                .append(") failed during ").append(upgrade ? "upgrade" : "downgrade").append(": ").append(cause);
        if (operations.failedStatement() != null) {
            text.append("\n  Failing statement: ").append(operations.failedStatement());
        }
        if (undo == null) {
            text.append(operations.committedEarly()
                    ? "\n  It was rolled back to its last commit: op.batchUpdate commits the work before it and"
                            + " each batch, and those stay. Once fixed, run it again (its batch action must be"
                            + " safe to repeat), or undo them by hand."
                    : "\n  It was rolled back completely.");
        } else if (undo.undone().isEmpty() && undo.kept().isEmpty()) {
            text.append("\n  None of its statements had run.");
        } else {
            if (!undo.undone().isEmpty()) {
                text.append("\n  The database commits each DDL statement, so what ran before the failure was undone:");
                undo.undone().forEach(op -> text.append("\n    undone: ").append(op.description()));
            }
            if (undo.complete()) {
                text.append("\n  The schema is back at the previous revision.");
            } else {
                text.append("\n  These statements ran before the failure and could not be undone automatically"
                        + (undo.failure() != null ? " (" + undo.failure() + ")" : "")
                        + "; undo them by hand, or restore a backup, before running again:");
                for (JdbcOperations.Done op : undo.kept()) {
                    op.statements().forEach(sql -> text.append("\n    ").append(sql).append(';'));
                }
            }
        }
        text.append("\n  ").append(revision.id()).append(" is not recorded: the version table still says ")
                .append(before.isEmpty() ? "(empty)" : String.join(", ", before)).append('.');
        text.append(ranBefore(done));
        return text.toString();
    }

    private static String ranBefore(List<MigrationResult.Step> done) {
        if (done.isEmpty()) {
            return "";
        }
        return " Revisions completed before it in this run: "
                + String.join(", ", done.stream().map(MigrationResult.Step::revision).toList()) + ".";
    }

    private HistoryEntry entry(String revision, String direction, Instant start, boolean success, String error) {
        return entry(revision, direction, start, success, error, Duration.ZERO);
    }

    private HistoryEntry entry(String revision, String direction, Instant start, boolean success, String error,
            Duration duration) {
        return HistoryEntry.of(revision, direction, start, duration, success, error);
    }

    // ---------------------------------------------------------------- offline SQL and check

    /**
     * The SQL an upgrade over {@code range} would run, as a script, without a database:
     * {@code "base:head"}, {@code "0002_sites:0005_photos"}, or just a target (from base). Version-table
     * statements are included. A migration that needs the live database ({@code op.connection()},
     * {@code op.schema()}, {@code op.batchUpdate}) cannot be rendered, and the error names it.
     */
    public String upgradeScript(Operations.Database database, String range) {
        return script(true, database, range);
    }

    /** The SQL a downgrade over {@code range} ({@code "head:base"}, {@code "0005:0002"}) would run, as a script. */
    public String downgradeScript(Operations.Database database, String range) {
        return script(false, database, range);
    }

    private String script(boolean upgrade, Operations.Database database, String range) {
        int colon = range.indexOf(':');
        if (colon < 0 && !upgrade) {
            throw new DivemapException(Kind.MALFORMED_TARGET, "An offline downgrade needs a range FROM:TO, such as"
                    + " head:base or 0005_photos:0002_sites: without a database there is no current revision.");
        }
        String from = colon < 0 ? "base" : range.substring(0, colon);
        String to = colon < 0 ? range : range.substring(colon + 1);
        List<String> rows = from.isEmpty() || from.equals("base") ? List.of() : map.resolve(from);
        Plan plan = upgrade ? map.upgrade(rows, to) : map.downgrade(rows, to);
        Dialect dialect = Dialect.of(database);
        configuration.requireNamesFit(dialect);
        VersionTable versions = new VersionTable(dialect, configuration.schema, configuration.versionTable);
        StringBuilder sql = new StringBuilder();
        sql.append("-- Divemap Migrations: ").append(upgrade ? "upgrade" : "downgrade").append(' ').append(from)
                .append(':').append(to).append(" for ").append(dialect.displayName()).append("\n\n");
        if (upgrade && rows.isEmpty()) {
            sql.append(versions.createStatement()).append(";\n\n");
        }
        List<String> before = sorted(rows);
        for (Plan.Step step : plan.steps()) {
            RegisteredRevision revision = step.revision();
            requireRenderable(revision, step.upgrade());
            Migration migration = revision.newMigration();
            JdbcOperations operations;
            try {
                operations = renderOffline(migration, step.upgrade(), dialect);
            } catch (IllegalStateException | UnsupportedOperationException e) {
                throw new DivemapException(Kind.MIGRATION_FAILED, "Revision " + revision.id() + " ("
                        + revision.migrationClass() + ") cannot be rendered offline: " + e.getMessage()
                        + " Run it against the database instead.", e);
            }
            boolean transaction = dialect.transactionalDdl() && migration.transactional();
            sql.append("-- Running ").append(step.upgrade() ? "upgrade " : "downgrade ")
                    .append(step.upgrade() ? parents(revision) + " -> " + revision.id()
                            : revision.id() + " -> " + parents(revision))
                    .append(revision.message().isEmpty() ? "" : ", " + oneLine(revision.message())).append("\n");
            if (transaction) {
                sql.append("BEGIN;\n");
            }
            for (String statement : operations.executed()) {
                sql.append(statement).append(";\n");
            }
            for (String statement : versions.changeStatements(before, step.versionRowsAfter())) {
                sql.append(statement).append(";\n");
            }
            if (transaction) {
                sql.append("COMMIT;\n");
            }
            sql.append('\n');
            before = step.versionRowsAfter();
        }
        return sql.toString();
    }

    /**
     * The statements one revision's upgrade or downgrade renders for {@code database}, computed
     * without a connection: the SQL the history table's checksum covers. Empty when the migration
     * needs the live database ({@code op.connection()}, {@code op.schema()}, {@code op.batchUpdate}),
     * since its statements then depend on the data.
     *
     * @throws DivemapException (UNKNOWN_REVISION) if no revision has this id, and (IRREVERSIBLE) when
     *     asked for the downgrade of an {@code @Irreversible} revision
     */
    public java.util.Optional<List<String>> render(String revision, boolean upgrade, Operations.Database database) {
        RegisteredRevision registered = map.revision(revision);
        if (registered == null) {
            throw new DivemapException(Kind.UNKNOWN_REVISION, "No revision \"" + revision + "\" in this build.");
        }
        requireRenderable(registered, upgrade);
        try {
            return java.util.Optional.of(List.copyOf(renderOffline(registered.newMigration(), upgrade,
                    Dialect.of(database)).executed()));
        } catch (IllegalStateException | UnsupportedOperationException e) {
            return java.util.Optional.empty();
        }
    }

    private static void requireRenderable(RegisteredRevision revision, boolean upgrade) {
        if (!upgrade && !revision.reversible()) {
            throw new DivemapException(Kind.IRREVERSIBLE, "Cannot render the downgrade of " + revision.id()
                    + ": it is @Irreversible (" + revision.irreversibleReason() + ").");
        }
    }

    /**
     * Runs one direction of a migration on operations that only record its SQL. Throws
     * IllegalStateException or UnsupportedOperationException when it needs the live database.
     */
    private JdbcOperations renderOffline(Migration migration, boolean upgrade, Dialect dialect) {
        JdbcOperations operations = new JdbcOperations(null, dialect, configuration.namingConvention);
        if (upgrade) {
            migration.upgrade(operations);
        } else {
            migration.downgrade(operations);
        }
        return operations;
    }

    /** A message on one line: a line break would end the script's {@code --} comment, and the rest would run. */
    private static String oneLine(String message) {
        return message.replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " ");
    }

    private static String parents(RegisteredRevision revision) {
        return revision.revises().isEmpty() ? "<base>" : String.join(", ", revision.revises());
    }

    /**
     * Whether the database is at head, and whether any applied revision now renders different SQL
     * than when it was applied (each applied revision's checksum is in the history table), as
     * {@code alembic check} and Flyway's validate; also names the revisions that a run recording in
     * batches ({@link Configuration#recordEvery}) stopped before recording, and the revisions a run
     * was interrupted inside or left changes of ({@code INTERRUPTED_REVISION}).
     */
    public CheckResult check() {
        return withConnection(connection -> {
            Dialect dialect = dialect(); // detected on this connection
            List<String> rows = versionTable().read(connection);
            List<String> pending = map.upgrade(rows, "heads").steps().stream().map(s -> s.revision().id()).toList();
            HistoryTable history = historyTable();
            java.util.Map<String, String> applied = new java.util.HashMap<>();
            List<String> unrecorded = new ArrayList<>();
            List<String> interrupted = new ArrayList<>();
            for (HistoryEntry entry : history.list(connection)) {
                switch (entry.state()) {
                    case DONE -> {
                        if (entry.direction().equals(HistoryEntry.UP) && entry.checksum() != null) {
                            applied.put(entry.revision(), entry.checksum());
                        }
                    }
                    case UNRECORDED -> unrecorded.add(entry.revision());
                    case RUNNING, LEFT_CHANGES -> interrupted.add(entry.revision());
                    case FAILED -> { }
                }
            }
            List<String> changed = new ArrayList<>();
            List<String> unverifiable = new ArrayList<>();
            for (String id : map.applied(rows)) {
                String recorded = applied.get(id);
                JdbcOperations operations;
                try {
                    operations = renderOffline(map.revision(id).newMigration(), true, dialect);
                } catch (IllegalStateException | UnsupportedOperationException e) {
                    unverifiable.add(id);
                    continue;
                }
                if (recorded == null) {
                    unverifiable.add(id);
                } else if (!recorded.equals(operations.checksum()) && !EarlierQuoting.matches(recorded, dialect,
                        d -> renderOffline(map.revision(id).newMigration(), true, d).checksum())) {
                    changed.add(id);
                }
            }
            return new CheckResult(sorted(rows), pending, changed, unverifiable, unrecorded, interrupted);
        });
    }

    // ---------------------------------------------------------------- plumbing

    private VersionTable versionTable() {
        return new VersionTable(dialect(), configuration.schema, configuration.versionTable);
    }

    private HistoryTable historyTable() {
        return new HistoryTable(dialect(), configuration.schema, configuration.historyTable);
    }

    /** The database's dialect, detected on the first connection a command opens. */
    private Dialect dialect() {
        if (knownDialect() == null) {
            withConnection(connection -> null);
        }
        return knownDialect();
    }

    private synchronized Dialect knownDialect() {
        return dialect;
    }

    private synchronized void detect(Connection connection) throws SQLException {
        if (dialect == null) {
            Dialect detected = Dialect.detect(connection);
            configuration.requireNamesFit(detected); // before any table or lock is named after them
            dialect = detected;
        }
    }

    private interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T withConnection(SqlFunction<T> work) {
        try (Connection connection = connect()) {
            detect(connection);
            return work.apply(connection);
        } catch (SQLException e) {
            throw new DivemapException(Kind.DATABASE, "The database failed: " + message(e), e);
        }
    }

    private Connection connect() {
        if (dataSource == null) {
            throw new DivemapException(Kind.CONFIGURATION, "No database configured. Call dataSource(url, user,"
                    + " password) or dataSource(DataSource) before load(); without one, only heads, branches, show,"
                    + " history and offline scripts work.");
        }
        try {
            return dataSource.getConnection();
        } catch (RuntimeException e) {
            if (e instanceof DivemapException divemap) {
                throw divemap;
            }
            // HikariCP reports a URL no driver accepts this way
            throw new DivemapException(Kind.CONNECTION, "Cannot connect to "
                    + (configuration.url != null ? Redaction.url(configuration.url) : "the configured data source")
                    + ": " + message(rootCause(e)) + ". No JDBC driver on the class path accepts this URL: add the"
                    + " database's driver (com.mysql:mysql-connector-j, org.mariadb.jdbc:mariadb-java-client,"
                    + " org.postgresql:postgresql, com.h2database:h2)"
                    + " to the application, or check the URL's prefix.", redacted(e));
        } catch (SQLException e) {
            throw new DivemapException(Kind.CONNECTION, "Cannot connect to "
                    + (configuration.url != null ? Redaction.url(configuration.url) : "the configured data source")
                    + (configuration.user != null ? " as " + configuration.user : "") + ": "
                    + sentence(message(rootCause(e)))
                    + " Check the URL, the user and the password, and that the server is running.", redacted(e));
        }
    }

    /** The driver's message ending with a full stop, so that the advice after it reads as a sentence. */
    private static String sentence(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?") ? trimmed : trimmed + ".";
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private String message(Throwable e) {
        String text = e.getMessage() != null ? e.getMessage() : e.toString();
        return Redaction.text(text, configuration.password, configuration.url);
    }

    /** The cause to attach to an error: the exception, or a masked copy when a message in it shows a password. */
    private Throwable redacted(Throwable e) {
        return Redaction.throwable(e, configuration.password, configuration.url);
    }

    private static List<String> sorted(List<String> rows) {
        return List.copyOf(new TreeSet<>(rows));
    }

    @Override
    public String toString() {
        return "Divemap[" + map.revisions().size() + " revisions, " + configuration + "]";
    }
}
