package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.Column;
import org.divemap.migrations.NamingConvention;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.junit.jupiter.api.Test;

/** {@link Divemap#render}: one revision's SQL without a database, with the configured naming convention. */
class RenderTest {

    private static Divemap divemap(NamingConvention names) {
        List<RegisteredRevision> revisions = List.of(
                new RegisteredRevision("0001_users", List.of(), List.of(), List.of(), "",
                        OperationsRenderingTest.Lambda.class.getName(), null,
                        () -> new OperationsRenderingTest.Lambda(
                                op -> op.addColumn("users", Column.of("email", Type.varchar(100)).unique()),
                                op -> op.dropColumn("users", "email"))),
                new RegisteredRevision("0002_backfill", List.of("0001_users"), List.of(), List.of(), "",
                        OperationsRenderingTest.Lambda.class.getName(), null,
                        () -> new OperationsRenderingTest.Lambda(
                                op -> op.batchUpdate(BatchUpdate.of("users", "id", batch -> { })),
                                op -> { })));
        return Divemap.configure().registries(() -> revisions).namingConvention(names).load();
    }

    @Test
    void aColumnsUniqueConstraintIsNamedByTheConfiguredConvention() {
        try (Divemap divemap = divemap(NamingConvention.DEFAULT.withUnique("{table}_{columns}_key"))) {
            List<String> sql = divemap.render("0001_users", true, Database.MARIADB).orElseThrow();
            assertTrue(sql.get(sql.size() - 1).contains(" users_email_key "), sql.toString());
            assertEquals(List.of("ALTER TABLE users DROP COLUMN email"),
                    divemap.render("0001_users", false, Database.MARIADB).orElseThrow());
        }
    }

    @Test
    void aMigrationThatNeedsTheDatabaseHasNoOfflineRendering() {
        try (Divemap divemap = divemap(NamingConvention.DEFAULT)) {
            assertEquals(Optional.empty(), divemap.render("0002_backfill", true, Database.POSTGRESQL));
        }
    }

    @Test
    void h2KeepsOnUpdateCurrentTimestampAndPostgresLeavesItOut() {
        List<RegisteredRevision> revisions = List.of(new RegisteredRevision("0001_t", List.of(), List.of(), List.of(),
                "", OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                        op -> op.addColumn("t", Column.of("updated_at", Type.timestamp()).nullable()
                                .onUpdateCurrentTimestamp()),
                        op -> op.dropColumn("t", "updated_at"))));
        try (Divemap divemap = Divemap.configure().registries(() -> revisions).load()) {
            assertEquals(List.of("ALTER TABLE t ADD COLUMN updated_at TIMESTAMP NULL ON UPDATE CURRENT_TIMESTAMP"),
                    divemap.render("0001_t", true, Database.H2).orElseThrow());
            assertEquals(List.of("ALTER TABLE t ADD COLUMN updated_at TIMESTAMP NULL"),
                    divemap.render("0001_t", true, Database.POSTGRESQL).orElseThrow());
        }
    }

    @Test
    void mySqlMatchesCurrentTimestampToTheColumnsFractionalDigits() {
        List<RegisteredRevision> revisions = List.of(new RegisteredRevision("0001_t", List.of(), List.of(), List.of(),
                "", OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                        op -> op.addColumn("t", Column.of("seen_at", Type.datetime(6))
                                .defaultValue(org.divemap.migrations.DefaultValue.currentTimestamp())
                                .onUpdateCurrentTimestamp()),
                        op -> op.dropColumn("t", "seen_at"))));
        try (Divemap divemap = Divemap.configure().registries(() -> revisions).load()) {
            assertEquals(List.of("ALTER TABLE t ADD COLUMN seen_at DATETIME(6) NOT NULL"
                    + " DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)"),
                    divemap.render("0001_t", true, Database.MYSQL).orElseThrow());
        }
    }
}
