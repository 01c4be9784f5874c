package org.divemap.migrations.runtime.dialect.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.dialect.LockHolder;
import org.divemap.migrations.runtime.dialect.NamedLock;

/**
 * A session-level advisory lock whose 64-bit key is the first 8 bytes of the SHA-256 of the name.
 * The wait is {@code lock_timeout}; the holder comes from {@code pg_locks} and
 * {@code pg_stat_activity}.
 */
final class PostgresNamedLock implements NamedLock {

    /** SQLSTATE lock_not_available, raised when lock_timeout ends the wait. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    /** pg_locks shows a bigint advisory key as classid (high half), objid (low half), objsubid 1. */
    private static final String THIS_LOCK = "l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND l.classid::bigint = ? AND l.objid::bigint = ?";

    private final PostgresDialect dialect;

    PostgresNamedLock(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    static long key(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String currentDatabase(Connection connection, PostgresDialect dialect) {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new DivemapException(DivemapException.Kind.DATABASE, "Could not read the current database from "
                    + dialect.displayName() + ": " + e.getMessage() + ". Check that the connection works.", e);
        }
    }

    @Override
    public boolean acquire(Connection session, String name, Duration wait, String owner) throws SQLException {
        long key = key(name);
        if (wait.isZero() || wait.isNegative()) {
            return queryBoolean(session, "SELECT pg_try_advisory_lock(?)", key);
        }
        long millis = Math.min(Math.max(wait.toMillis(), 1), Integer.MAX_VALUE);
        try (Statement statement = session.createStatement()) {
            statement.execute("SET lock_timeout = " + millis);
            try {
                try (PreparedStatement lock = session.prepareStatement("SELECT pg_advisory_lock(?)")) {
                    lock.setLong(1, key);
                    lock.executeQuery().close();
                }
                return true;
            } catch (SQLException e) {
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            } finally {
                statement.execute("RESET lock_timeout");
            }
        }
    }

    @Override
    public boolean isHeld(Connection session, String name) throws SQLException {
        long key = key(name);
        try (PreparedStatement statement = session.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = pg_backend_pid() AND " + THIS_LOCK + ")")) {
            bindKey(statement, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public boolean release(Connection session, String name) throws SQLException {
        return queryBoolean(session, "SELECT pg_advisory_unlock(?)", key(name));
    }

    @Override
    public Optional<LockHolder> holder(Connection session, String name) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(
                "SELECT a.pid, a.usename, host(a.client_addr), a.client_hostname, a.application_name,"
                        + " a.backend_start, a.state, a.state_change"
                        + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE " + THIS_LOCK)) {
            bindKey(statement, key(name));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int pid = rs.getInt(1);
                StringBuilder details = new StringBuilder(dialect.displayName()).append(" backend pid ").append(pid);
                details.append(" (user ").append(rs.getString(2));
                String address = rs.getString(4) != null ? rs.getString(4) : rs.getString(3);
                details.append(address == null ? " over a local socket" : " from " + address);
                if (rs.getString(5) != null && !rs.getString(5).isEmpty()) {
                    details.append(", application \"").append(rs.getString(5)).append('"');
                }
                OffsetDateTime start = rs.getObject(6, OffsetDateTime.class);
                if (start != null) {
                    details.append(", connected since ").append(start.toInstant().truncatedTo(ChronoUnit.SECONDS));
                }
                OffsetDateTime change = rs.getObject(8, OffsetDateTime.class);
                if (rs.getString(7) != null && change != null) {
                    details.append(", ").append(rs.getString(7)).append(" since ")
                            .append(change.toInstant().truncatedTo(ChronoUnit.SECONDS));
                }
                details.append(')');
                return Optional.of(new LockHolder(details.toString(), "SELECT pg_terminate_backend(" + pid + ")"));
            }
        }
    }

    @Override
    public String describe(String name) {
        return "pg_advisory_lock(" + key(name) + ") for '" + name + "'";
    }

    private static void bindKey(PreparedStatement statement, long key) throws SQLException {
        statement.setLong(1, key >>> 32);
        statement.setLong(2, key & 0xFFFF_FFFFL);
    }

    private static boolean queryBoolean(Connection session, String sql, long key) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
