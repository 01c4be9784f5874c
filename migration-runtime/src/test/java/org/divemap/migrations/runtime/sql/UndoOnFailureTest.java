package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.divemap.migrations.Column;
import org.divemap.migrations.ColumnChange;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.Index;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where every DDL statement commits (MySQL, MariaDB, H2), a migration that fails half-way is undone
 * operation by operation: failing at each of its statements in turn, the schema ends every time as
 * it was at the previous revision, and the error says so.
 */
class UndoOnFailureTest {

    private static final int OPERATIONS = 7;

    private static List<Consumer<Operations>> operations(String p) {
        Column c = Column.of("c", Type.varchar(10)).nullable();
        return List.of(
                op -> op.createTable(p + "extra", Column.of("id", Type.integer()).primaryKey()),
                op -> op.addColumn(p + "base", Column.of("added", Type.integer()).nullable()),
                op -> op.createIndex(p + "base", Index.on("x")),
                op -> op.addConstraint(p + "base", Constraint.unique("y")),
                // no index serves z: MySQL adds one for the foreign key, which the undo must drop too
                op -> op.addConstraint(p + "base", Constraint.foreignKey("z", p + "extra", "id")),
                op -> op.alterColumn(p + "base", ColumnChange.of(c).type(Type.varchar(20))),
                op -> op.renameTable(p + "base", p + "renamed"));
    }

    private static List<RegisteredRevision> history(String p, int failAt) {
        Consumer<Operations> base = op -> op.createTable(p + "base", Column.of("id", Type.integer()).primaryKey(),
                Column.of("x", Type.integer()).nullable(), Column.of("y", Type.integer()).nullable(),
                Column.of("c", Type.varchar(10)).nullable(), Column.of("z", Type.integer()).nullable());
        Consumer<Operations> failing = op -> {
            List<Consumer<Operations>> steps = operations(p);
            for (int i = 0; i < steps.size(); i++) {
                if (i == failAt) {
                    op.execute("INSERT INTO " + p + "no_such_table VALUES (1)");
                }
                steps.get(i).accept(op);
            }
            if (failAt == steps.size()) {
                op.execute("INSERT INTO " + p + "no_such_table VALUES (1)");
            }
        };
        return List.of(
                new RegisteredRevision("0001_base", List.of(), List.of(), List.of(), "",
                        OperationsRenderingTest.Lambda.class.getName(), null,
                        () -> new OperationsRenderingTest.Lambda(base, op -> op.dropTable(p + "base"))),
                new RegisteredRevision("0002_many", List.of("0001_base"), List.of(), List.of(), "",
                        OperationsRenderingTest.Lambda.class.getName(), null,
                        () -> new OperationsRenderingTest.Lambda(failing, op -> { })));
    }

