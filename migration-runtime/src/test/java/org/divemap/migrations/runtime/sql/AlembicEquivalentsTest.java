package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.divemap.migrations.Column;
import org.divemap.migrations.ColumnChange;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.Index;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.SchemaInspector;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rows of docs/migrating-from-alembic.md's side-by-side table that no other test covers: each
 * Alembic idiom a real history uses, ported as the table says, run on MariaDB, PostgreSQL and H2.
 */
class AlembicEquivalentsTest {

    static final Databases DATABASES = new Databases("alembic_equivalents");

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

    private static Divemap divemap(TestDatabase db, String p, List<RegisteredRevision> revisions) {
        return Divemap.configure().dataSource(db.dataSource()).registries(() -> revisions)
                .versionTable(p + "version").historyTable(p + "history").load();
    }

    private static SchemaInspector.ColumnInfo column(Connection connection, String table, String column) {
        return new JdbcSchemaInspector(connection, Dialect.detect(connection), null).column(table, column)
                .orElseThrow(() -> new AssertionError("no column " + table + "." + column));
    }

    /**
     * {@code sa.Column('notes', sa.Text())} is nullable in SQLAlchemy; {@code Column.of("notes", ...)}
     * is NOT NULL. A port that leaves out {@code .nullable()} makes inserts that skip the column fail.
     */
    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void anUnstatedNullableIsNotNullInDivemapAndNullableInAlembic(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        String p = "nn_";
        List<RegisteredRevision> revisions = List.of(revision("0001_notes", null,
                op -> op.createTable(p + "dives", Column.of("id", Type.integer()).primaryKey(),
                        Column.of("notes_as_ported", Type.text()),               // forgot .nullable()
                        Column.of("notes_as_in_alembic", Type.text()).nullable()), // sa.Column('notes', sa.Text())
                op -> op.dropTable(p + "dives")));
        try (Divemap divemap = divemap(db, p, revisions); Connection connection = db.connect()) {
            divemap.upgrade("head");
            assertFalse(column(connection, p + "dives", "notes_as_ported").nullable());
            assertTrue(column(connection, p + "dives", "notes_as_in_alembic").nullable());
            try (Statement statement = connection.createStatement()) {
                // what the application did under Alembic: leave the column out
                assertThrows(SQLException.class, () -> statement.execute("INSERT INTO " + p + "dives (id,"
                        + " notes_as_in_alembic) VALUES (1, 'x')"));
                statement.execute("INSERT INTO " + p + "dives (id, notes_as_ported) VALUES (2, 'x')");
            }
            divemap.downgrade("base");
        }
    }

    /**
     * {@code with op.batch_alter_table('dives') as batch_op: ...} is a block of ALTERs on one table;
     * outside SQLite Alembic runs them one by one, and so do plain {@code op} calls, in the same order.
     */
    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aBatchAlterTableBlockIsTheSameCallsOnOp(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        String p = "batch_";
        Column name = Column.of("name", Type.varchar(100));
        Column legacy = Column.of("legacy", Type.integer()).nullable();
        List<RegisteredRevision> revisions = List.of(
                revision("0001_dives", null, op -> op.createTable(p + "dives",
                        Column.of("id", Type.integer()).primaryKey(), name, legacy), op -> op.dropTable(p + "dives")),
                revision("0002_batch", "0001_dives", op -> {
                    // batch_op.add_column(sa.Column('visibility', sa.String(20), nullable=True))
                    op.addColumn(p + "dives", Column.of("visibility", Type.varchar(20)).nullable());
                    // batch_op.alter_column('name', existing_type=sa.String(100), type_=sa.String(200))
                    op.alterColumn(p + "dives", ColumnChange.of(name).type(Type.varchar(200)));
                    // batch_op.create_index(batch_op.f('ix_batch_dives_visibility'), ['visibility'])
                    op.createIndex(p + "dives", Index.on("visibility").named(op.f(p + "ix_dives_visibility")));
                    // batch_op.drop_column('legacy')
                    op.dropColumn(p + "dives", "legacy");
                }, op -> {
                    op.addColumn(p + "dives", legacy);
                    op.dropIndex(p + "dives", p + "ix_dives_visibility");
                    op.alterColumn(p + "dives", ColumnChange.of(Column.of("name", Type.varchar(200)))
                            .type(Type.varchar(100)));
                    op.dropColumn(p + "dives", "visibility");
                }));
        try (Divemap divemap = divemap(db, p, revisions); Connection connection = db.connect()) {
            SchemaInspector schema = new JdbcSchemaInspector(connection, Dialect.detect(connection), null);
            divemap.upgrade("head");
            assertEquals(List.of("id", "name", "visibility"), schema.columns(p + "dives").stream()
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            assertEquals(200, ((Type.Sized) schema.column(p + "dives", "name").orElseThrow().type()).length());
            assertTrue(schema.hasIndex(p + "dives", p + "ix_dives_visibility"));
            divemap.downgrade("0001_dives");
            assertEquals(List.of("id", "name", "legacy"), schema.columns(p + "dives").stream()
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            assertEquals(100, ((Type.Sized) schema.column(p + "dives", "name").orElseThrow().type()).length());
            divemap.downgrade("base");
        }
    }

    /**
     * {@code op.f('name')} marks a name final: no naming convention touches it. Without it, a name
     * given to a check is built on by the default convention ({@code ck_{table}_{constraint}}).
     */
    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void opFKeepsANameAsWrittenWhereTheConventionWouldBuildOnIt(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        String p = "opf_";
        List<RegisteredRevision> revisions = List.of(revision("0001_users", null, op -> {
            op.createTable(p + "users", Column.of("id", Type.integer()).primaryKey(),
                    Column.of("email", Type.varchar(100)), Column.of("age", Type.integer()).nullable());
            op.createIndex(p + "users", Index.on("email").named(op.f(p + "users_email_idx")));
            op.addConstraint(p + "users", Constraint.check("age > 0").named(op.f(p + "age_positive")));
            op.addConstraint(p + "users", Constraint.check("age < 200").named("age_sane"));
        }, op -> op.dropTable(p + "users")));
        try (Divemap divemap = divemap(db, p, revisions); Connection connection = db.connect()) {
            SchemaInspector schema = new JdbcSchemaInspector(connection, Dialect.detect(connection), null);
            divemap.upgrade("head");
            assertTrue(schema.hasIndex(p + "users", p + "users_email_idx"));
            assertTrue(schema.hasCheckConstraint(p + "users", p + "age_positive"));
            assertTrue(schema.hasCheckConstraint(p + "users", "ck_" + p + "users_age_sane"));
            divemap.downgrade("base");
        }
    }
}
