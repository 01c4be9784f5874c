package org.divemap.migrations.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that times every JDBC call that can reach the server (statements, {@code commit},
 * {@code setAutoCommit}...) and groups the time by statement shape, so a breakdown shows where a
 * migrator spends its time. Connections come from {@link DriverManager}; the wrapping costs a few
 * microseconds per call.
 */
final class JdbcTimer implements DataSource {

    private static final Set<String> STATEMENT_CALLS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");
    private static final Set<String> CONNECTION_CALLS = Set.of("commit", "rollback", "setAutoCommit",
            "setTransactionIsolation", "setCatalog", "setSchema", "setReadOnly", "isValid", "close");

    private final String url;
    private final Map<String, long[]> totals = new TreeMap<>();
    /**
     * Calls that reach the server (statements, and connection calls but {@code close}), explicit commits
     * ({@code commit()}, and statements whose text ends in {@code COMMIT}).
     */
    private long roundTrips;
    private long commits;
    /**
     * Commits of a transaction that wrote something, which flush InnoDB's redo log (an fsync with
     * {@code innodb_flush_log_at_trx_commit=1}): a write under auto-commit, a {@code commit()} after
     * writes, the implicit commit a DDL statement makes of writes left open before it, and the DDL
     * statement itself.
     */
    private long flushes;

    /** What a connection has open, to tell which commits flush. */
    private static final class Session {
        boolean autoCommit = true;
        boolean wrote;
    }

    /** Whether DDL takes part in transactions (PostgreSQL) instead of committing by itself (MySQL, MariaDB). */
    private final boolean transactionalDdl;

    JdbcTimer(String url) {
        this.url = url;
        this.transactionalDdl = url.startsWith("jdbc:postgresql:");
    }

    /** Forgets what was timed so far. */
    synchronized void reset() {
        totals.clear();
        roundTrips = 0;
        commits = 0;
        flushes = 0;
    }

