package org.divemap.migrations.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.command.AtHead;
import org.divemap.migrations.runtime.command.Check;
import org.divemap.migrations.runtime.command.Context;
import org.divemap.migrations.runtime.command.Migrate;
import org.divemap.migrations.runtime.command.OfflineScript;
import org.divemap.migrations.runtime.command.Queries;
import org.divemap.migrations.runtime.command.Setup;
import org.divemap.migrations.runtime.graph.Registries;
import org.divemap.migrations.runtime.graph.RevisionMap;

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
 * bad input changes nothing. Results are small immutable records; printing is the caller's. The
 * settings are copied at {@code load()}: changing the {@link Configuration} afterwards changes
 * nothing here.
 */
public final class Divemap implements AutoCloseable {

    private final Context context;
    private final UrlDataSource ownConnections;

    Divemap(Configuration configuration) {
        Setup setup = configuration.setup();
        // for the generated registry of one module, the revisions are read when a command first needs them:
        // a start-up at head never does
        Registries revisions = Registries.load(registries(configuration));
        DataSource dataSource = configuration.dataSource;
        this.ownConnections = dataSource == null && setup.url() != null ? new UrlDataSource(setup) : null;
        ClassLoader loader = configuration.classLoader != null ? configuration.classLoader
                : Thread.currentThread().getContextClassLoader();
        ModelComparison configured = configuration.modelComparison;
        // looked for when check() first needs them: a start-up that only upgrades never scans the class path's
        // service files for them
        this.context = new Context(setup, ownConnections != null ? ownConnections : dataSource, revisions,
                loader != null ? loader : Divemap.class.getClassLoader(), () -> comparisons(configured, loader));
    }

    /** The configured model comparison, or those {@code ServiceLoader} finds (migration-autogenerate's). */
    private static List<ModelComparison> comparisons(ModelComparison configured, ClassLoader loader) {
        if (configured != null) {
            return List.of(configured);
        }
        List<ModelComparison> found = new ArrayList<>();
        try {
            ServiceLoader.load(ModelComparison.class, loader != null ? loader : Divemap.class.getClassLoader())
                    .forEach(found::add);
        } catch (java.util.ServiceConfigurationError e) {
            throw new DivemapException(Kind.CONFIGURATION, "A model comparison on the class path could not be"
                    + " loaded: " + e.getMessage() + ". Put migration-autogenerate's dependencies (Hibernate ORM)"
                    + " on the class path too, or turn the comparison off with"
                    + " modelComparison(ModelComparison.NONE).", e);
        }
        return found;
    }

    /** Starts a configuration. */
    public static Configuration configure() {
        return new Configuration();
    }

    private static List<RevisionRegistry> registries(Configuration configuration) {
        List<RevisionRegistry> registries = new ArrayList<>(configuration.registries);
        if (registries.isEmpty()) {
            ClassLoader loader = configuration.classLoader != null ? configuration.classLoader
                    : Thread.currentThread().getContextClassLoader();
            for (RevisionRegistry registry : ServiceLoader.load(RevisionRegistry.class, loader)) {
                registries.add(registry);
            }
        }
        if (registries.isEmpty()) {
            throw new DivemapException(Kind.CONFIGURATION, "No revision registry found on the class path. Compile your"
                    + " @Revision classes with migration-processor (annotationProcessorPaths in maven-compiler-plugin),"
                    + " which generates one, and put the compiled classes on the class path"
                    + (configuration.classLoader != null ? " of the class loader given to Configuration.classLoader()."
                            : "."));
        }
        return registries;
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
        return context.map();
    }

    /** The heads of the revision graph, as {@code alembic heads}. No database needed. */
    public List<RevisionInfo> heads() {
        return new Queries(context).heads();
    }

    /** The branch points of the revision graph, as {@code alembic branches}. No database needed. */
    public List<RevisionInfo> branches() {
        return new Queries(context).branches();
    }

    /** The revisions a target names, as {@code alembic show}. No database needed. */
    public List<RevisionInfo> show(String revision) {
        return new Queries(context).show(revision);
    }

    /**
     * The revisions of a range {@code lower:upper} (either side may be empty: {@code base:heads} is
     * everything), newest first, as {@code alembic history -r}. Marks current revisions when the
     * database can be read.
     */
    public List<RevisionInfo> history(String range) {
        return new Queries(context).history(range);
    }

