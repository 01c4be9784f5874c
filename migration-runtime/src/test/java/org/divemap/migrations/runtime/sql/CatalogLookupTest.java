package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.SchemaInspector;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.StatementLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * MariaDB answers an {@code information_schema} query from one table's definition when the schema
 * and the table are named as constants for every view the query reads; when a view is only joined
 * on them, it opens every table of every schema on the server, which on a shared server with
 * thousands of tables made each of the inspector's queries take a tenth of a second or more. Its
 * {@code EXPLAIN} says which: "Scanned all databases". Every catalog query the inspector sends for a
 * table is explained here with the same parameters, and none may scan all databases.
 */
class CatalogLookupTest {

    private static final Databases DATABASES = new Databases("catalog_lookup");

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    @Test
    void theInspectorsCatalogQueriesReadOneSchemaOnMariaDb() throws SQLException {
        StatementLog log = new StatementLog(DATABASES.get(Database.MARIADB));
        try (Connection connection = DATABASES.get(Database.MARIADB).connect();
                Statement statement = connection.createStatement(); Connection logged = log.getConnection()) {
            statement.execute("CREATE TABLE cl_parents (id INT PRIMARY KEY)");
            statement.execute("CREATE TABLE cl_dives (id INT PRIMARY KEY, site VARCHAR(20), depth INT,"
                    + " parent_id INT, CONSTRAINT cl_uq_site UNIQUE (site), CONSTRAINT cl_ck_depth CHECK (depth > 0),"
                    + " CONSTRAINT cl_fk_parent FOREIGN KEY (parent_id) REFERENCES cl_parents (id))");
            Dialect dialect = Dialect.detect(connection);
            SchemaInspector inspector = new JdbcSchemaInspector(logged, dialect, null);
            assertEquals(1, inspector.uniqueConstraints("cl_dives").size());
            assertEquals(1, inspector.checkConstraints("cl_dives").size());
            inspector.columns("cl_dives");
            inspector.indexes("cl_dives");
            inspector.primaryKey("cl_dives");
            inspector.foreignKeys("cl_dives");

            List<String> catalog = log.entries().stream()
                    .map(entry -> entry.substring(entry.indexOf(": ") + 2)) // "<connection>: <sql>"
                    .filter(sql -> sql.toLowerCase(Locale.ROOT).contains("information_schema")).toList();
            assertTrue(catalog.size() >= 2, "catalog queries: " + catalog);
            String database = connection.getCatalog();
            for (String sql : catalog) {
                List<String> plan = explain(connection, sql, database, "cl_dives");
                assertFalse(plan.stream().anyMatch(extra -> extra.contains("Scanned all databases")),
                        sql + "\n" + plan);
            }
        }
    }

    /** The {@code Extra} column of {@code EXPLAIN sql}, its parameters naming the schema and the table in turn. */
    private static List<String> explain(Connection connection, String sql, String schema, String table)
            throws SQLException {
        List<String> extras = new ArrayList<>();
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            JdbcSchemaInspector.bindSchemaAndTable(explain, sql, schema, table);
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    extras.add(rs.getString("Extra"));
                }
            }
        }
        return extras;
    }
}
