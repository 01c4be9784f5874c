package org.divemap.migrations.runtime.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A data source whose connections count {@code setAutoCommit} and {@code commit} calls, then make them. */
public final class CountingDataSource implements DataSource {
    private final AtomicInteger setAutoCommit = new AtomicInteger();
    private final AtomicInteger commit = new AtomicInteger();
    private final DataSource target;

    /** Calls of {@code setAutoCommit} so far, on all connections. */
    public int setAutoCommit() {
        return setAutoCommit.get();
    }

    /** Calls of {@code commit} so far, on all connections. */
    public int commits() {
        return commit.get();
    }

    public CountingDataSource(DataSource target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return counted(target.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return counted(target.getConnection(user, password));
    }

    private Connection counted(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("setAutoCommit")) {
                setAutoCommit.incrementAndGet();
            } else if (method.getName().equals("commit")) {
                commit.incrementAndGet();
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
