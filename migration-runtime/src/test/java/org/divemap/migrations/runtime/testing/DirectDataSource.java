package org.divemap.migrations.runtime.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.divemap.migrations.runtime.sql.ConnectionSource;

/**
 * A data source of physical, unpooled connections that keeps every connection it opened, so a
 * test can close one behind its user's back and end that session abruptly.
 */
public final class DirectDataSource extends ConnectionSource {

    /** Opens a connection. */
    public interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final List<Connection> opened = new CopyOnWriteArrayList<>();

    public DirectDataSource(Opener opener) {
        this.opener = opener;
    }

    /** Every connection handed out so far, oldest first. */
    public List<Connection> opened() {
        return List.copyOf(opened);
    }

    /** The one connection handed out so far. */
    public Connection only() {
        if (opened.size() != 1) {
            throw new IllegalStateException("expected one connection, opened " + opened.size());
        }
        return opened.get(0);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = opener.open();
        opened.add(connection);
        return connection;
    }
}
