package org.divemap.migrations.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.runtime.command.Setup;

/**
 * Builds a {@link Divemap}: where the database is, where the revisions come from, and how the
 * tables are named. Obtain one with {@link Divemap#configure()}; every setter returns this builder.
 *
 * <pre>{@code
 * try (Divemap divemap = Divemap.configure()
 *         .dataSource("jdbc:mysql://db:3306/divemap", "divemap", secret)
 *         .load()) {
 *     divemap.upgrade("head");
 * }
 * }</pre>
 */
public final class Configuration {

    /** The version table's default name. */
    public static final String DEFAULT_VERSION_TABLE = "divemap_version";
    /** The history table's default name. */
    public static final String DEFAULT_HISTORY_TABLE = "divemap_history";
    /** The table that holds the migration lock's row on H2 (which has no named locks), beside the version table. */
    public static final String H2_LOCK_TABLE = org.divemap.migrations.runtime.dialect.h2.H2NamedLock.TABLE;
    /** How long a command waits for another process's migration lock by default. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(5);

    /** How long to keep trying to connect before reporting the failure, by default. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    DataSource dataSource;
    String url;
    String user;
    String password;
    ClassLoader classLoader;
    final List<RevisionRegistry> registries = new ArrayList<>();
    String versionTable = DEFAULT_VERSION_TABLE;
    String historyTable = DEFAULT_HISTORY_TABLE;
    String schema;
    Duration lockWait = DEFAULT_LOCK_WAIT;
    Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    int recordEvery = 1;
    boolean retryInterrupted;
    boolean validateOnMigrate = true;
    MigrationListener listener = new MigrationListener() {};
    ModelComparison modelComparison;
    org.divemap.migrations.NamingConvention namingConvention = org.divemap.migrations.NamingConvention.DEFAULT;

    Configuration() {}

    /** Uses a data source the application already has; {@link Divemap#close()} leaves it open. */
    public Configuration dataSource(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.url = null;
        return this;
    }

    /**
     * Connects with a JDBC URL: each command opens its connections through the driver (one for a
     * run with nothing to do, two for a run that changes the database), one attempt each; only after a
     * passing refusal (too many connections, a server starting up) through a small HikariCP pool that
     * keeps trying for the connect timeout and that {@link Divemap#close()} closes.
     * The password is never printed, logged or shown by {@code toString()}.
     */
    public Configuration dataSource(String url, String user, String password) {
        this.url = Objects.requireNonNull(url, "url");
        this.user = user;
        this.password = password;
        this.dataSource = null;
        return this;
    }

    /**
     * Finds the generated registries through {@link java.util.ServiceLoader} over this class loader
     * instead of the thread's context class loader.
     */
    public Configuration classLoader(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        return this;
    }

    /** Uses these registries instead of looking them up with {@link java.util.ServiceLoader}. */
    public Configuration registries(RevisionRegistry... registries) {
        this.registries.clear();
        this.registries.addAll(List.of(registries));
        return this;
    }

    /**
     * The version table's name; default {@value #DEFAULT_VERSION_TABLE}. Use {@code alembic_version}
     * to adopt a database that Alembic managed.
     */
    public Configuration versionTable(String name) {
        this.versionTable = requireName(name, "versionTable");
        return this;
    }

    /** The history table's name; default {@value #DEFAULT_HISTORY_TABLE}. */
    public Configuration historyTable(String name) {
        this.historyTable = requireName(name, "historyTable");
        return this;
    }

    /** The schema (PostgreSQL, H2) or database (MySQL) holding both tables; default: the connection's. */
    public Configuration schema(String schema) {
        this.schema = schema == null || schema.isBlank() ? null : schema;
        return this;
    }