    private static final java.util.regex.Pattern WRITE = java.util.regex.Pattern.compile(
            "\\s*(INSERT|UPDATE|DELETE|REPLACE)\\b.*", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern DDL = java.util.regex.Pattern.compile(
            "\\s*(CREATE|ALTER|DROP|RENAME|TRUNCATE)\\b.*", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);

    /** A statement whose text ends in {@code COMMIT}: Divemap's record of a revision on PostgreSQL. */
    private static final java.util.regex.Pattern ENDS_IN_COMMIT = java.util.regex.Pattern.compile(
            ".*;\\s*COMMIT\\s*;?\\s*", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);

    private synchronized void count(Session session, String call, String sql, Object[] args) {
        if (call.equals("close")) {
            return;
        }
        roundTrips++;
        if (call.equals("commit")) {
            commits++;
            if (session.wrote) {
                flushes++;
            }
            session.wrote = false;
        } else if (sql != null && ENDS_IN_COMMIT.matcher(sql).matches()) {
            // it writes (the version row, the history row) and commits them, with whatever was open, in one call
            commits++;
            flushes++;
            session.wrote = false;
        } else if (call.equals("rollback")) {
            session.wrote = false;
        } else if (call.equals("setAutoCommit")) {
            boolean on = (Boolean) args[0];
            if (on && !session.autoCommit && session.wrote) {
                flushes++; // switching auto-commit on commits
                session.wrote = false;
            }
            session.autoCommit = on;
        } else if (sql != null && DDL.matcher(sql).matches() && !transactionalDdl
                && !sql.toUpperCase(Locale.ROOT).contains("TEMPORARY")) {
            flushes += session.wrote ? 2 : 1;
            session.wrote = false;
        } else if (sql != null && (WRITE.matcher(sql).matches() || DDL.matcher(sql).matches())) {
            // a write, or DDL where it is transactional (PostgreSQL): committed by auto-commit or commit()
            if (session.autoCommit) {
                flushes++;
            } else {
                session.wrote = true;
            }
        }
    }

    /** Prints round trips, commits and flushing commits per {@code unit}. */
    synchronized void printCounts(PrintWriter out, int units, String unit) {
        out.printf(Locale.ROOT, "  per %s: %.2f round trips, %.2f explicit commits, %.2f fsync-bearing commits"
                + " (%d, %d, %d in all)%n", unit, (double) roundTrips / units, (double) commits / units,
                (double) flushes / units, roundTrips, commits, flushes);
        out.flush();
    }

    synchronized void add(String what, long nanos) {
        long[] total = totals.computeIfAbsent(what, k -> new long[2]);
        total[0]++;
        total[1] += nanos;
    }

    /** Prints one line per kind of call, the largest total first, with its time per {@code unit}. */
    synchronized void print(PrintWriter out, double wallMs, int units, String unit) {
        long sum = totals.values().stream().mapToLong(t -> t[1]).sum();
        out.printf(Locale.ROOT, "  %-74s %7s %9s %11s%n", "call (statement shape)", "count", "total ms",
                "ms/" + unit);
        totals.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[1]))
                .forEach(e -> out.printf(Locale.ROOT, "  %-74s %7d %9.0f %11.3f%n", cut(e.getKey(), 74),
                        e.getValue()[0], e.getValue()[1] / 1e6, e.getValue()[1] / 1e6 / units));
        out.printf(Locale.ROOT, "  %-74s %7s %9.0f %11.3f%n", "all JDBC calls above", "", sum / 1e6, sum / 1e6 / units);
        out.printf(Locale.ROOT, "  %-74s %7s %9.0f %11.3f%n", "outside JDBC (planning, class loading, Java code)", "",
                wallMs - sum / 1e6, (wallMs - sum / 1e6) / units);
        out.flush();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /** The shape of a statement: literals and numbers folded, so one line covers all revisions. */
    static String shape(String sql) {
        String s = sql.replaceAll("\\s+", " ").trim();
        s = s.replaceAll("'[^']*'", "'?'");
        s = s.replaceAll("\\b([A-Za-z_]+)_\\d+\\b", "$1_N");
        s = s.replaceAll("\\b\\d+\\b", "N");
        if (s.startsWith("CREATE TABLE table_N")) {
            return "the migration's CREATE TABLE";
        }
        return s;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long start = System.nanoTime();
        Connection connection = DriverManager.getConnection(url);
        add("(open a connection)", System.nanoTime() - start);
        return wrap(Connection.class, connection, null, new Session());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return getConnection();
    }

    @SuppressWarnings("unchecked")
    private <T> T wrap(Class<T> type, Object target, String sql, Session session) {
        InvocationHandler handler = (proxy, method, args) -> invoke(target, method, args, sql, session);
        Class<?>[] interfaces = target instanceof PreparedStatement ? new Class<?>[] {PreparedStatement.class}
                : new Class<?>[] {type};
        return (T) Proxy.newProxyInstance(JdbcTimer.class.getClassLoader(), interfaces, handler);
    }

    private Object invoke(Object target, Method method, Object[] args, String preparedSql, Session session)
            throws Throwable {
        String name = method.getName();
        String label = null;
        if (target instanceof Statement && STATEMENT_CALLS.contains(name)) {
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
            label = sql == null ? name : shape(sql);
            count(session, name, sql, args);
        } else if (target instanceof Connection && CONNECTION_CALLS.contains(name)) {
            label = name + (args != null && args.length == 1 ? "(" + args[0] + ")" : "()");
            count(session, name, null, args);
        }
        long start = System.nanoTime();
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            if (label != null) {
                add(label, System.nanoTime() - start);
            }
        }
        if (target instanceof Connection) {
            if (name.equals("prepareStatement") || name.equals("prepareCall")) {
                return wrap(PreparedStatement.class, result, (String) args[0], session);
            }
            if (name.equals("createStatement")) {
                return wrap(Statement.class, result, null, session);
            }
        }
        return result;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
