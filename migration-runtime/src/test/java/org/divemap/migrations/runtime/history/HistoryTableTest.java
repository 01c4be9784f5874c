package org.divemap.migrations.runtime.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.ServerPreparedStatement;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.StatementLog;
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
    void finishAndMarkRecordsOneRevisionAndMarksTheNextAsTheNewestRow(Database kind) throws Exception {
        try (Connection connection = DATABASES.get(kind).connect()) {
            HistoryTable history = new HistoryTable(Dialect.detect(connection), null, "h_finish");
            history.create(connection);
            Instant start = Instant.parse("2026-03-01T10:00:00Z");
            history.record(connection, HistoryEntry.of("r00", HistoryEntry.UP, start, Duration.ofMillis(3), true, null));
            long first = history.insert(connection, HistoryEntry.of("r01", HistoryEntry.UP, start, Duration.ZERO, false,
                    HistoryEntry.RUNNING + "process 1 started this revision"));
            HistoryEntry done = HistoryEntry.of("r01", HistoryEntry.UP, start.plusSeconds(1), Duration.ofMillis(42),
                    true, null).withChecksum("cd".repeat(32)).withSourceChecksum("ef".repeat(32));
            HistoryEntry mark = HistoryEntry.of("r02", HistoryEntry.UP, start.plusSeconds(2), Duration.ZERO, false,
                    HistoryEntry.RUNNING + "process 1 started this revision");
            long second = history.finishAndMark(connection, first, done, mark);

            List<HistoryEntry> rows = history.list(connection);
            assertEquals(3, rows.size(), rows.toString());
            assertEquals(first, rows.get(1).id());
            assertEquals(second, rows.get(2).id(), "the key returned is the new mark's");
            assertTrue(second > first);
            HistoryEntry finished = rows.get(1);
            assertEquals("r01", finished.revision());
            assertTrue(finished.success());
            assertEquals(HistoryEntry.State.DONE, finished.state());
            assertEquals(42, finished.durationMs());
            assertEquals(start.plusSeconds(1), finished.startedAt());
            assertEquals("cd".repeat(32), finished.checksum());
            assertEquals("ef".repeat(32), finished.sourceChecksum());
            assertNull(finished.error());
            HistoryEntry marked = rows.get(2);
            assertEquals("r02", marked.revision());
            assertEquals(HistoryEntry.State.RUNNING, marked.state());
            assertEquals(List.of(marked), history.unfinished(connection));

            // the next one finishes the mark it was given, and marks again
            long third = history.finishAndMark(connection, second, HistoryEntry.of("r02", HistoryEntry.UP,
                    start.plusSeconds(3), Duration.ofMillis(5), true, null), HistoryEntry.of("r03", HistoryEntry.UP,
                    start.plusSeconds(4), Duration.ZERO, false, HistoryEntry.RUNNING + "x"));
            rows = history.list(connection);
            assertEquals(List.of("r00 DONE", "r01 DONE", "r02 DONE", "r03 RUNNING"),
                    rows.stream().map(e -> e.revision() + " " + e.state()).toList());
            assertEquals(third, rows.get(3).id());
        }
    }

    /**
     * The statements a run sends for each revision are prepared on the server on Connector/J's own
     * connections (binary protocol, no escaping by the driver), and as any other statement through a
     * connection that wraps it (a pool's, a tracing library's), which then sees each of them; either
     * way every character of the history row arrives as it was.
     */
    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void perRevisionStatementsKeepEveryCharacterOnTheDriversConnectionAndThroughAWrapper(Database kind)
            throws Exception {
        StatementLog log = new StatementLog(DATABASES.get(kind));
        try (Connection own = DATABASES.get(kind).connect(); Connection wrapped = log.getConnection()) {
            Dialect dialect = Dialect.detect(own);
            String odd = "it's \"quoted\", a back\\slash, a new\nline, a\ttab, \uD83E\uDD3F, \u00fcml\u00e4ut;"
                    + " -- no comment; ?";
            Instant start = Instant.parse("2026-12-05T13:00:00.125Z");
            for (Connection connection : List.of(own, wrapped)) {
                HistoryTable history = new HistoryTable(dialect, null, connection == own ? "h_own" : "h_wrapped");
                history.create(connection);
                long mark = history.insert(connection, HistoryEntry.of("r'01", HistoryEntry.UP, start, Duration.ZERO,
                        false, HistoryEntry.RUNNING + odd));
                long next = history.finishAndMark(connection, mark, HistoryEntry.of("r'01", HistoryEntry.UP, start,
                        Duration.ofMillis(7), false, odd).withChecksum("0f".repeat(32)), HistoryEntry.of("r\\02",
                        HistoryEntry.DOWN, start.plusSeconds(1), Duration.ZERO, false, HistoryEntry.RUNNING + odd));
                history.rewrite(connection, next, HistoryEntry.of("r\\02", HistoryEntry.DOWN, start.plusSeconds(1),
                        Duration.ofMillis(9), true, null));

                List<HistoryEntry> rows = history.list(connection);
                assertEquals(List.of("r'01 up FAILED " + odd, "r\\02 down DONE null"), rows.stream()
                        .map(e -> e.revision() + " " + e.direction() + " " + e.state() + " " + e.error()).toList());
                assertEquals(start, rows.get(0).startedAt());
                assertEquals("0f".repeat(32), rows.get(0).checksum());
                assertEquals(List.of(7L, 9L), rows.stream().map(HistoryEntry::durationMs).toList());
            }
            // entries read "<connection>: <statement>": the wrapper saw the rows written and rewritten
            List<String> seen = log.entries();
            for (String statement : List.of(": INSERT INTO ", ": UPDATE ")) {
                assertTrue(seen.stream().anyMatch(sql -> sql.contains(statement)
                        && sql.toLowerCase(Locale.ROOT).contains("h_wrapped")), "the wrapper saw them: " + seen);
            }
            assertTrue(seen.stream().noneMatch(sql -> sql.toLowerCase(Locale.ROOT).contains("h_own")), seen.toString());
            try (PreparedStatement onOwn = dialect.prepareRepeated(own, "SELECT 1", Statement.NO_GENERATED_KEYS);
                    PreparedStatement throughWrapper = dialect.prepareRepeated(wrapped, "SELECT 1",
                            Statement.NO_GENERATED_KEYS)) {
                // Connector/J's own connection: MariaDB's tests run on it (a jdbc:mysql: URL); PostgreSQL and H2 never
                boolean connectorJ = own instanceof JdbcConnection;
                assertEquals(kind == Database.MARIADB && DATABASES.get(kind).jdbcUrl().startsWith("jdbc:mysql:"),
                        connectorJ);
                assertEquals(connectorJ, onOwn.isWrapperFor(ServerPreparedStatement.class));
                assertFalse(throughWrapper.isWrapperFor(ServerPreparedStatement.class));
            }
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
