package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.divemap.migrations.Column;
import org.divemap.migrations.DefaultValue;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.SchemaInspector;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Text in defaults, comments and enumerations reaches the database as written, backslashes and
 * quotes included (MySQL reads a backslash as an escape); a primary-key column added to an
 * existing table gets its key, auto-increment included (MySQL wants both in one statement).
 */
class TextAndKeyRenderingTest {

    private static final String PATH = "C:\\dives\\ it's";
    private static final String ODD = "a\\b";

    private static List<RegisteredRevision> history() {
        RegisteredRevision table = new RegisteredRevision("0001_paths", List.of(), List.of(), List.of(), "",
                OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                        op -> op.createTable("paths", Column.of("n", Type.integer()),
                                Column.of("path", Type.varchar(50)).defaultValue(DefaultValue.of(PATH))
                                        .comment("ends with a backslash \\"),
                                Column.of("kind", Type.enumeration(ODD, "plain")).defaultValue(ODD),
                                Column.of("stamp", Type.datetime(3)).nullable()),
                        op -> op.dropTable("paths")));
        RegisteredRevision key = new RegisteredRevision("0002_key", List.of("0001_paths"), List.of(), List.of(), "",
                OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                        op -> op.addColumn("paths", Column.of("id", Type.bigint()).autoIncrement().primaryKey()),
                        op -> op.dropColumn("paths", "id")));
        // a default-only change to an expression: MySQL 8 wants it in parentheses after SET DEFAULT
        RegisteredRevision now = new RegisteredRevision("0003_now", List.of("0002_key"), List.of(), List.of(), "",
                OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                        op -> op.alterColumn("paths", org.divemap.migrations.ColumnChange.of(
                                Column.of("stamp", Type.datetime(3)).nullable()).defaultValue(
                                        DefaultValue.currentTimestamp())),
                        op -> op.alterColumn("paths", org.divemap.migrations.ColumnChange.of("stamp").dropDefault())));
        return List.of(table, key, now);
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void backslashesArriveAsWrittenAndAnAddedKeyColumnIsTheKey(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "text_key"); Connection c = db.connect();
                Divemap divemap = Divemap.configure().dataSource(db.dataSource())
                        .registries(TextAndKeyRenderingTest::history).load()) {
            divemap.upgrade("0001_paths");
            Dialect dialect = Dialect.detect(c);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + dialect.quote("paths") + " (" + dialect.quote("n") + ") VALUES (1), (2)");
                try (ResultSet rs = s.executeQuery("SELECT " + dialect.quote("path") + ", " + dialect.quote("kind")
                        + " FROM " + dialect.quote("paths") + " WHERE " + dialect.quote("n") + " = 1")) {
                    assertTrue(rs.next());
                    assertEquals(PATH, rs.getString(1));
                    assertEquals(ODD, rs.getString(2));
                }
            }

            divemap.upgrade("0002_key"); // on a table with rows, which the new column numbers
            SchemaInspector inspector = new JdbcSchemaInspector(c, dialect, null);
            assertEquals(Optional.of(List.of(dialect.storedName(c, "id"))),
                    inspector.primaryKey("paths").map(k -> k.columns()));
            assertTrue(inspector.column("paths", "id").orElseThrow().autoIncrement(),
                    inspector.columns("paths").toString());

            divemap.upgrade("head");
            assertTrue(inspector.column("paths", "stamp").orElseThrow().defaultValue().toUpperCase(java.util.Locale.ROOT)
                    .contains("CURRENT_TIMESTAMP"), inspector.columns("paths").toString());
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + dialect.quote("paths") + " (" + dialect.quote("n") + ") VALUES (3)");
                try (ResultSet rs = s.executeQuery("SELECT " + dialect.quote("stamp") + " FROM "
                        + dialect.quote("paths") + " WHERE " + dialect.quote("n") + " = 3")) {
                    assertTrue(rs.next());
                    assertTrue(rs.getObject(1) != null, "the new default fills the column");
                }
            }

            divemap.downgrade("0001_paths");
            assertEquals(Optional.empty(), inspector.primaryKey("paths"));
            assertEquals(null, inspector.column("paths", "stamp").orElseThrow().defaultValue());
        }
    }
}
