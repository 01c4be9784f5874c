package org.divemap.migrations.runtime.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.Databases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HistoryTableTest {

    static final Databases DATABASES = new Databases("history_table");

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void recordsEntriesAndListsThemInInsertionOrder(Database kind) throws Exception {
        try (Connection connection = DATABASES.get(kind).connect()) {
            HistoryTable history = new HistoryTable(Dialect.detect(connection), null, "h_order");
            assertFalse(history.exists(connection));
            assertEquals(List.of(), history.list(connection));
            history.create(connection);
            history.create(connection);
            assertTrue(history.exists(connection));

            Instant start = Instant.parse("2026-03-01T23:59:58.123456Z");
            String checksum = "ab".repeat(32);
            List<HistoryEntry> written = List.of(
                    HistoryEntry.of("0002_add_photos", HistoryEntry.UP, start, Duration.ofMillis(1234), true, null)
                            .withChecksum(checksum),
                    HistoryEntry.of("0002_add_photos", HistoryEntry.DOWN, start.plusSeconds(5), Duration.ofMillis(7),
                            false, "Table 'photos' doesn't exist"),
                    HistoryEntry.of("0001_initial", HistoryEntry.STAMP, start.plusSeconds(9), Duration.ZERO, true,
                            null));
            for (HistoryEntry entry : written) {
                history.record(connection, entry);
            }

            List<HistoryEntry> listed = history.list(connection);
            assertEquals(3, listed.size());
            assertTrue(listed.get(0).id() > 0);
            assertTrue(listed.get(0).id() < listed.get(1).id() && listed.get(1).id() < listed.get(2).id());
            for (int i = 0; i < written.size(); i++) {
                HistoryEntry expected = written.get(i);
                HistoryEntry actual = listed.get(i);
                assertEquals(new HistoryEntry(actual.id(), expected.revision(), expected.direction(),
                        expected.startedAt(), expected.durationMs(), expected.success(), expected.osUser(),
                        expected.host(), expected.checksum(), expected.error()), actual);
            }
            assertEquals(Instant.parse("2026-03-01T23:59:58.123Z"), listed.get(0).startedAt());
            assertEquals(checksum, listed.get(0).checksum());
            assertNull(listed.get(1).checksum());
            assertEquals(System.getProperty("user.name"), listed.get(0).osUser());
            assertEquals(InetAddress.getLocalHost().getHostName(), listed.get(0).host());
            assertFalse(listed.get(0).host().isBlank());
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void cutsVeryLongErrors(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect()) {
            HistoryTable history = new HistoryTable(Dialect.detect(connection), null, "h_long");
            history.create(connection);
            String error = "\uD83E\uDD3F diver failed; ".repeat(2_000); // 36,000 characters with emoji
            history.record(connection, HistoryEntry.of("0001_initial", HistoryEntry.UP, Instant.now(),
                    Duration.ofSeconds(1), false, error));
            String stored = history.list(connection).get(0).error();
            assertTrue(stored.length() <= HistoryTable.MAX_ERROR && stored.length() > HistoryTable.MAX_ERROR - 2);
            assertTrue(error.startsWith(stored));
        }
    }

    @Test
    void entriesCheckTheirFields() {
        assertThrows(IllegalArgumentException.class,
                () -> HistoryEntry.of("0001", "sideways", Instant.now(), Duration.ZERO, true, null));
        assertThrows(IllegalArgumentException.class,
                () -> HistoryEntry.of(" ", HistoryEntry.UP, Instant.now(), Duration.ZERO, true, null));
        assertThrows(IllegalArgumentException.class, () -> HistoryEntry
                .of("0001", HistoryEntry.UP, Instant.now(), Duration.ZERO, true, null).withChecksum("x".repeat(65)));
        Instant now = Instant.now();
        assertEquals(now.truncatedTo(ChronoUnit.MILLIS),
                HistoryEntry.of("0001", HistoryEntry.UP, now, Duration.ZERO, true, null).startedAt());
    }
}
