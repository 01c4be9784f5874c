package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.divemap.migrations.Column;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.ForeignKeyRef;
import org.divemap.migrations.NamingConvention;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.SchemaInspector;
import org.divemap.migrations.SchemaInspector.ForeignKeyInfo;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Constraints the database names, as Alembic's {@code op.create_foreign_key(None, ...)} leaves
 * them: {@code serverNamed()} renders no {@code CONSTRAINT name} clause, online and offline, on
 * every database; a later revision drops them by their columns; the {@code none} naming convention
 * leaves everything unnamed; and a failed migration on MySQL or H2 still undoes them.
 */
class ServerNamedConstraintsTest {

    static final Databases DATABASES = new Databases("server_named");

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    private static RegisteredRevision revision(String id, String parent, Consumer<Operations> up,
            Consumer<Operations> down) {
        return new RegisteredRevision(id, parent == null ? List.of() : List.of(parent), List.of(), List.of(), id,
                OperationsRenderingTest.Lambda.class.getName(), null,
                () -> new OperationsRenderingTest.Lambda(up, down));
    }

    /**
     * An Alembic history, ported: a table with an unnamed foreign key, then an unnamed unique
     * constraint and check, then a revision that drops the foreign key by its column.
     */
    static List<RegisteredRevision> history(String p) {
        String centers = p + "centers";
        String dives = p + "dives";
        return List.of(
                revision("0001_dives", null, op -> {
                    op.createTable(centers, Column.of("id", Type.integer()).primaryKey());
                    op.createTable(dives, Column.of("id", Type.integer()).primaryKey(),
                            Column.of("diving_center_id", Type.integer()).nullable(),
                            Column.of("code", Type.varchar(10)).nullable(),
                            Column.of("depth", Type.integer()).nullable(),
                            Constraint.foreignKey("diving_center_id", centers, "id").serverNamed(),
                            Constraint.check("depth > 0").serverNamed());
                }, op -> {
                    op.dropTable(dives);
                    op.dropTable(centers);
                }),
                revision("0002_code", "0001_dives",
                        op -> op.addConstraint(dives, Constraint.unique("code").serverNamed()),
                        op -> op.dropUniqueConstraint(dives, "code")),
                revision("0003_no_center_key", "0002_code",
                        op -> op.dropForeignKey(dives, ForeignKeyRef.on("diving_center_id")),
                        op -> op.addConstraint(dives,
                                Constraint.foreignKey("diving_center_id", centers, "id").serverNamed())));
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void offlineTheDdlCarriesNoConstraintClause(Database kind) {
        try (Divemap divemap = Divemap.configure().registries(() -> history("sn_")).load()) {
            String create = String.join("\n", divemap.render("0001_dives", true, kind).orElseThrow());
            assertTrue(create.contains("\n    FOREIGN KEY (diving_center_id) REFERENCES sn_centers (id)"), create);
            assertTrue(create.contains("\n    CHECK (depth > 0)"), create);
            assertTrue(create.contains("CONSTRAINT pk_sn_dives PRIMARY KEY (id)"), "the default convention still"
                    + " names what is not server-named: " + create);
            OfflineOperations op = new OfflineOperations(Dialect.of(kind), NamingConvention.DEFAULT);
            op.addConstraint("sn_tags", Constraint.primaryKey("name").serverNamed());
            assertEquals(List.of("ALTER TABLE sn_tags ADD PRIMARY KEY (name)"), op.executed());
            assertEquals(List.of("ALTER TABLE sn_dives ADD UNIQUE (code)"),
                    divemap.render("0002_code", true, kind).orElseThrow());
            assertEquals(List.of("ALTER TABLE sn_dives ADD FOREIGN KEY (diving_center_id) REFERENCES sn_centers (id)"),
                    divemap.render("0003_no_center_key", false, kind).orElseThrow());
            // finding a constraint by its columns needs the live schema: refused offline, saying so
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgradeScript(kind, "base:head"));
            assertTrue(e.getMessage().contains("dropForeignKey(\"sn_dives\", ForeignKeyRef.on(diving_center_id))"
                    + " reads the name of the foreign key from the live schema, so it cannot be rendered offline."),
                    e.getMessage());
        }
    }

