package org.divemap.migrations.runtime.sql;

import java.sql.Connection;
import java.util.List;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.NamingConvention;
import org.divemap.migrations.OnlineDdl;
import org.divemap.migrations.SchemaInspector;
import org.divemap.migrations.runtime.dialect.Dialect;

/**
 * Operations that only record the SQL a migration renders, for an offline script and for the
 * checksum of a revision. What needs the live database ({@link #connection()}, {@link #schema()},
 * {@link #batchUpdate}) throws {@link IllegalStateException}: such a migration cannot be rendered.
 */
public final class OfflineOperations extends RenderedOperations {

    public OfflineOperations(Dialect dialect, NamingConvention names) {
        this(dialect, names, OnlineDdl.DEFAULT, new Log());
    }

    private OfflineOperations(Dialect dialect, NamingConvention names, OnlineDdl online, Log log) {
        super(dialect, names, online, log);
    }

    @Override
    void send(String sql) {
        // recorded by execute
    }

    @Override
    void send(String sql, String inline, Object[] params) {
        // recorded by execute, with the parameters written in
    }

    @Override
    RenderedOperations withOnline(OnlineDdl options) {
        return new OfflineOperations(dialect, names, options, log);
    }

    @Override
    public boolean isOffline() {
        return true;
    }

    @Override
    public void bulkInsert(String table, List<String> columns, List<List<Object>> rows) {
        run(ddl.insertRows(table, columns, rows));
    }

    @Override
    public void batchUpdate(BatchUpdate spec) {
        throw needsDatabase("op.batchUpdate(...)");
    }

    @Override
    public Connection connection() {
        throw needsDatabase("op.connection()");
    }

    @Override
    public SchemaInspector schema() {
        throw needsDatabase("op.schema()");
    }

    private static IllegalStateException needsDatabase(String call) {
        return new IllegalStateException(call + " needs a live database, so this migration cannot be rendered as"
                + " an offline SQL script.");
    }
}
