package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.divemap.migrations.Column;
import org.divemap.migrations.ColumnChange;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.DefaultValue;
import org.divemap.migrations.Index;
import org.divemap.migrations.Migration;
import org.divemap.migrations.OnlineDdl;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.ReferentialAction;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each schema-changing operation, run through {@link Divemap} on MariaDB, PostgreSQL and H2, and
 * checked by reading the database's own metadata, not by comparing SQL text.
 */
class OperationsRenderingTest {

    /** A migration from two lambdas. */
    record Lambda(Consumer<Operations> up, Consumer<Operations> down) implements Migration {
        @Override
        public void upgrade(Operations op) {
            up.accept(op);
        }

        @Override
        public void downgrade(Operations op) {
            down.accept(op);
        }
    }

    private static RegisteredRevision revision(String id, String parent, Consumer<Operations> up,
            Consumer<Operations> down) {
        return new RegisteredRevision(id, parent == null ? List.of() : List.of(parent), List.of(), List.of(), id,
                Lambda.class.getName(), null, () -> new Lambda(up, down));
    }

    static final Column USER_ID = Column.of("id", Type.integer()).autoIncrement().primaryKey();
    static final Column STATUS = Column.of("status", Type.varchar(20)).nullable();

    static List<RegisteredRevision> history() {
        List<RegisteredRevision> revisions = new ArrayList<>();
        revisions.add(revision("0001_users", null, op -> op.createTable("users",
                USER_ID,
                Column.of("username", Type.varchar(50)).unique(),
                Column.of("email", Type.varchar(255)),
                Column.of("created_at", Type.timestamp()).defaultValue(DefaultValue.currentTimestamp()),
                Column.of("is_admin", Type.bool()).defaultValue(false),
                Column.of("balance", Type.decimal(10, 2)).defaultValue(DefaultValue.of(0)),
                Column.of("bio", Type.text()).nullable().comment("About me"),
                Column.of("role", Type.enumeration("diver", "moderator")).defaultValue("diver"),
                STATUS), op -> op.dropTable("users")));
        revisions.add(revision("0002_sites", "0001_users", op -> {
            op.createTable("dive_sites",
                    Column.of("id", Type.bigint()).autoIncrement().primaryKey(),
                    Column.of("name", Type.varchar(200)),
                    Column.of("country", Type.varchar(100)).nullable(),
                    Column.of("region", Type.varchar(100)).nullable(),
                    Column.of("max_depth", Type.decimal(5, 2)).nullable(),
                    Column.of("created_by", Type.integer()),
                    Constraint.foreignKey("created_by", "users", "id").onDelete(ReferentialAction.CASCADE),
                    Constraint.check("max_depth >= 0")
                            .named("max_depth_positive"));
            op.createIndex("dive_sites", Index.on("country", "region"));
            op.createIndex("dive_sites", Index.uniqueOn("name").named("ix_dive_sites_name"));
        }, op -> op.dropTable("dive_sites")));
        revisions.add(revision("0003_changes", "0002_sites", op -> {
            op.online(OnlineDdl.mysql(OnlineDdl.Algorithm.INPLACE, OnlineDdl.Lock.NONE))
                    .addColumn("dive_sites", Column.of("view_count", Type.integer()).defaultValue(0L));
            op.execute("UPDATE users SET status = 'active' WHERE status IS NULL");
            op.alterColumn("users", ColumnChange.of(STATUS).nullable(false).defaultValue(DefaultValue.of("active")));
            op.alterColumn("users", ColumnChange.of("email").rename("email_address"));
            op.alterColumn("dive_sites", ColumnChange.of(Column.of("name", Type.varchar(200))).type(Type.varchar(300)));
            op.addConstraint("users", Constraint.unique("email_address"));
            op.renameTable("dive_sites", "sites");
        }, op -> {
            op.renameTable("sites", "dive_sites");
            op.dropConstraint("users", Constraint.unique("email_address"));
            op.alterColumn("dive_sites", ColumnChange.of(Column.of("name", Type.varchar(300))).type(Type.varchar(200)));
            op.alterColumn("users", ColumnChange.of("email_address").rename("email"));
            op.alterColumn("users", ColumnChange.of(STATUS.notNull().defaultValue("active")).nullable(true).dropDefault());
            op.dropColumn("dive_sites", "view_count");
        }));
        revisions.add(revision("0004_drops", "0003_changes", op -> {
            op.dropIndex("sites", "ix_dive_sites_country_region"); // named after the table it was created on
            op.dropConstraint("sites", "fk_dive_sites_created_by_users", Constraint.Kind.FOREIGN_KEY);
            op.dropColumn("sites", "region");
        }, op -> {
            op.addColumn("sites", Column.of("region", Type.varchar(100)).nullable());
            op.addConstraint("sites", Constraint.foreignKey("created_by", "users", "id").onDelete(ReferentialAction.CASCADE)
                    .named(op.f("fk_dive_sites_created_by_users")));
            op.createIndex("sites", Index.on("country", "region").named("ix_dive_sites_country_region"));
        }));
        return revisions;
    }