    /** The name each database gives the first unnamed foreign key of {@code dives}. */
    private static void assertServerName(Database kind, String dives, String name) {
        switch (kind) {
            case MARIADB, MYSQL -> assertEquals(dives + "_ibfk_1", name);
            case POSTGRESQL -> assertEquals(dives + "_diving_center_id_fkey", name);
            case H2 -> assertTrue(name.toUpperCase(Locale.ROOT).startsWith("CONSTRAINT_"), name);
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void theServerNamesTheConstraintsAndALaterRevisionDropsThemByTheirColumns(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        String p = "live_";
        try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> history(p))
                .versionTable(p + "version").historyTable(p + "history").load();
                Connection connection = db.connect()) {
            SchemaInspector schema = new JdbcSchemaInspector(connection, Dialect.detect(connection), null);
            divemap.upgrade("0002_code");
            List<ForeignKeyInfo> keys = schema.foreignKeys(p + "dives");
            assertEquals(1, keys.size(), keys.toString());
            assertServerName(kind, p + "dives", keys.get(0).name());
            assertEquals(keys.get(0), schema.foreignKey(p + "dives", ForeignKeyRef.on("DIVING_CENTER_ID")
                    .referring(p + "centers")).orElseThrow());
            assertTrue(schema.foreignKey(p + "dives", ForeignKeyRef.on("diving_center_id").referring(p + "dives"))
                    .isEmpty());
            String unique = schema.uniqueConstraintOn(p + "dives", "code").orElseThrow().name();
            assertFalse(unique.startsWith("uq_"), unique);
            assertEquals(1, schema.checkConstraints(p + "dives").stream()
                    .filter(c -> c.condition().toLowerCase(Locale.ROOT).contains("depth")).count());
            if (kind == Database.MARIADB) {
                // as under Alembic: the key's index is named after its column, so dropIndex("diving_center_id") works
                assertEquals(List.of("diving_center_id"), schema.indexesOn(p + "dives", "diving_center_id").stream()
                        .map(SchemaInspector.IndexInfo::name).toList());
                assertEquals("code", unique);
            }

            divemap.upgrade("head");
            assertEquals(List.of(), schema.foreignKeys(p + "dives"));
            divemap.downgrade("0002_code");
            assertEquals(1, schema.foreignKeys(p + "dives").size());
            divemap.downgrade("0001_dives");
            assertTrue(schema.uniqueConstraintOn(p + "dives", "code").isEmpty());
            divemap.downgrade("base");
            assertFalse(schema.hasTable(p + "dives"));
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void droppingAForeignKeyThatIsNotThereSaysWhichOnesAre(Database kind) {
        TestDatabase db = DATABASES.get(kind);
        String p = "missing_";
        List<RegisteredRevision> revisions = new ArrayList<>(history(p).subList(0, 1));
        revisions.add(revision("0002_wrong", "0001_dives",
                op -> op.dropForeignKey(p + "dives", ForeignKeyRef.on("code")), op -> { }));
        try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> revisions)
                .versionTable(p + "version").historyTable(p + "history").load()) {
            divemap.upgrade("0001_dives");
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertTrue(e.getMessage().contains("table " + p + "dives has no foreign key that ForeignKeyRef.on(code)"
                    + " matches; it has ["), e.getMessage());
            assertTrue(e.getMessage().contains("[diving_center_id] -> " + p + "centers]")
                    || e.getMessage().contains("[DIVING_CENTER_ID] -> " + p.toUpperCase(Locale.ROOT) + "CENTERS]"),
                    e.getMessage());
            divemap.downgrade("base");
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void theNoneConventionLeavesEveryUnnamedConstraintToTheServer(Database kind) {
        TestDatabase db = DATABASES.get(kind);
        String p = "none_";
        List<RegisteredRevision> revisions = List.of(revision("0001_plain", null, op -> {
            op.createTable(p + "centers", Column.of("id", Type.integer()).primaryKey());
            op.createTable(p + "dives", Column.of("id", Type.integer()).primaryKey(),
                    Column.of("diving_center_id", Type.integer()).nullable(),
                    Column.of("code", Type.varchar(10)).nullable().unique(),
                    Constraint.foreignKey("diving_center_id", p + "centers", "id"));
        }, op -> {
            op.dropTable(p + "dives");
            op.dropTable(p + "centers");
        }));
        try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> revisions)
                .versionTable(p + "version").historyTable(p + "history").namingConvention("none").load()) {
            String create = String.join("\n", divemap.render("0001_plain", true, kind).orElseThrow());
            assertFalse(create.contains("CONSTRAINT"), create);
            divemap.upgrade("head");
            try (Connection connection = db.connect()) {
                SchemaInspector schema = new JdbcSchemaInspector(connection, Dialect.detect(connection), null);
                assertServerName(kind, p + "dives", schema.foreignKeys(p + "dives").get(0).name());
                assertFalse(schema.uniqueConstraintOn(p + "dives", "code").orElseThrow().name().startsWith("uq_"));
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            divemap.downgrade("base");
        }
    }

    @Test
    void droppingAServerNamedConstraintByItsDefinitionSaysHowToFindIt() {
        OfflineOperations op = new OfflineOperations(Dialect.of(Database.MARIADB), NamingConvention.DEFAULT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> op.dropConstraint("dives", Constraint.unique("code").serverNamed()));
        assertEquals("cannot drop the unnamed UNIQUE constraint on dives[code]: the database named it (serverNamed()),"
                + " so its name is unknown here. Use dropForeignKey(table, ForeignKeyRef.on(columns...)) or"
                + " dropUniqueConstraint(table, columns...), which find it in the live schema, or call"
                + " dropConstraint(table, name, kind) with the name the database gave it", e.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> new Constraint.Unique(org.divemap.migrations.Name.of("uq"), List.of("code"), true));
        assertTrue(both.getMessage().contains("keep named(...) or serverNamed(), not both"), both.getMessage());
        // named(...) after serverNamed() names it again
        assertEquals("uq_dives_code", NamingConvention.DEFAULT.nameFor("dives",
                Constraint.unique("code").serverNamed().named(op.f("uq_dives_code"))).orElseThrow());
    }

    @Test
    void aWordThatIsNoConventionIsRefused() {
        DivemapException e = assertThrows(DivemapException.class,
                () -> Divemap.configure().namingConvention("alembic"));
        assertEquals(DivemapException.Kind.CONFIGURATION, e.kind());
        assertTrue(e.getMessage().startsWith("namingConvention: \"alembic\" is not a naming convention; give"
                + " \"default\""), e.getMessage());
        assertEquals(NamingConvention.NONE, NamingConvention.named(" None "));
        assertEquals(NamingConvention.DEFAULT, NamingConvention.named("default"));
    }

    /** Indexes, unique constraints, checks and foreign keys of the tables whose names start with {@code p}. */
    private static List<String> constraints(TestDatabase db, String p) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = db.connect()) {
            SchemaInspector schema = new JdbcSchemaInspector(connection, Dialect.detect(connection), null);
            for (String table : schema.tableNames()) {
                if (!table.toLowerCase(Locale.ROOT).startsWith(p)) {
                    continue;
                }
                lines.add("table " + table);
                schema.indexes(table).forEach(i -> lines.add("  index " + i));
                schema.uniqueConstraints(table).forEach(u -> lines.add("  unique " + u));
                schema.checkConstraints(table).forEach(c -> lines.add("  check " + c));
                schema.foreignKeys(table).forEach(f -> lines.add("  foreign key " + f));
                schema.primaryKey(table).ifPresent(k -> lines.add("  primary key " + k.columns()));
            }
        }
        return lines;
    }

    /**
     * Where DDL commits statement by statement, a migration that fails after adding server-named
     * constraints is undone: the runtime read the names the database gave, and on MySQL drops the
     * index it made for the foreign key too.
     */
    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void aFailedMigrationUndoesTheConstraintsTheServerNamed(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        String p = "undo_";
        List<RegisteredRevision> revisions = List.of(
                revision("0001_base", null, op -> {
                    op.createTable(p + "tags", Column.of("name", Type.varchar(20)));
                    op.createTable(p + "centers", Column.of("id", Type.integer()).primaryKey());
                    op.createTable(p + "dives", Column.of("id", Type.integer()).primaryKey(),
                            Column.of("diving_center_id", Type.integer()).nullable(),
                            Column.of("code", Type.varchar(10)).nullable(),
                            Column.of("depth", Type.integer()).nullable());
                }, op -> {
                    op.dropTable(p + "dives");
                    op.dropTable(p + "centers");
                    op.dropTable(p + "tags");
                }),
                revision("0002_fails", "0001_base", op -> {
                    op.addConstraint(p + "tags", Constraint.primaryKey("name").serverNamed());
                    op.addConstraint(p + "dives", Constraint.foreignKey("diving_center_id", p + "centers", "id")
                            .serverNamed());
                    op.addConstraint(p + "dives", Constraint.unique("code").serverNamed());
                    op.addConstraint(p + "dives", Constraint.check("depth > 0").serverNamed());
                    op.execute("INSERT INTO " + p + "no_such_table VALUES (1)");
                }, op -> { }));
        try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> revisions)
                .versionTable(p + "version").historyTable(p + "history").load()) {
            divemap.upgrade("0001_base");
            List<String> before = constraints(db, p);
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(DivemapException.Kind.MIGRATION_FAILED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("The schema is back at the previous revision."), e.getMessage());
            assertTrue(e.getMessage().contains("(named by the database) on " + p + "dives"), e.getMessage());
            assertEquals(before, constraints(db, p), e.getMessage());
            assertEquals(List.of("0001_base"), divemap.current().versionRows());
            divemap.downgrade("base");
        }
    }
}
