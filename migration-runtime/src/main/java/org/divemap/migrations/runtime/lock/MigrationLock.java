package org.divemap.migrations.runtime.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.dialect.LockHolder;
import org.divemap.migrations.runtime.dialect.NamedLock;

/**
 * One migrator per schema and version table. The lock lives on a connection of its own, separate
 * from the one migrations run on, held until {@link #close()}: the server releases it when that
 * session ends, so a process killed mid-run leaves no stale lock behind.
 *
 * <pre>{@code
 * try (MigrationLock lock = MigrationLock.acquire(dialect, dataSource, schema, "divemap_version",
 *         Duration.ofMinutes(1))) {
 *     for (...) { lock.verifyHeld(); ... }
 * }
 * }</pre>
 *
 * <p>The data source must be able to hand out this connection and the migrations' one at the same
 * time (a pool of at least two).
 */
public final class MigrationLock implements AutoCloseable {

    /** The prefix of every lock name. */
    static final String PREFIX = "divemap:";

    private final Connection session;
    private final Dialect dialect;
    private final NamedLock namedLock;
    private final String name;
    private boolean closed;

    private MigrationLock(Connection session, Dialect dialect, NamedLock namedLock, String name) {
        this.session = session;
        this.dialect = dialect;
        this.namedLock = namedLock;
        this.name = name;
    }

    /**
     * Takes the lock for {@code versionTable} in the connection's current schema, as
     * {@link #acquire(Dialect, DataSource, String, String, Duration)} with a null schema.
     */
    public static MigrationLock acquire(Dialect dialect, DataSource dataSource, String versionTable, Duration wait) {
        return acquire(dialect, dataSource, null, versionTable, wait);
    }

    /**
     * Takes the lock for {@code versionTable} in {@code schema}, waiting up to {@code wait} for
     * another migrator to release it.
     *
     * @param dataSource where the lock's own connection comes from
     * @param schema the schema (database, on MySQL) of the version table, or null for the current one
     * @throws DivemapException {@code LOCK_TIMEOUT} naming the holder if the wait ends first;
     *     {@code CONNECTION} if no connection can be opened; {@code DATABASE} if locking fails
     */
    public static MigrationLock acquire(Dialect dialect, DataSource dataSource, String schema, String versionTable,
            Duration wait) {
        return acquire(dialect, dataSource, schema, versionTable, wait, null);
    }