    /** Column name (lower case) to "TYPE nullable/notnull", read from JDBC metadata. */
    private static Map<String, String> columns(Connection c, TestDatabase db, String table) throws SQLException {
        Map<String, String> columns = new TreeMap<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getColumns(catalog(c, db), schema(db), stored(db, table), null)) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                        rs.getString("TYPE_NAME").toUpperCase(Locale.ROOT) + " "
                                + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNullable ? "null" : "not null")
                                + (rs.getString("COLUMN_DEF") != null ? " default" : ""));
            }
        }
        return columns;
    }

    private static TreeSet<String> indexes(Connection c, TestDatabase db, String table) throws SQLException {
        TreeSet<String> names = new TreeSet<>();
        try (ResultSet rs = c.getMetaData().getIndexInfo(catalog(c, db), schema(db), stored(db, table), false, false)) {
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") != null) {
                    names.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private static TreeSet<String> foreignKeys(Connection c, TestDatabase db, String table) throws SQLException {
        TreeSet<String> keys = new TreeSet<>();
        try (ResultSet rs = c.getMetaData().getImportedKeys(catalog(c, db), schema(db), stored(db, table))) {
            while (rs.next()) {
                keys.add(rs.getString("FK_NAME").toLowerCase(Locale.ROOT) + " -> "
                        + rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT) + " delete="
                        + rs.getShort("DELETE_RULE"));
            }
        }
        return keys;
    }

    private static boolean tableExists(Connection c, TestDatabase db, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(catalog(c, db), schema(db), stored(db, table), null)) {
            return rs.next();
        }
    }

    /** How the database stores a name Divemap created (quoted, so as written). */
    /** The name the database keeps a table under that Divemap created: H2 folds the unquoted name to upper case. */
    private static String stored(TestDatabase db, String table) {
        return db.kind() == Database.H2 ? table.toUpperCase(Locale.ROOT) : table;
    }

    private static String catalog(Connection c, TestDatabase db) throws SQLException {
        return db.kind() == Database.POSTGRESQL ? null : c.getCatalog();
    }

    private static String schema(TestDatabase db) {
        return db.kind() == Database.MARIADB ? null : db.schema();
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void everyOperationChangesTheSchemaAndItsDowngradeRestoresIt(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "operations");
                Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(OperationsRenderingTest::history)
                        .load()) {
            divemap.upgrade("0002_sites");
            try (Connection c = db.connect()) {
                Map<String, String> users = columns(c, db, "users");
                assertEquals(List.of("balance", "bio", "created_at", "email", "id", "is_admin", "role", "status",
                        "username"), List.copyOf(users.keySet()));
                assertTrue(users.get("email").startsWith("VARCHAR") || users.get("email").startsWith("CHARACTER VARYING"),
                        users.toString());
                assertTrue(users.get("email").contains("not null"), users.toString());
                assertTrue(users.get("status").contains(" null"), users.toString());
                assertTrue(users.get("created_at").endsWith("default"), users.toString());
                assertTrue(users.get("id").contains("not null"), users.toString());
                assertTrue(indexes(c, db, "users").stream().anyMatch(i -> i.startsWith("uq_users_username")),
                        indexes(c, db, "users").toString());
                TreeSet<String> siteIndexes = indexes(c, db, "dive_sites");
                assertTrue(siteIndexes.containsAll(List.of("ix_dive_sites_country_region", "ix_dive_sites_name")),
                        siteIndexes.toString());
                assertEquals(new TreeSet<>(List.of("fk_dive_sites_created_by_users -> users delete="
                        + DatabaseMetaData.importedKeyCascade)), foreignKeys(c, db, "dive_sites"));
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO " + q(kind, "users") + " (" + q(kind, "username") + ", " + q(kind, "email")
                            + ") VALUES ('ann', 'ann@example.com')");
                    // (names are quoted by Divemap: on H2 they stay lower case)
                    assertThrows(SQLException.class, () -> s.execute("INSERT INTO " + q(kind, "dive_sites") + " ("
                            + q(kind, "name") + ", " + q(kind, "created_by") + ", " + q(kind, "max_depth")
                            + ") VALUES ('x', 1, -5)"), "the check constraint holds");
                }
            }

            divemap.upgrade("0003_changes");
            try (Connection c = db.connect()) {
                assertFalse(tableExists(c, db, "dive_sites"));
                Map<String, String> sites = columns(c, db, "sites");
                assertTrue(sites.containsKey("view_count"), sites.toString());
                assertTrue(sites.get("name").contains("not null"), sites.toString());
                Map<String, String> users = columns(c, db, "users");
                assertTrue(users.containsKey("email_address") && !users.containsKey("email"), users.toString());
                assertTrue(users.get("status").contains("not null") && users.get("status").endsWith("default"),
                        users.toString());
                assertTrue(indexes(c, db, "users").stream().anyMatch(i -> i.startsWith("uq_users_email_address")),
                        indexes(c, db, "users").toString());
            }

            divemap.upgrade("0004_drops");
            try (Connection c = db.connect()) {
                assertFalse(columns(c, db, "sites").containsKey("region"));
                assertFalse(indexes(c, db, "sites").contains("ix_dive_sites_country_region"));
                assertEquals(new TreeSet<>(), foreignKeys(c, db, "sites"));
            }

            divemap.downgrade("0002_sites");
            try (Connection c = db.connect()) {
                Map<String, String> users = columns(c, db, "users");
                assertEquals(List.of("balance", "bio", "created_at", "email", "id", "is_admin", "role", "status",
                        "username"), List.copyOf(users.keySet()));
                assertTrue(users.get("status").contains(" null") && !users.get("status").endsWith("default"),
                        users.toString());
                assertTrue(tableExists(c, db, "dive_sites"));
                assertFalse(columns(c, db, "dive_sites").containsKey("view_count"));
                assertEquals(1, foreignKeys(c, db, "dive_sites").size());
            }
            divemap.downgrade("base");
            try (Connection c = db.connect()) {
                assertFalse(tableExists(c, db, "users"));
                assertFalse(tableExists(c, db, "dive_sites"));
            }
        }
    }

    /** A name as hand-written SQL writes it: plain, as Divemap writes it, on every database. */
    private static String q(Database kind, String identifier) {
        return identifier;
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB"})
    void mysqlNeedsTheExistingColumnToChangeItsType(Database kind) {
        List<RegisteredRevision> revisions = List.of(
                revision("0001_t", null, op -> op.createTable("t", Column.of("a", Type.varchar(10))), op -> op.dropTable("t")),
                revision("0002_alter", "0001_t", op -> op.alterColumn("t", ColumnChange.of("a").type(Type.varchar(20))),
                        op -> { }));
        try (TestDatabase db = TestDatabase.create(kind, "modify");
                Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> revisions).load()) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertTrue(e.getMessage().contains("restates the whole column (CHANGE COLUMN)"), e.getMessage());
            assertEquals(List.of("0001_t"), divemap.current().versionRows());
        }
    }
}
