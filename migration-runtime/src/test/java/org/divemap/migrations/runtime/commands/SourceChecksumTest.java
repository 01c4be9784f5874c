package org.divemap.migrations.runtime.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.history.HistoryEntry;
import org.divemap.migrations.runtime.history.HistoryTable;
import org.divemap.migrations.runtime.testing.Databases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code check} decides whether an applied revision changed by the digest of its source, which the
 * processor records in the registry and the history table keeps: an unchanged migration is never
 * reported as changed, whatever it renders offline, and an edited one always is. Rows recorded
 * before the digest was kept are still compared by their SQL.
 */
class SourceChecksumTest {

    private static final Databases DATABASES = new Databases("source_checksum");
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final String ORIGINAL = "1".repeat(64);
    private static final String EDITED = "2".repeat(64);

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    private static RegisteredRevision revision(String id, String digest, Consumer<Operations> up) {
        return new RegisteredRevision(id, List.of(), List.of(), List.of(), "", InterruptedHistory.Step.class.getName(),
                null, digest, () -> new InterruptedHistory.Step(up, op -> { }, false));
    }

    /** As ported from Python's "except Exception": online it creates the table, offline it renders nothing. */
    private static Consumer<Operations> guarded(String table) {
        return op -> {
            try {
                if (!op.schema().hasTable(table)) {
                    op.createTable(table, Column.of("id", Type.integer()).primaryKey());
                }
            } catch (RuntimeException e) {
                // the guard failed: skip, as the Alembic original did
            }
        };
    }

    private static Divemap divemap(DataSource dataSource, String p, RegisteredRevision revision) {
        return Divemap.configure().dataSource(dataSource).registries(() -> List.of(revision))
                .versionTable(p + "version").historyTable(p + "history").load();
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void anUnchangedMigrationThatRendersOtherSqlOfflineIsNotReportedAsChanged(Database kind) {
        String p = "s" + PREFIXES.incrementAndGet() + "_";
        DataSource dataSource = DATABASES.get(kind).dataSource();
        try (Divemap divemap = divemap(dataSource, p, revision("0053", ORIGINAL, guarded(p + "t")))) {
            divemap.upgrade("head");
            CheckResult check = divemap.check();
            assertEquals(List.of(), check.changed());
            assertTrue(check.ok(), check.toString());
        }
        // the same migration, edited: its digest differs
        try (Divemap divemap = divemap(dataSource, p, revision("0053", EDITED, guarded(p + "t")))) {
            assertEquals(List.of("0053"), divemap.check().changed());
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aHistoryTableFromBeforeTheDigestGetsItsColumnAndItsOldRowsAreComparedBySql(Database kind)
            throws SQLException {
        String p = "o" + PREFIXES.incrementAndGet() + "_";
        DataSource dataSource = DATABASES.get(kind).dataSource();
        Consumer<Operations> create = op -> op.createTable(p + "t", Column.of("id", Type.integer()).primaryKey());
        // applied by a Divemap that kept no digest: a registry without one writes none either
        try (Divemap divemap = divemap(dataSource, p, revision("0001", null, create))) {
            divemap.upgrade("head");
        }
        try (Connection c = DATABASES.get(kind).connect(); java.sql.Statement s = c.createStatement()) {
            List<HistoryEntry> rows = new HistoryTable(Dialect.detect(c), null, p + "history").list(c);
            assertEquals(null, rows.get(0).sourceChecksum());
            assertTrue(rows.get(0).checksum() != null);
            // as a table created before the column existed
            s.execute("ALTER TABLE " + InterruptedHistory.q(kind, p + "history") + " DROP COLUMN "
                    + InterruptedHistory.q(kind, "source_checksum"));
        }
        // a build that has digests: the old row is compared by its SQL, unchanged
        try (Divemap divemap = divemap(dataSource, p, revision("0001", ORIGINAL, create))) {
            assertEquals(List.of(), divemap.check().changed());
            assertEquals(List.of(), divemap.check().unverifiable());
        }
        // and an edit of its SQL is still found
        Consumer<Operations> edited = op -> op.createTable(p + "t", Column.of("id", Type.bigint()).primaryKey());
        try (Divemap divemap = divemap(dataSource, p, revision("0001", ORIGINAL, edited))) {
            assertEquals(List.of("0001"), divemap.check().changed());
        }
        // the next upgrade adds the column, and records the digest
        RegisteredRevision second = new RegisteredRevision("0002", List.of("0001"), List.of(), List.of(), "",
                InterruptedHistory.Step.class.getName(), null, EDITED, () -> new InterruptedHistory.Step(
                        op -> op.createTable(p + "u", Column.of("id", Type.integer()).primaryKey()), op -> { }, false));
        try (Divemap divemap = Divemap.configure().dataSource(dataSource)
                .registries(() -> List.of(revision("0001", ORIGINAL, create), second))
                .versionTable(p + "version").historyTable(p + "history").load()) {
            assertEquals(List.of("0002"), divemap.upgrade("head").revisions());
            assertTrue(divemap.check().ok(), divemap.check().toString());
        }
        try (Connection c = DATABASES.get(kind).connect()) {
            List<HistoryEntry> rows = new HistoryTable(Dialect.detect(c), null, p + "history").list(c);
            assertEquals(java.util.Arrays.asList(null, EDITED), rows.stream().map(HistoryEntry::sourceChecksum).toList());
        }
    }
}
