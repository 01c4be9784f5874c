package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.divemap.migrations.Column;
import org.divemap.migrations.ColumnChange;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Adding a value to an enumeration, and taking it away again: on PostgreSQL, where an enumeration
 * is a VARCHAR with a CHECK, the CHECK must follow the type.
 */
class EnumChangeTest {

    private static final Column TWO = Column.of("status", Type.enumeration("open", "closed")).defaultValue("open");
    private static final Type THREE = Type.enumeration("open", "closed", "archived");
    private static final Column WITH_THREE = Column.of("status", THREE).defaultValue("open");

    private static List<RegisteredRevision> history() {
        return List.of(
                new RegisteredRevision("0001_dives", List.of(), List.of(), List.of(), "",
                        OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                                op -> op.createTable("dives", Column.of("id", Type.integer()).primaryKey(), TWO),
                                op -> op.dropTable("dives"))),
                new RegisteredRevision("0002_archived", List.of("0001_dives"), List.of(), List.of(), "",
                        OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                                op -> op.alterColumn("dives", ColumnChange.of(TWO).type(THREE)),
                                op -> op.alterColumn("dives", ColumnChange.of(WITH_THREE).type(TWO.type())))));
    }

    private static void insert(Connection c, Dialect dialect, int id, String status) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + dialect.quote("dives") + " (" + dialect.quote("id") + ", "
                    + dialect.quote("status") + ") VALUES (" + id + ", '" + status + "')");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void aNewValueIsAcceptedAfterTheChangeAndRefusedAfterItsDowngrade(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "enum_change"); Connection c = db.connect();
                Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(EnumChangeTest::history)
                        .load()) {
            Dialect dialect = Dialect.detect(c);
            divemap.upgrade("0001_dives");
            assertThrows(SQLException.class, () -> insert(c, dialect, 1, "archived"));
            divemap.upgrade("head");
            insert(c, dialect, 2, "archived");
            assertThrows(SQLException.class, () -> insert(c, dialect, 3, "bogus"));
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM " + dialect.quote("dives"));
            }
            divemap.downgrade("0001_dives");
            assertThrows(SQLException.class, () -> insert(c, dialect, 4, "archived"));
            insert(c, dialect, 5, "closed");
        }
    }
}