    /** Tables, columns (type, size, nullability) and indexes whose names start with the prefix. */
    private static List<String> schema(TestDatabase db, String p) throws SQLException {
        List<String> schema = new ArrayList<>();
        try (Connection c = db.connect()) {
            DatabaseMetaData meta = c.getMetaData();
            String catalog = c.getCatalog();
            String schemaName = db.kind() == Database.H2 ? db.schema() : null;
            TreeSet<String> tables = new TreeSet<>();
            try (ResultSet rs = meta.getTables(catalog, schemaName, "%", new String[] {"TABLE", "BASE TABLE"})) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT).startsWith(p)) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            for (String table : tables) {
                schema.add("table " + table);
                try (ResultSet rs = meta.getColumns(catalog, schemaName, table, null)) {
                    while (rs.next()) {
                        schema.add("  column " + rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + "("
                                + rs.getInt("COLUMN_SIZE") + ") nullable=" + rs.getInt("NULLABLE"));
                    }
                }
                TreeSet<String> indexes = new TreeSet<>();
                try (ResultSet rs = meta.getIndexInfo(catalog, schemaName, table, false, false)) {
                    while (rs.next()) {
                        if (rs.getString("INDEX_NAME") != null) {
                            // H2 renames the index behind a primary key when it rebuilds a table
                            String index = rs.getString("INDEX_NAME").replaceAll("^PRIMARY_KEY_\\w+$", "PRIMARY_KEY");
                            indexes.add(index + " unique=" + !rs.getBoolean("NON_UNIQUE"));
                        }
                    }
                }
                indexes.forEach(index -> schema.add("  index " + index));
            }
        }
        return schema;
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void failingAtEachStatementInTurnLeavesThePreviousRevisionsSchema(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "undo")) {
            for (int failAt = 0; failAt <= OPERATIONS; failAt++) {
                String p = "u" + failAt + "_";
                List<RegisteredRevision> revisions = history(p, failAt);
                try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> revisions)
                        .versionTable(p + "version").historyTable(p + "history").load()) {
                    divemap.upgrade("0001_base");
                    List<String> before = schema(db, p);
                    DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
                    String where = kind + ", failing before operation " + failAt + ": " + e.getMessage();
                    assertEquals(DivemapException.Kind.MIGRATION_FAILED, e.kind(), where);
                    assertEquals(before, schema(db, p), where);
                    assertEquals(List.of("0001_base"), divemap.current().versionRows(), where);
                    if (failAt == 0) {
                        assertTrue(e.getMessage().contains("None of its statements had run."), where);
                    } else {
                        assertTrue(e.getMessage().contains("The schema is back at the previous revision."), where);
                        assertEquals(failAt, e.getMessage().split("undone: ", -1).length - 1, where);
                    }
                }
            }
        }
    }

    /**
     * MariaDB gives a foreign key an index of its own, and drops it when an index created later can
     * serve the key instead; that index then cannot be dropped while the key exists ("needed in a
     * foreign key constraint"), so undoing last first stopped at it. Dropping the table the migration
     * created undoes the index and the key with it; the inverses left are then run.
     */
    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void anIndexAForeignKeyNeedsIsUndoneWithTheTableTheMigrationCreated(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "undo_fk_index")) {
            String p = "fk_";
            Consumer<Operations> base = op -> op.createTable(p + "base", Column.of("id", Type.integer()).primaryKey());
            Consumer<Operations> failing = op -> {
                op.addColumn(p + "base", Column.of("added", Type.integer()).nullable());
                op.createTable(p + "parent", Column.of("id", Type.integer()).primaryKey());
                op.createTable(p + "new_child", Column.of("id", Type.integer()).primaryKey(),
                        Column.of("parent_id", Type.integer()).nullable(),
                        Constraint.foreignKey("parent_id", p + "parent", "id"));
                op.renameTable(p + "new_child", p + "child"); // the table is dropped under its name of the moment
                op.createIndex(p + "child", Index.on("parent_id"));
                op.execute("INSERT INTO " + p + "no_such_table VALUES (1)");
            };
            List<RegisteredRevision> revisions = List.of(
                    new RegisteredRevision("0001_base", List.of(), List.of(), List.of(), "",
                            OperationsRenderingTest.Lambda.class.getName(), null,
                            () -> new OperationsRenderingTest.Lambda(base, op -> op.dropTable(p + "base"))),
                    new RegisteredRevision("0002_child", List.of("0001_base"), List.of(), List.of(), "",
                            OperationsRenderingTest.Lambda.class.getName(), null,
                            () -> new OperationsRenderingTest.Lambda(failing, op -> { })));
            try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> revisions).load()) {
                divemap.upgrade("0001_base");
                List<String> before = schema(db, p);
                DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
                assertEquals(DivemapException.Kind.MIGRATION_FAILED, e.kind(), e.getMessage());
                assertEquals(before, schema(db, p), e.getMessage());
                assertTrue(e.getMessage().contains("The schema is back at the previous revision."), e.getMessage());
                assertEquals(5, e.getMessage().split("undone: ", -1).length - 1, e.getMessage());
                if (kind == Database.MARIADB) { // H2 keeps the foreign key's own index, so last first works there
                    assertTrue(e.getMessage().contains(String.join("\n",
                            "    undone: createIndex ix_fk_child_parent_id on fk_child (with table fk_child)",
                            "    undone: renameTable fk_new_child to fk_child (with table fk_child)",
                            "    undone: createTable fk_new_child (dropped ahead of its turn, with what followed on it)",
                            "    undone: createTable fk_parent (dropped ahead of its turn)",
                            "    undone: addColumn fk_base.added",
                            "  The schema is back at the previous revision.")), e.getMessage());
                }
                assertEquals(List.of("0001_base"), divemap.current().versionRows());
                divemap.downgrade("base");
                assertEquals(List.of(), schema(db, p), "nothing of the failed migration is left");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = "MARIADB") // hand-written SQL with lower-case names; the undo code is the same on H2
    void aParameterisedExecuteThatRanIsListedAndStopsTheUndo(Database kind) {
        try (TestDatabase db = TestDatabase.create(kind, "undo_params")) {
            Consumer<Operations> upgrade = op -> {
                op.createTable("pe_notes", Column.of("id", Type.integer()).primaryKey(),
                        Column.of("text", Type.varchar(20)));
                op.execute("INSERT INTO pe_notes (id, text) VALUES (?, ?)", 1, "kept");
                op.execute("INSERT INTO pe_no_such_table VALUES (1)");
            };
            List<RegisteredRevision> revisions = List.of(new RegisteredRevision("0001_notes", List.of(), List.of(),
                    List.of(), "", OperationsRenderingTest.Lambda.class.getName(), null,
                    () -> new OperationsRenderingTest.Lambda(upgrade, op -> op.dropTable("pe_notes"))));
            try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> revisions).load()) {
                DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
                assertTrue(e.getMessage().contains("could not be undone automatically"), e.getMessage());
                assertTrue(e.getMessage().contains("\n    INSERT INTO pe_notes (id, text) VALUES (1, 'kept');"),
                        e.getMessage());
                // the table the insert went into is not dropped under it: the undo stops at the insert
                assertTrue(e.getMessage().contains("CREATE TABLE"), e.getMessage());
            }
        }
    }
}
