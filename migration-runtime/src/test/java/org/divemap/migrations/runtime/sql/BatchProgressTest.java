package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.MigrationListener;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A batched backfill inside a migration reports each batch to the command's listener. */
class BatchProgressTest {

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL"}) // raw SQL below is unquoted: H2 would upper-case it
    void eachBatchReachesTheListener(Database kind) {
        List<RegisteredRevision> revisions = List.of(
                new RegisteredRevision("0001_rows", List.of(), List.of(), List.of(), "",
                        OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                                op -> {
                                    op.execute("CREATE TABLE numbers (id INT PRIMARY KEY, twice INT NULL)");
                                    List<List<Object>> rows = new ArrayList<>();
                                    for (int i = 1; i <= 2500; i++) {
                                        rows.add(List.of(i));
                                    }
                                    op.bulkInsert("numbers", List.of("id"), rows);
                                }, op -> op.execute("DROP TABLE numbers"))),
                new RegisteredRevision("0002_backfill", List.of("0001_rows"), List.of(), List.of(), "",
                        OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                                op -> op.batchUpdate(BatchUpdate.of("numbers", "id", batch -> batch.execute(
                                        "UPDATE numbers SET twice = id * 2 WHERE id BETWEEN ? AND ?", batch.from(),
                                        batch.to())).batchSize(1000)),
                                op -> op.execute("UPDATE numbers SET twice = NULL"))));
        List<String> seen = new ArrayList<>();
        try (TestDatabase db = TestDatabase.create(kind, "progress");
                Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(() -> revisions)
                        .listener(new MigrationListener() {
                            @Override
                            public void batch(String revision, BatchUpdate.Progress progress) {
                                seen.add(revision + " " + progress.batch() + " " + progress.rowsSoFar());
                            }
                        }).load()) {
            divemap.upgrade("head");
        }
        assertEquals(List.of("0002_backfill 1 1000", "0002_backfill 2 2000", "0002_backfill 3 2500"), seen);
    }
}
