package org.divemap.migrations.runtime.command;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.MigrationListener;
import org.divemap.migrations.runtime.SchemaAtHead;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.frontend.Texts;
import org.divemap.migrations.runtime.sql.ConnectionSource;

/**
 * A schema at head for tools that compare it with a model: the configured database, which must be
 * at head already, or a scratch schema on the same server that the whole history is applied to and
 * that is dropped afterwards.
 */
public final class AtHead {

    private final Context context;

    public AtHead(Context context) {
        this.context = context;
    }

    /**
     * Runs {@code reader} on the configured database.
     *
     * @throws DivemapException {@code NOT_AT_HEAD} when revisions are pending, naming where it stands
     */
    public <T> T configured(Function<SchemaAtHead, T> reader) {
        return context.withConnection(connection -> {
            List<String> rows = Context.sorted(context.versionTable().read(connection));
            List<String> pending = context.map().upgrade(rows, "heads").steps().stream()
                    .map(s -> s.revision().id()).toList();
            if (!pending.isEmpty()) {
                throw new DivemapException(Kind.NOT_AT_HEAD, "The database is at " + Texts.versions(rows)
                        + ", not at head (" + String.join(", ", context.map().heads()) + "): "
                        + pending.size() + " revision" + (pending.size() == 1 ? "" : "s") + " pending ("
                        + String.join(", ", pending) + "). Comparing with it would report what those revisions"
                        + " do. Upgrade it first, or compare with a scratch schema instead (the plugin's"
                        + " -Ddivemap.autogenerate.scratch, the command line's --scratch), which applies the"
                        + " history there and drops it afterwards.");
            }
            return reader.apply(schemaAtHead(connection, null, rows));
        });
    }

    /** What {@code reader} sees of the configured database at head; used by {@code check}, which knows it is at head. */
    SchemaAtHead schemaAtHead(Connection connection, String schema, List<String> rows) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        Setup setup = context.setup();
        return new SchemaAtHead(connection, context.dialect().database(), schema,
                Set.of(setup.versionTable(), setup.historyTable(), Configuration.H2_LOCK_TABLE), rows,
                metadata.getDatabaseMajorVersion(), metadata.getDatabaseMinorVersion());
    }

    /**
     * Creates a scratch schema ({@code divemap_scratch_<random>}; a database on MySQL) on the
     * configured server, applies every head there, runs {@code reader} on it, and drops it, whatever
     * happens. The configured database is only read from and written to for creating and dropping
     * the scratch schema.
     */
    public <T> T scratch(Function<SchemaAtHead, T> reader) {
        Dialect dialect = context.dialect();
        String name = "divemap_scratch_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x1000_0000);
        context.withConnection(connection -> {
            execute(connection, dialect.createSchemaStatement(name));
            return null;
        });
        try {
            String stored = context.withConnection(connection -> dialect.storedName(connection, name));
            Setup setup = context.setup();
            Setup scratch = new Setup(setup.url(), setup.user(), setup.password(), setup.versionTable(),
                    setup.historyTable(), null, setup.lockWait(), setup.connectTimeout(), 1, false, false,
                    new MigrationListener() {}, setup.namingConvention());
            Context inScratch = new Context(scratch, new InSchema(context, dialect, stored), context.map());
            new Migrate(inScratch).upgrade("heads");
            return inScratch.withConnection(connection -> reader.apply(new AtHead(inScratch).schemaAtHead(connection,
                    stored, Context.sorted(inScratch.versionTable().read(connection)))));
        } finally {
            context.withConnection(connection -> {
                execute(connection, dialect.dropSchemaStatement(name));
                return null;
            });
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** Connections of the configured database, each switched to the scratch schema. */
    private static final class InSchema extends ConnectionSource {
        private final Context context;
        private final Dialect dialect;
        private final String schema;

        InSchema(Context context, Dialect dialect, String schema) {
            this.context = context;
            this.dialect = dialect;
            this.schema = schema;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = context.dataSource().getConnection();
            try {
                dialect.useSchema(connection, schema);
                return connection;
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
    }
}