    /**
     * How long to wait for another process's migration lock; default five minutes, zero for not at
     * all.
     *
     * @throws DivemapException of kind {@code CONFIGURATION} for a negative wait
     */
    public Configuration lockWait(Duration wait) {
        Objects.requireNonNull(wait, "lockWait");
        if (wait.isNegative()) {
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, "lockWait is " + shown(wait)
                    + "; give 0 (do not wait) or more.");
        }
        this.lockWait = wait;
        return this;
    }

    /**
     * Where DDL commits by itself (MySQL, MariaDB, H2), records applied revisions in batches of
     * {@code revisions} instead of one by one. By default ({@code 1}) each revision's version row and
     * history row commit before the next revision starts, which costs one commit, a flush of the
     * database's log, per revision. With {@code 50}, a run of 1,000 revisions commits 20 batches and
     * needs about a quarter less time on MySQL (see docs/benchmarks.md).
     *
     * <p>The price is what a crash can leave: if the process or the server dies in the middle of a
     * batch, up to that many revisions may be applied but not recorded. Divemap does not leave that
     * silent: before a batch it writes a history row per revision of the batch, marked
     * {@link org.divemap.migrations.runtime.history.HistoryTable#UNRECORDED}, and replaces them
     * when it records the batch. A later upgrade or downgrade that finds such rows refuses to run
     * ({@code UNRECORDED_REVISIONS}, naming them) until the schema has been checked and
     * {@link Divemap#stamp stamped}. A migration that fails is still reported and undone exactly as
     * with {@code 1}: the revisions before it in the batch are recorded first. On PostgreSQL, where a
     * migration commits together with its version row, the setting has no effect.
     *
     * <p>Meant for building databases that can be rebuilt (test and CI databases, fresh environments);
     * keep the default for production databases.
     *
     * @throws DivemapException of kind {@code CONFIGURATION} for less than one revision
     */
    public Configuration recordEvery(int revisions) {
        if (revisions < 1) {
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, "recordEvery is " + revisions
                    + "; give 1 (record each revision, the default) or more.");
        }
        this.recordEvery = revisions;
        return this;
    }

    /**
     * Lets upgrades and downgrades run again a revision that an earlier run started and did not
     * finish, or that failed and left changes ({@code INTERRUPTED_REVISION}), when its migration is
     * declared re-runnable ({@link org.divemap.migrations.Migration#rerunnable()}); off by default.
     * The history keeps the interrupted attempt, marked as retried. A revision that is not declared
     * re-runnable is still refused: stamp the revision the schema is at instead.
     */
    public Configuration retryInterrupted(boolean retry) {
        this.retryInterrupted = retry;
        return this;
    }

    /**
     * Whether {@code upgrade} first checks that the revisions already applied are the ones of this
     * build, as Flyway's validate-on-migrate: a migration edited after it ran (the digest of its
     * source differs from the one its run recorded) makes the upgrade refuse with
     * {@code CHANGED_REVISIONS} before it runs anything. Runs without a recorded digest (older
     * history rows, registries written by hand) are left to {@code check}. On by default; turn it off to apply an edit
     * you know changes nothing in the database ({@code check} keeps reporting it).
     */
    public Configuration validateOnMigrate(boolean validate) {
        this.validateOnMigrate = validate;
        return this;
    }

    /**
     * How long to keep trying to connect through the URL given to {@link #dataSource(String, String,
     * String)} before reporting the failure; default ten seconds, at least a quarter of a second.
     *
     * @throws DivemapException of kind {@code CONFIGURATION} for less than 250 ms
     */
    public Configuration connectTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "connectTimeout");
        if (timeout.toMillis() < 250) {
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, "connectTimeout is " + shown(timeout)
                    + "; give 250 ms or more (the default is 10 s).");
        }
        this.connectTimeout = timeout;
        return this;
    }

    /**
     * How unnamed indexes and constraints are named, as Alembic's {@code naming_convention}; default
     * {@link org.divemap.migrations.NamingConvention#DEFAULT} ({@code ix_{table}_{columns}}, ...).
     */
    public Configuration namingConvention(org.divemap.migrations.NamingConvention convention) {
        this.namingConvention = java.util.Objects.requireNonNull(convention, "namingConvention");
        return this;
    }

    /**
     * The naming convention a setting names: {@code default} ({@link
     * org.divemap.migrations.NamingConvention#DEFAULT}) or {@code none} ({@link
     * org.divemap.migrations.NamingConvention#NONE}: the database names every index and constraint
     * a migration leaves unnamed, as in an Alembic project without a {@code naming_convention}).
     *
     * @throws DivemapException of kind {@code CONFIGURATION} for any other word
     */
    public Configuration namingConvention(String convention) {
        try {
            return namingConvention(org.divemap.migrations.NamingConvention.named(
                    Objects.requireNonNull(convention, "namingConvention")));
        } catch (IllegalArgumentException e) {
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, "namingConvention: " + e.getMessage()
                    + ".", e);
        }
    }

    /**
     * What {@link Divemap#check()} compares the schema at head with, besides the revisions; default:
     * the {@link ModelComparison}s found through {@code ServiceLoader} on the class loader
     * ({@code migration-autogenerate} compares the JPA entities). {@link ModelComparison#NONE} turns
     * the comparison off.
     */
    public Configuration modelComparison(ModelComparison comparison) {
        this.modelComparison = Objects.requireNonNull(comparison, "modelComparison");
        return this;
    }

    /** Hears each command's plan and each revision as it runs. */
    public Configuration listener(MigrationListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Finds the revision registries and, when there are several (or one that does not give its heads,
     * as a hand-written one may not), reads the revisions and checks their combined graph. The
     * generated registry of one module was checked when it was compiled: its revisions are read when a
     * command first needs them, and an {@code upgrade} that finds the database at head never does.
     * Connects only when a command needs the database.
     * Without a data source, the commands that need no database still work (heads, history, show,
     * offline scripts), and the others say a database must be configured.
     */
    public Divemap load() {
        return new Divemap(this);
    }

    /** An immutable copy of these settings, for a loaded {@link Divemap}. */
    Setup setup() {
        return new Setup(url, user, password, versionTable, historyTable, schema, lockWait, connectTimeout,
                recordEvery, retryInterrupted, validateOnMigrate, new ProgressLog(listener), namingConvention);
    }

    /** {@code -1 s}, {@code 100 ms}: a duration as the messages show it. */
    private static String shown(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, what + " must not be blank: give the"
                    + " table's name, or leave the setting out for the default.");
        }
        return name;
    }

    @Override
    public String toString() {
        return "Configuration[url=" + (url != null ? Redaction.url(url) : dataSource != null ? "(a DataSource)" : null)
                + ", user=" + user + ", password=" + (password == null ? "(none)" : "****") + ", versionTable="
                + versionTable + ", historyTable=" + historyTable + ", schema=" + schema + ", lockWait=" + lockWait
                + (connectTimeout.equals(DEFAULT_CONNECT_TIMEOUT) ? "" : ", connectTimeout=" + connectTimeout)
                + (recordEvery > 1 ? ", recordEvery=" + recordEvery : "")
                + (retryInterrupted ? ", retryInterrupted=true" : "")
                + (namingConvention.equals(org.divemap.migrations.NamingConvention.DEFAULT) ? ""
                        : namingConvention.equals(org.divemap.migrations.NamingConvention.NONE)
                                ? ", namingConvention=none" : ", namingConvention=" + namingConvention) + "]";
    }
}
