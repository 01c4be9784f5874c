package org.divemap.migrations.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.Column;
import org.divemap.migrations.ColumnChange;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.Index;
import org.divemap.migrations.NamingConvention;
import org.divemap.migrations.OnlineDdl;
import org.divemap.migrations.Operations;
import org.divemap.migrations.SchemaInspector;
import org.divemap.migrations.Table;

/**
 * The operations a migration runs on a live connection. Every statement it sends is remembered, so a
 * failure can say which statement failed and which ran before it.
 *
 * <p>The schema-changing calls (tables, columns, indexes, constraints), introspection and the data
 * helpers are rendered per dialect by the Operations milestone; until then they refuse with a
 * message that says so, and migrations use {@link #execute(String)}.
 */
final class JdbcOperations implements Operations {

    private final Connection connection;
    private final Database database;
    private final List<String> executed = new ArrayList<>();
    private String failed;

    JdbcOperations(Connection connection, Database database) {
        this.connection = connection;
        this.database = database;
    }

    /** The statements that completed, in order. */
    List<String> executed() {
        return List.copyOf(executed);
    }

    /** The statement that failed, or null. */
    String failedStatement() {
        return failed;
    }

    @Override
    public void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            failed = sql;
            throw new StatementFailed(sql, e);
        }
        executed.add(sql);
    }

    @Override
    public void execute(String sql, Object... params) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            failed = sql;
            throw new StatementFailed(sql, e);
        }
        executed.add(sql);
    }

    /** A statement of a migration failed; carries the statement for the report. */
    static final class StatementFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String statement;

        StatementFailed(String statement, SQLException cause) {
            super(cause.getMessage(), cause);
            this.statement = statement;
        }
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public boolean isOffline() {
        return false;
    }

    @Override
    public NamingConvention namingConvention() {
        return NamingConvention.DEFAULT;
    }

    private static UnsupportedOperationException notYet(String operation) {
        return new UnsupportedOperationException(operation + " is not rendered by this version of the runtime yet;"
                + " write the statement with op.execute(sql) for now.");
    }

    @Override
    public void createTable(Table table) {
        throw notYet("createTable");
    }

    @Override
    public void dropTable(String table) {
        throw notYet("dropTable");
    }

    @Override
    public void renameTable(String from, String to) {
        throw notYet("renameTable");
    }

    @Override
    public void addColumn(String table, Column column) {
        throw notYet("addColumn");
    }

    @Override
    public void dropColumn(String table, String column) {
        throw notYet("dropColumn");
    }

    @Override
    public void alterColumn(String table, ColumnChange change) {
        throw notYet("alterColumn");
    }

    @Override
    public void createIndex(String table, Index index) {
        throw notYet("createIndex");
    }

    @Override
    public void dropIndex(String table, String name) {
        throw notYet("dropIndex");
    }

    @Override
    public void addConstraint(String table, Constraint constraint) {
        throw notYet("addConstraint");
    }

    @Override
    public void dropConstraint(String table, String name, Constraint.Kind kind) {
        throw notYet("dropConstraint");
    }

    @Override
    public void bulkInsert(String table, List<String> columns, List<List<Object>> rows) {
        throw notYet("bulkInsert");
    }

    @Override
    public void batchUpdate(BatchUpdate spec) {
        throw notYet("batchUpdate");
    }

    @Override
    public SchemaInspector schema() {
        throw notYet("schema()");
    }

    @Override
    public Operations online(OnlineDdl options) {
        throw notYet("online(...)");
    }
}