    /** What the version table lists, as {@code alembic current}. */
    public CurrentResult current() {
        return new Queries(context).current();
    }

    /**
     * The history table's rows, oldest first: every revision applied, reverted or stamped, when, for
     * how long, by whom, and whether it succeeded. Empty when nothing has run yet.
     */
    public List<org.divemap.migrations.runtime.history.HistoryEntry> runs() {
        return new Queries(context).runs();
    }

    // ---------------------------------------------------------------- changing commands

    /** Applies every revision up to {@code target}: {@code head}, {@code heads}, an id, {@code +1}, {@code label@head}... */
    public MigrationResult upgrade(String target) {
        return new Migrate(context).upgrade(target);
    }

    /** Reverts revisions down to {@code target}: {@code -1}, {@code base}, an id, {@code label@base}... */
    public MigrationResult downgrade(String target) {
        return new Migrate(context).downgrade(target);
    }

    /**
     * Writes {@code targets} into the version table without running any migration. With
     * {@code purge}, the table is emptied first, which also repairs a table that names revisions
     * this build does not have. A stamp also clears the marks of revisions a run was interrupted
     * inside ({@code INTERRUPTED_REVISION}), even one naming where the version table already is.
     */
    public MigrationResult stamp(boolean purge, String... targets) {
        return new Migrate(context).stamp(purge, List.of(targets));
    }

    /**
     * Checks, changing nothing and taking no lock, that {@code upgrade(target)} (or
     * {@code downgrade(target)}) could start now, and returns what it would run: the version rows
     * must be known to this build, no revision may be marked unfinished by an earlier run, and no
     * {@code @Irreversible} revision may stand in a downgrade's way. The command's own checks are the
     * same; this lets a caller act between them and the run, as {@code --safe} takes its backup.
     *
     * @throws DivemapException as the command would, before anything changes
     */
    public Preflight preflight(boolean upgrade, String target) {
        return new Migrate(context).preflight(upgrade, target);
    }

    // ---------------------------------------------------------------- offline SQL and check

    /**
     * The SQL an upgrade over {@code range} would run, as a script, without a database:
     * {@code "base:head"}, {@code "0002_sites:0005_photos"}, or just a target (from base). Version-table
     * statements are included. A migration that needs the live database ({@code op.connection()},
     * {@code op.schema()}, {@code op.batchUpdate}) cannot be rendered, and the error names it.
     */
    public String upgradeScript(Operations.Database database, String range) {
        return new OfflineScript(context).script(true, database, range);
    }

    /** The SQL a downgrade over {@code range} ({@code "head:base"}, {@code "0005:0002"}) would run, as a script. */
    public String downgradeScript(Operations.Database database, String range) {
        return new OfflineScript(context).script(false, database, range);
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
    public Optional<List<String>> render(String revision, boolean upgrade, Operations.Database database) {
        return new OfflineScript(context).statements(revision, upgrade, database);
    }

    /**
     * Whether the database is at head, and whether any applied revision now renders different SQL
     * than when it was applied (each applied revision's checksum is in the history table), as
     * {@code alembic check} and Flyway's validate; also names the revisions that a run recording in
     * batches ({@link Configuration#recordEvery}) stopped before recording, and the revisions a run
     * was interrupted inside or left changes of ({@code INTERRUPTED_REVISION}).
     */
    public CheckResult check() {
        return new Check(context).run();
    }

    // ---------------------------------------------------------------- the schema at head, for tools

    /**
     * Runs {@code reader} on the configured database, which must be at head: what autogenerate
     * compares the entities with. The connection is only valid during the call.
     *
     * @throws DivemapException {@code NOT_AT_HEAD} when revisions are pending, naming where the
     *     database stands and what it would take
     */
    public <T> T atHead(java.util.function.Function<SchemaAtHead, T> reader) {
        return new AtHead(context).configured(reader);
    }

    /**
     * Applies every head to a new scratch schema ({@code divemap_scratch_<random>}; a database on
     * MySQL) on the configured server, runs {@code reader} on it, and drops it, whatever happens.
     * The configured database itself is left as it is, wherever it stands.
     */
    public <T> T inScratchSchema(java.util.function.Function<SchemaAtHead, T> reader) {
        return new AtHead(context).scratch(reader);
    }

    @Override
    public String toString() {
        return "Divemap[" + context.map().revisions().size() + " revisions, " + context.setup() + "]";
    }
}