    /**
     * As {@link #acquire(Dialect, DataSource, String, String, Duration)}, telling {@code waiting}
     * who holds the lock (as {@link LockHolder#description()}, or "an unknown session") once, before
     * it starts to wait; it is not called when the lock is free.
     */
    public static MigrationLock acquire(Dialect dialect, DataSource dataSource, String schema, String versionTable,
            Duration wait, Consumer<String> waiting) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(versionTable, "versionTable");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must be zero or positive, not " + wait);
        }
        Connection session = open(dataSource, dialect);
        String name = null;
        NamedLock namedLock = dialect.namedLock(schema);
        try {
            if (!session.getAutoCommit()) { // MySQL's driver sends a statement for every call, even one that changes nothing
                session.setAutoCommit(true);
            }
            String scope = dialect.lockScope(session, schema);
            if (scope == null) {
                throw new DivemapException(Kind.CONFIGURATION, "The connection has no current database, so Divemap "
                        + "cannot tell which database to lock and migrate. Name the database in the JDBC URL "
                        + "(jdbc:mysql://host:3306/shop) or configure the schema.");
            }
            name = name(scope, versionTable);
            if (waiting != null && !wait.isZero()) {
                long start = System.nanoTime();
                if (namedLock.acquire(session, name, Duration.ZERO, owner())) {
                    return new MigrationLock(session, dialect, namedLock, name);
                }
                waiting.accept(namedLock.holder(session, name).map(LockHolder::description)
                        .orElse("an unknown session"));
                Duration left = wait.minusNanos(System.nanoTime() - start);
                if (namedLock.acquire(session, name, left.isNegative() ? Duration.ZERO : left, owner())) {
                    return new MigrationLock(session, dialect, namedLock, name);
                }
            } else if (namedLock.acquire(session, name, wait, owner())) {
                return new MigrationLock(session, dialect, namedLock, name);
            }
            Optional<LockHolder> holder = namedLock.holder(session, name);
            throw timeout(dialect, namedLock, name, wait, holder);
        } catch (SQLException e) {
            closeQuietly(session);
            throw new DivemapException(Kind.DATABASE, "Could not take the migration lock"
                    + (name == null ? "" : " " + namedLock.describe(name)) + " on " + dialect.displayName() + ": "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + "). Check that the connection works and "
                    + "that the user may use it.", e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /**
     * The lock's name: {@code divemap:<scope>.<versionTable>}, where the scope is the schema
     * (database on MySQL, {@code database.schema} on PostgreSQL), so each schema and each version
     * table has a lock of its own.
     */
    static String name(String scope, String versionTable) {
        return PREFIX + scope + "." + versionTable;
    }

    /** The lock's name, as {@link #name(String, String)} builds it. */
    public String name() {
        return name;
    }

    /**
     * Checks that this process still holds the lock, before it changes anything else.
     *
     * @throws DivemapException {@code DATABASE} if the lock was lost: its session was killed or the
     *     driver reconnected, so another migrator may be running
     */
    public void verifyHeld() {
        boolean held;
        SQLException cause = null;
        try {
            held = !closed && namedLock.isHeld(session, name);
        } catch (SQLException e) {
            held = false;
            cause = e;
        }
        if (!held) {
            throw lost(cause);
        }
    }

    /**
     * Releases the lock and closes its connection. Closing twice does nothing.
     *
     * @throws DivemapException {@code DATABASE} if the lock had been lost during the run (its session
     *     was killed or reconnected), since another migrator may then have run at the same time
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean released;
        SQLException cause = null;
        try {
            released = namedLock.release(session, name);
        } catch (SQLException e) {
            released = false;
            cause = e;
        } finally {
            closeQuietly(session);
        }
        if (!released) {
            throw lost(cause);
        }
    }

    private DivemapException lost(SQLException cause) {
        return new DivemapException(Kind.DATABASE, "This process no longer holds the migration lock "
                + namedLock.describe(name) + " on " + dialect.displayName() + (cause == null ? ""
                        : " (" + cause.getMessage() + ")")
                + ": its connection was closed, killed or reconnected during the run, so another migrator may "
                + "have run at the same time. Check the version and history tables before running again.", cause);
    }

    private static DivemapException timeout(Dialect dialect, NamedLock namedLock, String name, Duration wait,
            Optional<LockHolder> holder) {
        String who = holder.map(h -> " It is held by " + h.description() + ".").orElse(
                " It was released just as the wait ended, or " + dialect.displayName() + " cannot say who holds it.");
        String stop = holder.map(h -> " If that process is gone or stuck, stop it (" + h.howToStop()
                + ") and run again.").orElse("");
        return new DivemapException(Kind.LOCK_TIMEOUT, "Another migrator holds the migration lock "
                + namedLock.describe(name) + " on " + dialect.displayName() + "; waited " + format(wait) + "." + who
                + " Wait for it to finish and run again (it leaves nothing for this run to do if it reaches the same"
                + " target), or allow a longer wait." + stop);
    }

    private static String format(Duration wait) {
        long millis = wait.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    private static Connection open(DataSource dataSource, Dialect dialect) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DivemapException(Kind.CONNECTION, "Could not open a connection to " + dialect.displayName()
                    + " for the migration lock: " + e.getMessage() + " (SQLState " + e.getSQLState() + "). The lock "
                    + "needs a connection of its own besides the migrations' one: check that the server is up and "
                    + "that the pool allows two connections.", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // Closing ends the session (or the pool discards it); the server releases its locks either way.
        }
    }

    /** Who takes the lock, for databases that cannot tell by themselves: {@code pid 4711 on build-7}. */
    static String owner() {
        return "pid " + ProcessHandle.current().pid() + " on " + Host.NAME;
    }

    /** The local host name, looked up once. */
    private static final class Host {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                String env = System.getenv("HOSTNAME");
                return env != null && !env.isBlank() ? env : "an unknown host";
            }
        }
    }
}
