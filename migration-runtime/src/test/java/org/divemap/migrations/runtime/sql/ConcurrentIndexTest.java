package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.divemap.migrations.Column;
import org.divemap.migrations.Index;
import org.divemap.migrations.Migration;
import org.divemap.migrations.OnlineDdl;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** PostgreSQL's {@code CREATE/DROP INDEX CONCURRENTLY}, which runs only outside a transaction. */
class ConcurrentIndexTest {

    private static RegisteredRevision indexRevision(boolean transactional) {
        Migration migration = new Migration() {
            @Override
            public void upgrade(Operations op) {
                op.online(OnlineDdl.postgresConcurrently()).createIndex("sites", Index.on("name").named("ix_sites_name"));
            }

            @Override
            public void downgrade(Operations op) {
                op.online(OnlineDdl.postgresConcurrently()).dropIndex("sites", "ix_sites_name");
            }

            @Override
            public boolean transactional() {
                return transactional;
            }
        };
        return new RegisteredRevision("0002_index", List.of("0001_sites"), List.of(), List.of(), "",
                "fixtures.Index", null, () -> migration);
    }

    private static List<RegisteredRevision> history(boolean transactional) {
        return List.of(new RegisteredRevision("0001_sites", List.of(), List.of(), List.of(), "",
                OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                        op -> op.createTable("sites", Column.of("id", Type.integer()).primaryKey(),
                                Column.of("name", Type.varchar(50))),
                        op -> op.dropTable("sites"))), indexRevision(transactional));
    }

    @Test
    void outsideATransactionTheIndexIsBuiltAndDroppedConcurrently() throws SQLException {
        try (TestDatabase db = TestDatabase.create(Database.POSTGRESQL, "concurrently"); Connection c = db.connect();
                Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> history(false))
                        .load()) {
            JdbcSchemaInspector inspector = new JdbcSchemaInspector(c, Dialect.detect(c), null);
            divemap.upgrade("head");
            assertTrue(inspector.hasIndex("sites", "ix_sites_name"));
            assertTrue(divemap.upgradeScript(Database.POSTGRESQL, "0001_sites:head")
                    .contains("CREATE INDEX CONCURRENTLY"));
            divemap.downgrade("0001_sites");
            assertFalse(inspector.hasIndex("sites", "ix_sites_name"));
        }
    }

    @Test
    void insideOneThePostgresRefusalIsReportedAndNothingStays() throws SQLException {
        try (TestDatabase db = TestDatabase.create(Database.POSTGRESQL, "concurrently_tx"); Connection c = db.connect();
                Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> history(true))
                        .load()) {
            divemap.upgrade("0001_sites");
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(DivemapException.Kind.MIGRATION_FAILED, e.kind());
            assertTrue(e.getMessage().contains("CONCURRENTLY"), e.getMessage());
            assertEquals(List.of("0001_sites"), divemap.current().versionRows());
            assertFalse(new JdbcSchemaInspector(c, Dialect.detect(c), null).hasIndex("sites", "ix_sites_name"));
        }
    }
}
