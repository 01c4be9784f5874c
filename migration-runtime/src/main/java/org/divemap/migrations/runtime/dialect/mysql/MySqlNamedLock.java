package org.divemap.migrations.runtime.dialect.mysql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.divemap.migrations.runtime.dialect.LockHolder;
import org.divemap.migrations.runtime.dialect.NamedLock;

/** {@code GET_LOCK}/{@code RELEASE_LOCK}; the holder from {@code IS_USED_LOCK} and the process list. */
final class MySqlNamedLock implements NamedLock {

    /** MySQL rejects longer lock names. */
    static final int MAX_NAME_LENGTH = 64;

    private final MySqlDialect dialect;

    MySqlNamedLock(MySqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The name as given, or if too long its start followed by a hash of the whole. */
    static String serverName(String name) {
        if (name.length() <= MAX_NAME_LENGTH) {
            return name;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            String suffix = "#" + HexFormat.of().formatHex(hash, 0, 8);
            return name.substring(0, MAX_NAME_LENGTH - suffix.length()) + suffix;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean acquire(Connection session, String name, Duration wait, String owner) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            statement.setString(1, serverName(name));
            statement.setBigDecimal(2, new BigDecimal(dialect.lockTimeoutSeconds(wait)));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long result = rs.getLong(1);
                if (rs.wasNull()) {
                    throw new SQLException("GET_LOCK(" + serverName(name) + ") returned NULL: the server reported an "
                            + "error while waiting (for example, the waiting connection was killed)");
                }
                return result == 1;
            }
        }
    }

    @Override
    public boolean isHeld(Connection session, String name) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement("SELECT IS_USED_LOCK(?) = CONNECTION_ID()")) {
            statement.setString(1, serverName(name));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public boolean release(Connection session, String name) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            statement.setString(1, serverName(name));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getLong(1) == 1;
            }
        }
    }

    @Override
    public Optional<LockHolder> holder(Connection session, String name) throws SQLException {
        long id;
        try (PreparedStatement statement = session.prepareStatement("SELECT IS_USED_LOCK(?)")) {
            statement.setString(1, serverName(name));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
                if (rs.wasNull()) {
                    return Optional.empty();
                }
            }
        }
        String details = " (this user cannot see its user, host and age in information_schema.PROCESSLIST; "
                + "GRANT PROCESS to see them)";
        try (PreparedStatement statement = session.prepareStatement(
                "SELECT USER, HOST, DB, COMMAND, TIME FROM information_schema.PROCESSLIST WHERE ID = ?")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    details = " (user " + rs.getString(1) + " from " + rs.getString(2) + ", database "
                            + rs.getString(3) + ", " + rs.getString(4) + " for " + rs.getLong(5) + " s)";
                }
            }
        }
        return Optional.of(new LockHolder(dialect.displayName() + " connection " + id + details, "KILL " + id));
    }

    @Override
    public String describe(String name) {
        return "GET_LOCK('" + serverName(name) + "')";
    }
}
