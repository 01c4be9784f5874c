package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.divemap.migrations.Column;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.DefaultValue;
import org.divemap.migrations.Index;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.ReferentialAction;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.SchemaInspector;
import org.divemap.migrations.SchemaInspector.ForeignKeyInfo;
import org.divemap.migrations.Table;
import org.divemap.migrations.TableOptions;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every type, table option, kind of index and referential action the guide lists runs on each
 * database it is promised for, and its downgrade removes it again: rendered SQL that only looks
 * right is not enough.
 */
class EveryTypeRunsTest {

    private static boolean mysql(Operations op) {
        return op.database() == Database.MYSQL || op.database() == Database.MARIADB;
    }

    private static RegisteredRevision revision(String id, String parent, Consumer<Operations> up,
            Consumer<Operations> down) {
        return new RegisteredRevision(id, parent == null ? List.of() : List.of(parent), List.of(), List.of(), "",
                OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(up, down));
    }

    static List<RegisteredRevision> history() {
        List<RegisteredRevision> revisions = new ArrayList<>();
        revisions.add(revision("0001_types", null, op -> {
            List<Column> columns = new ArrayList<>(List.of(
                    Column.of("id", Type.bigint()).autoIncrement().primaryKey(),
                    Column.of("c_tiny", Type.tinyint()).nullable(), Column.of("c_small", Type.smallint()).nullable(),
                    Column.of("c_int", Type.integer()).defaultValue(7L),
                    Column.of("c_bool", Type.bool()).defaultValue(true),
                    Column.of("c_dec", Type.decimal(10, 2)).defaultValue(DefaultValue.of(1.5)),
                    Column.of("c_real", Type.real()).nullable(), Column.of("c_double", Type.doublePrecision()).nullable(),
                    Column.of("c_char", Type.fixedChar(3)).defaultValue("abc"),
                    Column.of("c_varchar", Type.varchar(200)).nullable().comment("a comment"),
                    Column.of("c_text", Type.text()).nullable(), Column.of("c_mtext", Type.mediumText()).nullable(),
                    Column.of("c_ltext", Type.longText()).nullable(),
                    Column.of("c_binary", Type.binary(4)).nullable(), Column.of("c_varbinary", Type.varbinary(8)).nullable(),
                    Column.of("c_blob", Type.blob()).nullable(), Column.of("c_mblob", Type.mediumBlob()).nullable(),
                    Column.of("c_lblob", Type.longBlob()).nullable(),
                    Column.of("c_date", Type.date()).nullable(), Column.of("c_time", Type.time()).nullable(),
                    Column.of("c_time3", Type.time(3)).nullable(), Column.of("c_datetime", Type.datetime()).nullable(),
                    Column.of("c_datetime6", Type.datetime(6)).defaultValue(DefaultValue.currentTimestamp())
                            .onUpdateCurrentTimestamp(),
                    Column.of("c_timestamp", Type.timestamp()).nullable(),
                    Column.of("c_timestamp3", Type.timestamp(3)).nullable(),
                    Column.of("c_timestamptz", Type.timestampWithTimeZone()).nullable(),
                    Column.of("c_uuid", Type.uuid()).nullable(), Column.of("c_json", Type.json()).nullable(),
                    Column.of("c_enum", Type.enumeration("open", "closed")).defaultValue("open"),
                    Column.of("c_custom", Type.custom(mysql(op) ? "INT UNSIGNED" : "INTEGER")).nullable()));
            op.createTable(Table.of("all_types", columns).options(TableOptions.NONE.comment("every type")));
            op.createIndex("all_types", Index.on("c_int", "c_date"));
            op.createIndex("all_types", mysql(op) ? Index.on("c_text").prefixLength("c_text", 20)
                    : Index.on("c_varchar").where(op.database() == Database.H2 ? "1 = 1" : "c_varchar IS NOT NULL"));
            if (mysql(op)) {
                op.createIndex("all_types", Index.fulltextOn("c_varchar", "c_text"));
            }
            if (op.database() != Database.POSTGRESQL) { // PostgreSQL's geometry needs PostGIS
                op.createTable("places", Column.of("id", Type.integer()).primaryKey(),
                        Column.of("spot", Type.custom("GEOMETRY")));
                op.createIndex("places", Index.spatialOn("spot"));
            }
        }, op -> {
            if (op.database() != Database.POSTGRESQL) {
                op.dropTable("places");
            }
            op.dropTable("all_types");
        }));
        revisions.add(revision("0002_keys", "0001_types", op -> {
            op.createTable("pairs", Column.of("a", Type.integer()), Column.of("b", Type.integer()),
                    Constraint.primaryKey("a", "b"));
            op.createTable("refs", Column.of("id", Type.integer()).primaryKey(),
                    Column.of("type_id", Type.bigint()).nullable(), Column.of("pa", Type.integer()).nullable(),
                    Column.of("pb", Type.integer()).nullable(), Column.of("n", Type.integer()).nullable(),
                    Constraint.check("n > 0")
                            .named("n_positive"));
            op.addConstraint("refs", Constraint.foreignKey("type_id", "all_types", "id")
                    .onDelete(ReferentialAction.SET_NULL).onUpdate(ReferentialAction.CASCADE));
            op.addConstraint("refs", Constraint.foreignKey(List.of("pa", "pb"), "pairs", List.of("a", "b"))
                    .onDelete(ReferentialAction.RESTRICT).onUpdate(ReferentialAction.NO_ACTION).named("refs_pair"));
            op.dropConstraint("refs", "ck_refs_n_positive", Constraint.Kind.CHECK);
            op.addColumn("refs", Column.of("code", Type.varchar(10)).nullable().unique());
            op.alterColumn("refs", org.divemap.migrations.ColumnChange.of(Column.of("n", Type.integer()).nullable())
                    .rename("amount").type(Type.bigint()).comment("how many"));
            op.createTable("loose", Column.of("k", Type.integer()).primaryKey());
            op.dropConstraint("loose", "pk_loose", Constraint.Kind.PRIMARY_KEY);
        }, op -> {
            op.dropTable("loose");
            op.dropTable("refs");
            op.dropTable("pairs");
        }));
        return revisions;
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void everyTypeOptionIndexAndActionRunsAndGoesAway(Database kind) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "every_type"); Connection c = db.connect();
                Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(EveryTypeRunsTest::history)
                        .load()) {
            Dialect dialect = Dialect.detect(c);
            SchemaInspector inspector = new JdbcSchemaInspector(c, dialect, null);
            divemap.upgrade("0001_types");
            assertEquals(30, inspector.columns("all_types").size(), inspector.columns("all_types").toString());
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + dialect.quote("all_types") + " (" + dialect.quote("c_varchar") + ") VALUES ('x')");
                try (ResultSet rs = s.executeQuery("SELECT " + dialect.quote("c_int") + ", " + dialect.quote("c_char")
                        + ", " + dialect.quote("c_enum") + ", " + dialect.quote("c_datetime6") + " FROM "
                        + dialect.quote("all_types"))) {
                    assertTrue(rs.next());
                    assertEquals(7, rs.getInt(1));
                    assertEquals("abc", rs.getString(2));
                    assertEquals("open", rs.getString(3));
                    assertTrue(rs.getObject(4) != null, "the current-timestamp default");
                }
            }
            // the primary key's index aside: two indexes, and MySQL's full-text one
            assertEquals(kind == Database.MARIADB ? 3 : 2, inspector.indexes("all_types").size(),
                    inspector.indexes("all_types").toString());

            if (kind != Database.POSTGRESQL) {
                assertEquals(List.of("ix_places_spot"), inspector.indexes("places").stream() // H2 keeps IX_PLACES_SPOT
                        .map(index -> index.name().toLowerCase(java.util.Locale.ROOT)).toList());
            }

            divemap.upgrade("0002_keys");
            List<ForeignKeyInfo> keys = inspector.foreignKeys("refs");
            assertEquals(2, keys.size(), keys.toString());
            // names as the database keeps them: in upper case on H2
            ForeignKeyInfo pair = keys.stream().filter(k -> k.name().equalsIgnoreCase("refs_pair")).findFirst()
                    .orElseThrow();
            assertEquals(List.of("pa", "pb"), lower(pair.columns()));
            assertEquals(List.of("a", "b"), lower(pair.referredColumns()));
            ForeignKeyInfo type = keys.stream().filter(k -> !k.name().equalsIgnoreCase("refs_pair")).findFirst()
                    .orElseThrow();
            assertEquals(ReferentialAction.SET_NULL, type.onDelete());
            assertEquals(ReferentialAction.CASCADE, type.onUpdate());
            assertEquals(List.of(), inspector.checkConstraints("refs"));
            assertEquals(java.util.Optional.empty(), inspector.primaryKey("loose"));
            assertEquals(List.of(List.of("code")), inspector.uniqueConstraints("refs").stream()
                    .map(unique -> lower(unique.columns())).toList());
            assertFalse(inspector.hasColumn("refs", "n"));
            assertTrue(inspector.column("refs", "amount").orElseThrow().typeName().toLowerCase(java.util.Locale.ROOT)
                    .startsWith("bigint"), inspector.columns("refs").toString());

            divemap.downgrade("base");
            assertFalse(inspector.hasTable("all_types"));
            assertFalse(inspector.hasTable("refs"));
        }
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(name -> name.toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
