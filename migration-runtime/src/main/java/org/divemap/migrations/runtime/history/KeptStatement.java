package org.divemap.migrations.runtime.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import org.divemap.migrations.runtime.dialect.Dialect;

/**
 * A statement that a run sends once per revision (the version row's {@code UPDATE}, the history's
 * upsert), prepared once and sent again with new parameters until {@link #close}: the driver does not
 * parse the same text a thousand times. Where the dialect can, it is prepared on the server
 * ({@link Dialect#prepareRepeated}): then the database does not parse it a thousand times either.
 */
final class KeptStatement implements AutoCloseable {

    private final int generatedKeys;
    private PreparedStatement statement;
    private Connection connection;

    private KeptStatement(int generatedKeys) {
        this.generatedKeys = generatedKeys;
    }

    static KeptStatement plain() {
        return new KeptStatement(Statement.NO_GENERATED_KEYS);
    }

    static KeptStatement returningKeys() {
        return new KeptStatement(Statement.RETURN_GENERATED_KEYS);
    }

    /**
     * The statement on {@code connection}, its parameters cleared; prepared by {@code dialect} from
     * {@code sql} the first time, and again after {@link #close} or on another connection. {@code sql}
     * must give the same text for as long as the statement is kept.
     */
    PreparedStatement on(Connection connection, Dialect dialect, Supplier<String> sql) throws SQLException {
        if (statement != null && this.connection == connection && !statement.isClosed()) {
            statement.clearParameters();
            return statement;
        }
        close();
        statement = dialect.prepareRepeated(connection, sql.get(), generatedKeys);
        this.connection = connection;
        return statement;
    }

    /** Closes the statement, if prepared; after a failure too, so that the next use prepares it afresh. */
    @Override
    public void close() {
        PreparedStatement open = statement;
        statement = null;
        connection = null;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                // the connection is gone or failing: the statement goes with it
            }
        }
    }
}
