package org.divemap.migrations.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.sql.ConnectionSource;

/**
 * The fresh database (MySQL, MariaDB) or schema (PostgreSQL, H2) of one {@link MigrationTest}
 * class, created on a server and dropped when the class is done. Tests take it as a parameter:
 *
 * <pre>{@code
 * @Test
 * void seedsTheCountries(MigrationDatabase db) throws SQLException {
 *     db.divemap().upgrade("0004_seed_countries");
 *     try (Connection c = db.dataSource().getConnection()) { ... }
 * }
 * }</pre>
 */
public final class MigrationDatabase implements AutoCloseable {

    /** Opens a connection to the server, whichever database or schema it starts in. */
    interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector server;
    private final Connection admin;
    private final Dialect dialect;
    /** The name as Divemap writes it, and as the database keeps it (upper case on H2, unless DATABASE_TO_LOWER). */
    private final String name;
    private String storedName;
    private final String description;
    private final List<RevisionRegistry> registries;
    private final AutoCloseable owned;
    private final DataSource dataSource = new SchemaDataSource();
    private Divemap divemap;

    private MigrationDatabase(Connector server, Connection admin, Dialect dialect, String name,
            String description, List<RevisionRegistry> registries, AutoCloseable owned) {
        this.server = server;
        this.admin = admin;
        this.dialect = dialect;
        this.name = name;
        this.description = description;
        this.registries = registries;
        this.owned = owned;
    }

    /**
     * Creates {@code <prefix><random>} ({@code divemap_test_1a2b3c4d} by default) on the server
     * {@code server} connects to. The admin
     * connection stays open until {@link #close()}, which keeps an in-memory H2 database alive, and
     * then closes {@code owned} (the extension's connection pool).
     */
    static MigrationDatabase create(Connector server, String description, String prefix,
            List<RevisionRegistry> registries, AutoCloseable owned) {
        String name = prefix + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x1000_0000);
        Connection admin;
        try {
            admin = server.connect();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the test database server " + description + ": "
                    + e.getMessage() + ". Start the server, or point @MigrationTest(database = ...) at one.", e);
        }
        Dialect dialect = null;
        try {
            dialect = Dialect.detect(admin);
            MigrationDatabase database = new MigrationDatabase(server, admin, dialect, name, description, registries,
                    owned);
            database.execute(dialect.createSchemaStatement(name));
            database.storedName = dialect.storedName(admin, name);
            return database;
        } catch (SQLException | RuntimeException e) {
            try {
                admin.close();
            } catch (SQLException ignored) {
                // reported below
            }
            String what = dialect == null ? "database or schema" : dialect.schemaNoun();
            String statement = dialect == null ? "" : " (" + dialect.createSchemaStatement(name) + ")";
            throw new IllegalStateException("Cannot create the test " + what + " " + name + " on " + description
                    + ": " + e.getMessage() + ". The user needs the right to create one" + statement + ".", e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Which database it is. */
    public Operations.Database kind() {
        return dialect.database();
    }

    /**
     * The name of the database (MySQL, MariaDB) or schema (PostgreSQL, H2) the tests run in, as the
     * database keeps it: {@code divemap_test_1a2b3c4d}, or in upper case on H2 unless the URL sets
     * {@code DATABASE_TO_LOWER=TRUE}.
     */
    public String name() {
        return storedName;
    }

    /**
     * Connections to the test database or schema, each set to it as it is handed out; for a URL they
     * come from the extension's small pool, for a {@link DataSourceProvider} from its data source.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The revisions of the registries under test, in no particular order. */
    public List<RegisteredRevision> revisions() {
        List<RegisteredRevision> revisions = new ArrayList<>();
        registries.forEach(registry -> revisions.addAll(registry.revisions()));
        return revisions;
    }

    /** The registries under test. */
    public List<RevisionRegistry> registries() {
        return registries;
    }

    /**
     * A {@link Divemap} for this database and the registries under test, made on first use and
     * closed with the database.
     *
     * @throws org.divemap.migrations.runtime.DivemapException if the revision graph is invalid
     */
    public synchronized Divemap divemap() {
        if (divemap == null) {
            Configuration configuration = Divemap.configure().dataSource(dataSource);
            configuration.registries(registries.toArray(RevisionRegistry[]::new));
            divemap = configuration.load();
        }
        return divemap;
    }

    /** The schema as it is now, without Divemap's own tables (version, history, H2's lock). */
    public SchemaSnapshot snapshot() {
        try (Connection connection = dataSource.getConnection()) {
            return SchemaSnapshot.of(connection, List.of(Configuration.DEFAULT_VERSION_TABLE,
                    Configuration.DEFAULT_HISTORY_TABLE, Configuration.H2_LOCK_TABLE, "alembic_version"));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the schema of " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops everything in the test database or schema, version and history tables included. */
    public void reset() {
        try {
            execute(dialect.dropSchemaStatement(name));
            execute(dialect.createSchemaStatement(name));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot empty the test " + dialect.schemaNoun() + " " + name + ": "
                    + e.getMessage(), e);
        }
    }

    /** Drops the test database or schema and closes the admin connection. */
    @Override
    public synchronized void close() {
        try (AutoCloseable pool = owned; admin) {
            if (divemap != null) {
                divemap.close();
            }
            execute(dialect.dropSchemaStatement(name));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop the test " + dialect.schemaNoun() + " " + name
                    + " on " + description + ": " + e.getMessage() + ". Drop it by hand.", e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot close the connections to " + description + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return dialect.database() + " " + dialect.schemaNoun() + " " + name + " on " + description;
    }

    /** Every registry {@link ServiceLoader} finds through {@code loader}, as the runtime finds them. */
    static List<RevisionRegistry> discover(ClassLoader loader) {
        List<RevisionRegistry> registries = new ArrayList<>();
        ServiceLoader.load(RevisionRegistry.class, loader).forEach(registries::add);
        return registries;
    }

    /** Hands out server connections set to the test database or schema. */
    private final class SchemaDataSource extends ConnectionSource {

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = server.connect();
            try {
                dialect.useSchema(connection, storedName);
                return connection;
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        @Override
        public String toString() {
            return MigrationDatabase.this.toString();
        }
    }
}
