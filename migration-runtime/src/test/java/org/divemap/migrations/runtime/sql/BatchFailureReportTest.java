package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a failing migration rolls back, except what {@code op.batchUpdate} already
 * committed; the report must not claim a complete rollback then.
 */
class BatchFailureReportTest {

    @Test
    void aFailureAfterCommittedBatchesSaysWhatStays() throws SQLException {
        try (TestDatabase db = TestDatabase.create(Database.POSTGRESQL, "batch_report")) {
            Consumer<Operations> upgrade = op -> {
                op.createTable("readings", Column.of("id", Type.integer()).primaryKey(),
                        Column.of("depth", Type.integer()).nullable());
                for (int id = 1; id <= 30; id++) {
                    op.execute("INSERT INTO readings (id) VALUES (?)", id);
                }
                op.batchUpdate(BatchUpdate.of("readings", "id", batch -> {
                    if (batch.number() == 3) {
                        throw new SQLException("planted failure in batch 3");
                    }
                    batch.execute("UPDATE readings SET depth = 1 WHERE id BETWEEN ? AND ?", batch.from(), batch.to());
                }).batchSize(10));
            };
            List<RegisteredRevision> revisions = List.of(new RegisteredRevision("0001_readings", List.of(), List.of(),
                    List.of(), "", OperationsRenderingTest.Lambda.class.getName(), null,
                    () -> new OperationsRenderingTest.Lambda(upgrade, op -> op.dropTable("readings"))));
            try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> revisions).load()) {
                DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
                assertTrue(e.getMessage().contains("It was rolled back to its last commit: op.batchUpdate commits"),
                        e.getMessage());
            }
            try (Connection c = db.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM readings WHERE depth = 1")) {
                rs.next();
                assertEquals(20, rs.getInt(1), "the two committed batches stay");
            }
        }
    }
}
