package org.divemap.migrations.runtime.dialect.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.divemap.migrations.runtime.dialect.LockHolder;
import org.divemap.migrations.runtime.dialect.NamedLock;

/**
 * H2 has no advisory locks, so the lock is one row of the table {@value #TABLE}, locked with
 * {@code SELECT ... FOR UPDATE} in a transaction the holder keeps open; H2 rolls it back, releasing
 * the row, when the session ends. The holder also writes who it is into the row, uncommitted; a
 * waiter reads that back with READ UNCOMMITTED to name it.
 */
public final class H2NamedLock implements NamedLock {

    /** The lock table's name, beside the version table. */
    public static final String TABLE = "divemap_lock";

    /** H2's error code for a lock wait that timed out (SQLSTATE HYT00). */
    private static final int LOCK_TIMEOUT = 50200;

    private final H2Dialect dialect;
    private final String schema;
    /** The table as the statements name it: found in the catalog, or as Divemap creates it. */
    private String table;
    /** Whether the table was looked for in the catalog. */
    private boolean lookedUp;
    /** Whether the table's columns are quoted exactly: in a table created by quoting every name. */
    private boolean exactColumns;

    H2NamedLock(H2Dialect dialect, String schema) {
        this.dialect = dialect;
        this.schema = schema;
        this.table = dialect.qualify(schema, TABLE);
    }

    /**
     * Finds the lock table in the catalog, under the name the connection folds {@value #TABLE} to
     * ({@code DIVEMAP_LOCK}, unless the URL sets {@code DATABASE_TO_LOWER=TRUE}) or as an earlier
     * version created it, quoted in lower case, so that every migrator of one database locks the same
     * row. Where there is none yet, the statements create it.
     */
    private void findTable(Connection session) throws SQLException {
        if (lookedUp) {
            return;
        }
        lookedUp = true;
        String where = schema != null ? dialect.storedName(session, schema) : dialect.currentSchema(session);
        String stored = dialect.storedName(session, TABLE);
        List<String> found = new ArrayList<>();
        try (PreparedStatement select = session.prepareStatement("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = ? AND LOWER(table_name) = ? ORDER BY table_name")) {
            select.setString(1, where);
            select.setString(2, TABLE);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        String name = found.contains(TABLE) ? TABLE : found.contains(stored) ? stored : found.stream().findFirst()
                .orElse(null);
        table = name == null ? dialect.qualify(schema, TABLE) : dialect.qualifyExact(schema, name);
        exactColumns = TABLE.equals(name); // lower case: quoted, or folded to lower case like its columns
    }

    @Override
    public boolean acquire(Connection session, String name, Duration wait, String owner) throws SQLException {
        createRow(session, name);
        long millis = Math.min(Math.max(wait.toMillis(), 1), Integer.MAX_VALUE); // 0 would mean H2's default
        long previousTimeout = lockTimeout(session);
        try (Statement statement = session.createStatement()) {
            statement.execute("SET LOCK_TIMEOUT " + millis);
        }
        session.setAutoCommit(false);
        try {
            try (PreparedStatement select = session.prepareStatement(
                    "SELECT " + q("lock_name") + " FROM " + table + " WHERE " + q("lock_name") + " = ? FOR UPDATE")) {
                select.setString(1, name);
                select.executeQuery().close();
            }
            try (PreparedStatement update = session.prepareStatement("UPDATE " + table + " SET " + q("holder_session")
                    + " = SESSION_ID(), " + q("holder") + " = ?, " + q("locked_at") + " = CURRENT_TIMESTAMP WHERE "
                    + q("lock_name") + " = ?")) {
                update.setString(1, owner);
                update.setString(2, name);
                update.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            session.rollback();
            session.setAutoCommit(true);
            if (e.getErrorCode() == LOCK_TIMEOUT) {
                return false;
            }
            throw e;
        } finally {
            try (Statement statement = session.createStatement()) { // does not commit
                statement.execute("SET LOCK_TIMEOUT " + previousTimeout);
            }
        }
    }

    private void createRow(Connection session, String name) throws SQLException {
        findTable(session);
        try (Statement statement = session.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + q("lock_name") + " VARCHAR(1000) NOT NULL"
                    + " PRIMARY KEY, " + q("holder_session") + " INTEGER, " + q("holder") + " VARCHAR(255), "
                    + q("locked_at") + " TIMESTAMP WITH TIME ZONE)");
        }
        try (PreparedStatement select = session.prepareStatement(
                "SELECT COUNT(*) FROM " + table + " WHERE " + q("lock_name") + " = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = session.prepareStatement(
                "INSERT INTO " + table + " (" + q("lock_name") + ") VALUES (?)")) {
            insert.setString(1, name);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) { // another session inserted it first: fine
                throw e;
            }
        }
    }

    private static long lockTimeout(Connection session) throws SQLException {
        try (Statement statement = session.createStatement();
                ResultSet rs = statement.executeQuery("SELECT LOCK_TIMEOUT()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public boolean isHeld(Connection session, String name) throws SQLException {
        if (session.getAutoCommit()) {
            return false;
        }
        findTable(session);
        try (PreparedStatement select = session.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE "
                + q("lock_name") + " = ? AND " + q("holder_session") + " = SESSION_ID()")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    @Override
    public boolean release(Connection session, String name) throws SQLException {
        boolean held = isHeld(session, name);
        if (!session.getAutoCommit()) {
            session.rollback();
            session.setAutoCommit(true);
        }
        return held;
    }

    @Override
    public Optional<LockHolder> holder(Connection session, String name) throws SQLException {
        findTable(session);
        int isolation = session.getTransactionIsolation();
        session.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
        try (PreparedStatement select = session.prepareStatement("SELECT l." + q("holder_session") + ", l."
                + q("holder") + ", l." + q("locked_at") + ", s.USER_NAME, s.SESSION_START FROM " + table + " l"
                + " LEFT JOIN INFORMATION_SCHEMA.SESSIONS s ON s.SESSION_ID = l." + q("holder_session")
                + " WHERE l." + q("lock_name") + " = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next() || rs.getObject(1) == null) {
                    return Optional.empty();
                }
                int id = rs.getInt(1);
                StringBuilder details = new StringBuilder("H2 session ").append(id).append(" (");
                details.append(rs.getString(2) == null ? "owner unknown" : rs.getString(2));
                if (rs.getString(4) != null) {
                    details.append(", user ").append(rs.getString(4));
                }
                OffsetDateTime since = rs.getObject(3, OffsetDateTime.class);
                if (since != null) {
                    details.append(", holding it since ").append(since.toInstant().truncatedTo(ChronoUnit.SECONDS));
                }
                details.append(')');
                return Optional.of(new LockHolder(details.toString(),
                        "stop that application, or run CALL ABORT_SESSION(" + id + ") as an H2 administrator"));
            }
        } finally {
            session.setTransactionIsolation(isolation);
        }
    }

    @Override
    public String describe(String name) {
        return "the row '" + name + "' of " + table;
    }

    private String q(String column) {
        return exactColumns ? dialect.quoteExact(column) : dialect.quote(column);
    }
}
