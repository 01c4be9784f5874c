package org.divemap.migrations.runtime.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.divemap.migrations.runtime.sql.ConnectionSource;

/**
 * A data source of physical connections (no pool, whose own calls would count) that logs every JDBC
 * call that reaches the server: each statement executed, with its SQL, and {@code commit},
 * {@code rollback} and {@code setAutoCommit} (MySQL's driver sends a statement for each of the
 * latter, even one that changes nothing). Entries read {@code "<connection>: <what>"}, connections
 * numbered from 1 in the order they were opened. What the drivers send by themselves on connecting is
 * not seen.
 */
public final class StatementLog extends ConnectionSource {

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");
    private static final Set<String> CONNECTION_CALLS = Set.of("commit", "rollback", "setAutoCommit");

    private final TestDatabase database;
    private final List<String> entries = new ArrayList<>();
    private int connections;

    public StatementLog(TestDatabase database) {
        this.database = database;
    }

    /** Every entry so far, in order. */
    public synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    /** The connections opened so far. */
    public synchronized int connections() {
        return connections;
    }

    /** Forgets the entries and the connections. */
    public synchronized void clear() {
        entries.clear();
        connections = 0;
    }

    /** The entries before the first whose text contains {@code marker} (all of them if none does). */
    public synchronized List<String> before(String marker) {
        List<String> before = new ArrayList<>();
        for (String entry : entries) {
            if (entry.contains(marker)) {
                break;
            }
            before.add(entry);
        }
        return before;
    }

    private synchronized void log(int connection, String what) {
        entries.add(connection + ": " + what);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = database.connect();
        int number;
        synchronized (this) {
            number = ++connections;
        }
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (CONNECTION_CALLS.contains(name)) {
                log(number, name + (args != null ? "(" + args[0] + ")" : ""));
            }
            Object result = invoke(method, connection, args);
            if (result instanceof PreparedStatement prepared) {
                return statement(number, prepared, PreparedStatement.class, (String) args[0]);
            } else if (result instanceof Statement statement) {
                return statement(number, statement, Statement.class, null);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private Object statement(int connection, Statement target, Class<? extends Statement> type, String prepared) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (EXECUTE.contains(method.getName())) {
                log(connection, prepared != null ? prepared : args != null && args.length > 0 ? String.valueOf(args[0])
                        : method.getName());
            }
            return invoke(method, target, args);
        };
        return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
