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
import org.divemap.migrations.runtime.dialect.Ddl;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.sql.DataOperations;
import org.divemap.migrations.runtime.sql.JdbcSchemaInspector;

/**
 * The operations a migration runs on a live connection: each schema-changing call is rendered by the
 * dialect's {@link Ddl} and run at once. Every statement sent is remembered, so a failure can say
 * which statement failed and which ran before it.
 */
final class JdbcOperations implements Operations {

    private final Connection connection;
    private final Dialect dialect;
    private final Ddl ddl;
    private final OnlineDdl online;
    private final Log log;
    private final NamingConvention names = NamingConvention.DEFAULT;

    /** What ran, shared by the views {@link #online(OnlineDdl)} returns. */
    private static final class Log {
        final List<String> executed = new ArrayList<>();
        /** The SHA-256 of the migration's SQL as an offline script would print it. */
        final java.security.MessageDigest rendered = sha256();
        String failed;
    }

    static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private void render(String statement) {
        log.rendered.update((statement + ";\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The checksum of everything this migration rendered: the same online and offline. */
    String checksum() {
        return java.util.HexFormat.of().formatHex(log.rendered.digest());
    }

    /** Operations on a live connection; with a null connection, they only record the SQL (offline). */
    JdbcOperations(Connection connection, Dialect dialect) {
        this(connection, dialect, OnlineDdl.DEFAULT, new Log());
    }

    private JdbcOperations(Connection connection, Dialect dialect, OnlineDdl online, Log log) {
        this.connection = connection;
        this.dialect = dialect;
        this.ddl = Ddl.of(dialect);
        this.online = online;
        this.log = log;
    }

    private void run(List<String> statements) {
        statements.forEach(this::execute);
    }

    /** The statements that completed, in order. */
    List<String> executed() {
        return List.copyOf(log.executed);
    }

    /** The statement that failed, or null. */
    String failedStatement() {
        return log.failed;
    }

    @Override
    public void execute(String sql) {
        render(sql);
        if (connection == null) {
            log.executed.add(sql);
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            log.failed = sql;
            throw new StatementFailed(sql, e);
        }
        log.executed.add(sql);
    }

    @Override
    public void execute(String sql, Object... params) {
        String inline = ddl.inline(sql, params);
        render(inline);
        if (connection == null) {
            log.executed.add(inline);
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            log.failed = sql;
            throw new StatementFailed(sql, e);
        }
        log.executed.add(sql);
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
        requireOnline("op.connection()");
        return connection;
    }

    private void requireOnline(String call) {
        if (connection == null) {
            throw new IllegalStateException(call + " needs a live database, so this migration cannot be rendered as"
                    + " an offline SQL script.");
        }
    }

    @Override
    public Database database() {
        return dialect.database();
    }

    @Override
    public boolean isOffline() {
        return connection == null;
    }

    @Override
    public NamingConvention namingConvention() {
        return names;
    }

    @Override
    public void createTable(Table table) {
        run(ddl.createTable(table, names));
    }

    @Override
    public void dropTable(String table) {
        run(ddl.dropTable(table));
    }

    @Override
    public void renameTable(String from, String to) {
        run(ddl.renameTable(from, to));
    }

    @Override
    public void addColumn(String table, Column column) {
        run(ddl.addColumn(table, column, online));
    }

    @Override
    public void dropColumn(String table, String column) {
        run(ddl.dropColumn(table, column, online));
    }

    @Override
    public void alterColumn(String table, ColumnChange change) {
        run(ddl.alterColumn(table, change, online));
    }

    @Override
    public void createIndex(String table, Index index) {
        run(ddl.createIndex(table, index, names, online));
    }

    @Override
    public void dropIndex(String table, String name) {
        run(ddl.dropIndex(table, name, online));
    }

    @Override
    public void addConstraint(String table, Constraint constraint) {
        run(ddl.addConstraint(table, constraint, names));
    }

    @Override
    public void dropConstraint(String table, String name, Constraint.Kind kind) {
        run(ddl.dropConstraint(table, name, kind));
    }

    @Override
    public void bulkInsert(String table, List<String> columns, List<List<Object>> rows) {
        if (connection == null) {
            run(ddl.insertRows(table, columns, rows));
            return;
        }
        ddl.insertRows(table, columns, rows).forEach(this::render);
        String statement = new DataOperations(connection, dialect).bulkInsert(table, columns, rows);
        log.executed.add(statement + " -- " + rows.size() + " rows");
    }

    @Override
    public void batchUpdate(BatchUpdate spec) {
        requireOnline("op.batchUpdate(...)");
        render("-- batched update of " + spec.table() + " by " + spec.keyColumn());
        new DataOperations(connection, dialect).batchUpdate(spec);
        log.executed.add("-- batched update of " + spec.table() + " by " + spec.keyColumn());
    }

    @Override
    public SchemaInspector schema() {
        requireOnline("op.schema()");
        return new JdbcSchemaInspector(connection, dialect, null);
    }

    @Override
    public Operations online(OnlineDdl options) {
        return new JdbcOperations(connection, dialect, options, log);
    }
}
