package org.divemap.migrations.runtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
    private final HikariDataSource ownPool;
    private final RevisionMap map;
    private Dialect dialect;

    Divemap(Configuration configuration) {
        this.configuration = configuration;
        this.map = RevisionMap.of(loadRevisions(configuration));
        if (configuration.dataSource != null || configuration.url == null) {
            this.dataSource = configuration.dataSource;
            this.ownPool = null;
        } else {
            this.ownPool = pool(configuration);
            this.dataSource = ownPool;
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

    private static HikariDataSource pool(Configuration configuration) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(configuration.url);
        // a blank user means "as the URL says"; so does a missing password
        if (configuration.user != null && !configuration.user.isBlank()) {
            hikari.setUsername(configuration.user);
        }
        if (configuration.password != null && !configuration.password.isEmpty()) {
            hikari.setPassword(configuration.password);
        }
        hikari.setPoolName("divemap");
        // Named, the driver is loaded through the context class loader, which sees the application's
        // drivers even when Divemap itself is loaded elsewhere (a Maven plugin, a command-line tool).
        hikari.setMaximumPoolSize(3);
        hikari.setMinimumIdle(0);
        hikari.setInitializationFailTimeout(-1); // connect when a command needs it, and report errors there
        hikari.setConnectionTimeout(configuration.connectTimeout.toMillis());
        try {
            String driver = driverClass(configuration.url);
            if (driver != null) {
                hikari.setDriverClassName(driver); // throws when the driver is not on the class path
            }
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            // HikariCP reports a URL that no driver accepts this way
            throw new DivemapException(Kind.CONNECTION, "Cannot connect to " + Redaction.url(configuration.url) + ": no"
                    + " JDBC driver on the class path accepts this URL ("
                    + Redaction.text(String.valueOf(rootCause(e).getMessage()), configuration.password, configuration.url)
                    + "). Add the database's driver (com.mysql:mysql-connector-j,"
                    + " org.mariadb.jdbc:mariadb-java-client, org.postgresql:postgresql, com.h2database:h2) to the"
                    + " application, or check the URL's prefix.",
                    Redaction.throwable(e, configuration.password, configuration.url));
        }
    }

    private static String driverClass(String url) {
        if (url.startsWith("jdbc:mysql:")) {
            return "com.mysql.cj.jdbc.Driver";
        } else if (url.startsWith("jdbc:mariadb:")) {
            return "org.mariadb.jdbc.Driver";
        } else if (url.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        } else if (url.startsWith("jdbc:h2:")) {
            return "org.h2.Driver";
        }
        return null;
    }

    /** Closes the connection pool this instance created; a data source passed in is left open. */
    @Override
    public void close() {
        if (ownPool != null) {
            ownPool.close();
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
            refuseUnrecorded(connection, historyTable(), rows);
            refuseIrreversible(plan, target, rows);
            return plan;
        });
    }

    private MigrationResult migrate(String command, String target, Function<List<String>, Plan> planner) {
        Dialect dialect = dialect();
        // Most runs find the database already where it should be (an application starting up): when the
        // plan from a plain read is empty, there is nothing to lock for. Otherwise plan again under the lock.
        // Even then, a batched run that died (recordEvery) may have left the schema elsewhere than the
        // version table says: its marks stop this run as they stop one with work to do.
        boolean stamp = command.equals("stamp");
        List<String> seen = new ArrayList<>();
        Plan unlocked = withConnection(connection -> {
            seen.addAll(versionTable().read(connection));
            Plan plan = planner.apply(seen);
            if (plan.isEmpty() && !stamp) { // on the same connection: a start-up borrows only one
                refuseUnrecorded(connection, historyTable(), seen);
            }
            return plan;
        });
        if (unlocked.isEmpty()) {
            configuration.listener.planned(command, target, List.of());
            return new MigrationResult(command, target, sorted(seen), List.of(), sorted(seen));
        }
        try (MigrationLock lock = MigrationLock.acquire(dialect, dataSource, configuration.schema,
                        configuration.versionTable, configuration.lockWait, configuration.listener::waitingForLock);
                Connection connection = connect()) {
            VersionTable versions = versionTable();
            HistoryTable history = historyTable();
            List<String> before = versions.read(connection);
            Plan plan = planner.apply(before);
            configuration.listener.planned(command, target,
                    plan.steps().stream().map(s -> s.revision().id()).toList());
            if (!stamp) {
                refuseUnrecorded(connection, history, before);
            }
            if (plan.isEmpty()) {
                return new MigrationResult(command, target, sorted(before), List.of(), sorted(before));
            }
            refuseIrreversible(plan, target, before);
            ensureTables(connection, versions, history);
            Set<String> written = new TreeSet<>(plan.versionRowsAfter());
            plan.steps().forEach(step -> written.addAll(step.versionRowsAfter()));
            versions.requireFits(connection, written);
            List<MigrationResult.Step> done = new ArrayList<>();
            List<String> rows = sorted(before);
            if (plan.direction() == Plan.Direction.STAMP) {
                writeStamp(connection, versions, history, rows, plan.versionRowsAfter());
                return new MigrationResult(command, target, sorted(before), List.of(), plan.versionRowsAfter());
            }
            long verified = System.nanoTime();
            Thread preload = preload(plan);
            int every = dialect.transactionalDdl() ? 1 : configuration.recordEvery;
            Recorder recorder = new Recorder(connection, versions, history, plan.steps(), every, rows);
            try {
                for (int i = 0; i < plan.steps().size(); i++) {
                    Plan.Step step = plan.steps().get(i);
                    // the lock's session can die under us (a killed connection): check before the first
                    // step, then at most once a second, which costs a round trip each time
                    if (done.isEmpty() || System.nanoTime() - verified > 1_000_000_000L) {
                        lock.verifyHeld();
                        verified = System.nanoTime();
                    }
                    recorder.starting(i);
                    done.add(run(connection, dialect, recorder, history, i, step, rows, done));
                    rows = step.versionRowsAfter();
                }
            } finally {
                if (preload != null) {
                    preload.interrupt();
                }
            }
            return new MigrationResult(command, target, sorted(before), done, rows);
        } catch (SQLException e) {
            throw new DivemapException(Kind.DATABASE, "The database failed during " + command + " " + target + ": "
                    + message(e), e);
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

    private void writeStamp(Connection connection, VersionTable versions, HistoryTable history, List<String> before,
            List<String> after) throws SQLException {
        Instant start = Instant.now();
        connection.setAutoCommit(false);
        try {
            history.forgetUnrecorded(connection); // the user has said where the database stands
            writeRows(connection, versions, before, after);
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

    private MigrationResult.Step run(Connection connection, Dialect dialect, Recorder recorder, HistoryTable history,
            int index, Plan.Step step, List<String> before, List<MigrationResult.Step> done) throws SQLException {
        RegisteredRevision revision = step.revision();
        String id = revision.id();
        String direction = step.upgrade() ? "up" : "down";
        Migration migration = revision.newMigration(); // an irreversible step never gets here: refuseIrreversible
        boolean transactional = dialect.transactionalDdl() && migration.transactional();
        configuration.listener.starting(id, step.upgrade());
        Instant start = Instant.now();
        long started = System.nanoTime();
        JdbcOperations operations = new JdbcOperations(connection, dialect, configuration.namingConvention);
        operations.onBatchProgress(progress -> configuration.listener.batch(id, progress));
        // MySQL commits each DDL statement by itself, even with auto-commit off. Leaving it off there,
        // with the operations committing after every other statement, runs the migration exactly as
        // auto-commit would, and spares the two switches per revision that MySQL's driver sends.
        boolean commitEach = !transactional && dialect.commitsEachStatement();
        if (commitEach) {
            operations.commitEachStatement();
        }
        autoCommit(connection, !transactional && !commitEach);
        try {
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
            autoCommit(connection, true);
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            String cause = e instanceof IrreversibleMigrationException ? e.getMessage() : message(e);
            JdbcOperations.UndoReport undo = transactional ? null : operations.undo();
            recordFailure(connection, history, entry(id, direction, start, false, cause, duration));
            throw new DivemapException(Kind.MIGRATION_FAILED, failure(revision, step.upgrade(), operations, cause,
                    undo, before, done) + unrecorded, e);
        }
    }

    /**
     * Writes what a run applies into the version and history tables: each revision's rows in one
     * transaction right after it ran, or, with {@code recordEvery} above 1, the rows of a batch of
     * revisions in one transaction. Before a batch runs, a history row marked
     * {@link HistoryTable#UNRECORDED} stands for each of its revisions, so that a crash inside the batch
     * leaves a trace that the next run refuses to ignore ({@link #refuseUnrecorded}).
     */
    private final class Recorder {
        private final Connection connection;
        private final VersionTable versions;
        private final HistoryTable history;
        private final List<Plan.Step> steps;
        private final int every;
        /** The version rows as committed. */
        private List<String> recorded;
        /** Revisions applied since the last commit of the tables, and the version rows after them. */
        private final List<HistoryEntry> waiting = new ArrayList<>();
        private List<String> rowsAfterWaiting;
        /** The first step after the batch that is marked. */
        private int batchEnd;

        Recorder(Connection connection, VersionTable versions, HistoryTable history, List<Plan.Step> steps, int every,
                List<String> recorded) {
            this.connection = connection;
            this.versions = versions;
            this.history = history;
            this.steps = steps;
            this.every = every;
            this.recorded = recorded;
        }

        /** Before step {@code index} runs: at the start of a batch, marks the batch's revisions. */
        void starting(int index) throws SQLException {
            if (every == 1 || index < batchEnd) {
                return;
            }
            batchEnd = Math.min(steps.size(), index + every);
            Instant now = Instant.now();
            List<HistoryEntry> marks = new ArrayList<>();
            for (Plan.Step step : steps.subList(index, batchEnd)) {
                marks.add(entry(step.revision().id(), step.upgrade() ? "up" : "down", now, false,
                        HistoryTable.UNRECORDED));
            }
            autoCommit(connection, false);
            history.recordAll(connection, marks);
            connection.commit();
        }

        /** Step {@code index} ran: records it now, or with the rest of its batch. */
        void applied(int index, HistoryEntry entry) throws SQLException {
            waiting.add(entry);
            rowsAfterWaiting = steps.get(index).versionRowsAfter();
            if (every == 1 || index + 1 == batchEnd) {
                record();
            }
        }

        /** Commits the waiting revisions' rows, replacing the batch's marks. */
        private void record() throws SQLException {
            autoCommit(connection, false);
            if (every > 1) {
                history.forgetUnrecorded(connection);
            }
            if (!waiting.isEmpty()) {
                writeRows(connection, versions, recorded, rowsAfterWaiting);
                history.recordAll(connection, waiting);
            }
            connection.commit();
            if (!waiting.isEmpty()) {
                recorded = rowsAfterWaiting;
                waiting.clear();
            }
        }

        /**
         * After a migration failed in a batch, records the revisions before it: the failure report
         * then holds as with {@code recordEvery(1)}. Returns what to add to the report: nothing, or
         * which revisions ran and could not be recorded.
         */
        String recordBeforeFailure(Throwable failure) {
            if (every == 1) {
                return "";
            }
            List<String> ids = waiting.stream().map(HistoryEntry::revision).toList();
            try {
                record();
                return "";
            } catch (SQLException | RuntimeException e) {
                failure.addSuppressed(e);
                return "\n  The revisions applied before it in this batch could not be recorded (" + message(e)
                        + "): " + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ". They are applied; the"
                        + " version table says " + (recorded.isEmpty() ? "(empty)" : String.join(", ", recorded))
                        + ". Check the schema, then stamp the last revision that is applied.";
            }
        }
    }

    /**
     * Refuses to run over revisions that a run recording in batches applied and could not record:
     * the schema may hold them, and running them again, or the revisions after them, would fail or
     * do them twice.
     */
    private static void refuseUnrecorded(Connection connection, HistoryTable history, List<String> before) {
        List<HistoryEntry> left = history.unrecorded(connection);
        if (left.isEmpty()) {
            return;
        }
        HistoryEntry first = left.get(0);
        throw new DivemapException(Kind.UNRECORDED_REVISIONS, "A run by " + first.osUser() + " on " + first.host()
                + " at " + first.startedAt() + " recorded revisions in batches (recordEvery) and stopped before"
                + " recording these, which it may have run: "
                + String.join(", ", left.stream().map(e -> e.revision() + " (" + e.direction() + ")").toList())
                + ". The version table says " + (before.isEmpty() ? "(empty)" : String.join(", ", sorted(before)))
                + ". Check which of them the schema holds, then stamp the revision it is at (the version table's if"
                + " none of them ran); stamp clears this. Nothing was changed.");
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

    /**
     * Sets auto-commit only when it changes: MySQL's driver sends a statement for every call, and a
     * run of 1,000 revisions would pay for 2,000 of them.
     */
    private static void autoCommit(Connection connection, boolean on) throws SQLException {
        if (connection.getAutoCommit() != on) {
            connection.setAutoCommit(on);
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
                            + " each batch, and those stay. Run it again once fixed (its batch action must be"
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

    private void recordFailure(Connection connection, HistoryTable history, HistoryEntry entry) {
        try {
            history.record(connection, entry);
        } catch (RuntimeException ignored) {
            // the failure report matters more than its history row
        }
    }

    private static void writeRows(Connection connection, VersionTable versions, List<String> before,
            List<String> after) throws SQLException {
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        if (removed.size() == 1 && added.size() == 1) {
            versions.update(connection, removed.get(0), added.get(0));
            return;
        }
        for (String row : removed) {
            versions.delete(connection, row);
        }
        for (String row : added) {
            versions.insert(connection, row);
        }
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
                    .append(revision.message().isEmpty() ? "" : ", " + revision.message()).append("\n");
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

    private static String parents(RegisteredRevision revision) {
        return revision.revises().isEmpty() ? "<base>" : String.join(", ", revision.revises());
    }

    /**
     * Whether the database is at head, and whether any applied revision now renders different SQL
     * than when it was applied (each applied revision's checksum is in the history table), as
     * {@code alembic check} and Flyway's validate; also names the revisions that a run recording in
     * batches ({@link Configuration#recordEvery}) stopped before recording.
     */
    public CheckResult check() {
        Dialect dialect = dialect();
        return withConnection(connection -> {
            List<String> rows = versionTable().read(connection);
            List<String> pending = map.upgrade(rows, "heads").steps().stream().map(s -> s.revision().id()).toList();
            HistoryTable history = historyTable();
            java.util.Map<String, String> applied = new java.util.HashMap<>();
            List<String> unrecorded = new ArrayList<>();
            for (HistoryEntry entry : history.list(connection)) {
                if (entry.success() && entry.direction().equals(HistoryEntry.UP) && entry.checksum() != null) {
                    applied.put(entry.revision(), entry.checksum());
                } else if (!entry.success() && HistoryTable.UNRECORDED.equals(entry.error())) {
                    unrecorded.add(entry.revision());
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
                } else if (!recorded.equals(operations.checksum())) {
                    changed.add(id);
                }
            }
            return new CheckResult(sorted(rows), pending, changed, unverifiable, unrecorded);
        });
    }

    // ---------------------------------------------------------------- plumbing

    private VersionTable versionTable() {
        return new VersionTable(dialect(), configuration.schema, configuration.versionTable);
    }

    private HistoryTable historyTable() {
        return new HistoryTable(dialect(), configuration.schema, configuration.historyTable);
    }

    private synchronized Dialect dialect() {
        if (dialect == null) {
            Dialect detected = withConnection(Dialect::detect);
            configuration.requireNamesFit(detected); // before any table or lock is named after them
            dialect = detected;
        }
        return dialect;
    }

    private interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T withConnection(SqlFunction<T> work) {
        try (Connection connection = connect()) {
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
