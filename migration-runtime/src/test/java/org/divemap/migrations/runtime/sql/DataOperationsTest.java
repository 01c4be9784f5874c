package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DataOperationsTest {

    static final Databases DATABASES = new Databases("data_operations");
    static final Instant BASE = Instant.parse("2024-05-01T12:34:56.789Z");

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    // ---------------------------------------------------------------- bulk insert

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void bulkInsertRoundTripsThousandsOfRowsOfMixedTypes(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect()) {
            Dialect dialect = Dialect.detect(connection);
            String table = "bulk rows"; // a space and a reserved word below: quoting must hold
            execute(connection, "CREATE TABLE " + dialect.quote(table) + " (" + dialect.quote("id")
                    + " INT PRIMARY KEY, " + dialect.quote("name") + " VARCHAR(100), " + dialect.quote("order")
                    + " INT, " + dialect.quote("price") + " DECIMAL(10,2), " + dialect.quote("at") + " "
                    + dialect.timestampType() + ")");
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 3_500; i++) {
                rows.add(Arrays.asList(i,
                        i % 11 == 0 ? null : "O'Brien \"quoted\" `tick` \\ Ñandú 🐠 ? " + i,
                        i % 7 == 0 ? null : i * 3 - 5_000,
                        i % 13 == 0 ? null : BigDecimal.valueOf(i * 100L + 5, 2),
                        i % 17 == 0 ? null : BASE.plusSeconds(i * 3_600L).plusMillis(i % 1_000)));
            }

            String sql = new DataOperations(connection, dialect).bulkInsert(table,
                    List.of("id", "name", "order", "price", "at"), rows);

            assertEquals("INSERT INTO " + dialect.quote(table) + " (" + dialect.quote("id") + ", "
                    + dialect.quote("name") + ", " + dialect.quote("order") + ", " + dialect.quote("price") + ", "
                    + dialect.quote("at") + ") VALUES (?, ?, ?, ?, ?)", sql);
            List<List<Object>> read = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT " + dialect.quote("id") + ", "
                            + dialect.quote("name") + ", " + dialect.quote("order") + ", " + dialect.quote("price")
                            + ", " + dialect.quote("at") + " FROM " + dialect.quote(table) + " ORDER BY "
                            + dialect.quote("id"))) {
                while (rs.next()) {
                    int order = rs.getInt(3);
                    Integer orderOrNull = rs.wasNull() ? null : order;
                    read.add(Arrays.asList(rs.getInt(1), rs.getString(2), orderOrNull, rs.getBigDecimal(4),
                            dialect.getTimestamp(rs, 5)));
                }
            }
            assertEquals(rows.size(), read.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(rows.get(i), read.get(i), "row " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void bulkInsertChecksEveryRowBeforeSendingAny(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect()) {
            Dialect dialect = Dialect.detect(connection);
            execute(connection, "CREATE TABLE " + dialect.quote("short_rows") + " (" + dialect.quote("a")
                    + " INT, " + dialect.quote("b") + " INT)");
            DataOperations data = new DataOperations(connection, dialect);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> data.bulkInsert(
                    "short_rows", List.of("a", "b"), List.of(List.of(1, 2), List.of(3, 4), List.of(5))));

            assertTrue(e.getMessage().startsWith("row 2 of the insert into short_rows has 1 values but there are 2"),
                    e.getMessage());
            assertEquals(0, count(connection, dialect, "short_rows", "1 = 1"));
            assertThrows(IllegalArgumentException.class,
                    () -> data.bulkInsert("short_rows", List.of("a", "a"), List.of(List.of(1, 2))));
            assertEquals("INSERT INTO " + dialect.quote("short_rows") + " (" + dialect.quote("a") + ") VALUES (?)",
                    data.bulkInsert("short_rows", List.of("a"), List.of()));
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void bulkInsertNamesTheChunkTheDatabaseRejected(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect()) {
            Dialect dialect = Dialect.detect(connection);
            execute(connection, "CREATE TABLE " + dialect.quote("dupes") + " (" + dialect.quote("id")
                    + " INT PRIMARY KEY)");
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                rows.add(List.of(i == 1_500 ? 7 : i)); // a duplicate key in the second chunk
            }

            DivemapException e = assertThrows(DivemapException.class,
                    () -> new DataOperations(connection, dialect).bulkInsert("dupes", List.of("id"), rows));

            assertEquals(DivemapException.Kind.MIGRATION_FAILED, e.kind());
            assertTrue(e.getMessage().startsWith("Bulk insert into dupes failed in rows 1000 to 1999 of 2500: "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Statement: INSERT INTO " + dialect.quote("dupes")), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- batch update

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void batchUpdateByAKeyThatIsNoIntegerSaysSoBeforeAnyBatch(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect()) {
            Dialect dialect = Dialect.detect(connection);
            execute(connection, "CREATE TABLE " + dialect.quote("coded") + " (" + dialect.quote("code")
                    + " VARCHAR(10) PRIMARY KEY, " + dialect.quote("n") + " INT)");
            execute(connection, "INSERT INTO " + dialect.quote("coded") + " VALUES ('a', 1), ('b', 2)");
            List<Long> batches = new ArrayList<>();

            DivemapException e = assertThrows(DivemapException.class, () -> new DataOperations(connection, dialect)
                    .batchUpdate(new BatchUpdate("coded", "code", 10, batch -> batches.add(batch.from()), p -> { })));

            assertTrue(e.getMessage().contains("is keyed by column code, but its values are not integers that fit a"
                    + " Java long (found String "), e.getMessage());
            assertEquals(List.of(), batches, "no batch ran");
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aBatchKeptPastItsActionRefusesToRun(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect()) {
            Dialect dialect = Dialect.detect(connection);
            DataOperations data = new DataOperations(connection, dialect);
            createCounters(connection, dialect, data, "kept", 1, 5);
            List<BatchUpdate.Batch> kept = new ArrayList<>();

            data.batchUpdate(new BatchUpdate("kept", "id", 10, kept::add, p -> { }));

            assertEquals(1, kept.size());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get(0).execute(
                    "UPDATE " + dialect.quote("kept") + " SET " + dialect.quote("n") + " = 9"));
            assertEquals("batch 1 of the batch update is over; use a batch only inside the action it was passed to",
                    e.getMessage());
            assertThrows(IllegalStateException.class, () -> kept.get(0).connection());
            assertEquals(0, count(connection, dialect, "kept", dialect.quote("n") + " = 9"));
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void batchUpdateVisitsEveryRowOnceAndSkipsGapsInTheKeys(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect()) {
            Dialect dialect = Dialect.detect(connection);
            DataOperations data = new DataOperations(connection, dialect);
            createCounters(connection, dialect, data, "gaps", 1, 1_000);
            insertCounters(data, 50_000, 51_000, "gaps");
            List<BatchUpdate.Progress> progress = new ArrayList<>();
            List<String> ranges = new ArrayList<>();
            assertTrue(connection.getAutoCommit());

            data.batchUpdate(new BatchUpdate("gaps", "id", 300, batch -> {
                ranges.add(batch.number() + ":" + batch.from() + "-" + batch.to());
                batch.execute("UPDATE " + dialect.quote("gaps") + " SET " + dialect.quote("n") + " = "
                        + dialect.quote("n") + " + 1 WHERE " + dialect.quote("id") + " BETWEEN ? AND ?",
                        batch.from(), batch.to());
            }, progress::add));

            assertTrue(connection.getAutoCommit(), "auto-commit restored");
            assertEquals(List.of("1:1-300", "2:301-600", "3:601-900", "4:901-1200", "5:50000-50299",
                    "6:50300-50599", "7:50600-50899", "8:50900-51000"), ranges);
            assertEquals(2_001, count(connection, dialect, "gaps", dialect.quote("n") + " = 1"));
            assertEquals(0, count(connection, dialect, "gaps", dialect.quote("n") + " <> 1"));
            assertEquals(8, progress.size());
            assertEquals(List.of(300L, 300L, 300L, 100L, 300L, 300L, 300L, 101L),
                    progress.stream().map(BatchUpdate.Progress::rowsInBatch).toList());
            long soFar = 0;
            Duration elapsed = Duration.ZERO;
            for (int i = 0; i < progress.size(); i++) {
                BatchUpdate.Progress p = progress.get(i);
                soFar += p.rowsInBatch();
                assertEquals("gaps", p.table());
                assertEquals(i + 1, p.batch());
                assertEquals(ranges.get(i), p.batch() + ":" + p.from() + "-" + p.to());
                assertEquals(1, p.minKey());
                assertEquals(51_000, p.maxKey());
                assertEquals(soFar, p.rowsSoFar());
                assertTrue(p.elapsed().compareTo(elapsed) >= 0, "elapsed time grows");
                elapsed = p.elapsed();
            }
            assertTrue(progress.get(3).fraction() < 0.03, "fraction is by keys: " + progress.get(3).fraction());
            assertEquals(1.0, progress.get(7).fraction());
            assertEquals(2_001, progress.get(7).rowsSoFar());
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void batchUpdateCommitsEarlierWorkAndKeepsManualCommit(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        try (Connection connection = db.connect(); Connection other = db.connect()) {
            Dialect dialect = Dialect.detect(connection);
            DataOperations data = new DataOperations(connection, dialect);
            createCounters(connection, dialect, data, "manual", 1, 25);
            connection.setAutoCommit(false);
            data.bulkInsert("manual", List.of("id", "n"), List.of(List.of(26, 0))); // the migration's earlier work
            List<BatchUpdate.Progress> progress = new ArrayList<>();

            data.batchUpdate(new BatchUpdate("manual", "id", 10, batch -> {
                try (PreparedStatement statement = batch.connection().prepareStatement("UPDATE "
                        + dialect.quote("manual") + " SET " + dialect.quote("n") + " = 7 WHERE "
                        + dialect.quote("id") + " BETWEEN ? AND ?")) { // not through execute: rows are counted
                    statement.setLong(1, batch.from());
                    statement.setLong(2, batch.to());
                    statement.executeUpdate();
                }
            }, progress::add));

            assertFalse(connection.getAutoCommit(), "auto-commit stays off");
            assertEquals(26, count(other, dialect, "manual", dialect.quote("n") + " = 7"), "committed, seen by others");
            assertEquals(List.of(10L, 10L, 6L), progress.stream().map(BatchUpdate.Progress::rowsInBatch).toList());
            connection.rollback();
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void batchUpdateOfAnEmptyTableRunsNoBatch(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect()) {
            Dialect dialect = Dialect.detect(connection);
            DataOperations data = new DataOperations(connection, dialect);
            createCounters(connection, dialect, data, "empty", 1, 0);
            List<Object> calls = new ArrayList<>();

            data.batchUpdate(new BatchUpdate("empty", "id", 10, calls::add, calls::add));

            assertEquals(List.of(), calls);
            assertTrue(connection.getAutoCommit());
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aFailingBatchRollsBackAloneAndTheUpdateCanBeRunAgain(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        try (Connection connection = db.connect(); Connection other = db.connect()) {
            Dialect dialect = Dialect.detect(connection);
            DataOperations data = new DataOperations(connection, dialect);
            createCounters(connection, dialect, data, "failing", 1, 1_000);
            String update = "UPDATE " + dialect.quote("failing") + " SET " + dialect.quote("n") + " = 1 WHERE "
                    + dialect.quote("id") + " BETWEEN ? AND ? AND " + dialect.quote("n") + " = 0"; // idempotent
            List<BatchUpdate.Progress> progress = new ArrayList<>();

            DivemapException e = assertThrows(DivemapException.class,
                    () -> data.batchUpdate(new BatchUpdate("failing", "id", 100, batch -> {
                        batch.execute(update, batch.from(), batch.to());
                        if (batch.number() == 3) {
                            throw new SQLException("the depth of dive " + batch.to() + " is negative");
                        }
                    }, progress::add)));

            assertEquals(DivemapException.Kind.MIGRATION_FAILED, e.kind());
            assertEquals("Batch 3 (keys 201 to 300) of the batch update of table failing (key id) failed: the depth"
                    + " of dive 300 is negative. 2 batches had been committed before it and stay committed (batches 1"
                    + " to 2, keys 1 to 200, 200 rows); batch 3 was rolled back. Fix the cause and run the migration"
                    + " again; the action must be idempotent, since the walk starts again from the first key.",
                    e.getMessage());
            assertInstanceOf(SQLException.class, e.getCause());
            assertEquals(2, progress.size());
            assertTrue(connection.getAutoCommit(), "auto-commit restored after a failure");
            assertEquals(200, count(other, dialect, "failing", dialect.quote("n") + " = 1"));
            assertEquals(0, count(other, dialect, "failing", dialect.quote("n") + " = 1 AND "
                    + dialect.quote("id") + " > 200"));

            progress.clear();
            data.batchUpdate(new BatchUpdate("failing", "id", 100,
                    batch -> batch.execute(update, batch.from(), batch.to()), progress::add));

            assertEquals(1_000, count(other, dialect, "failing", dialect.quote("n") + " = 1"));
            assertEquals(10, progress.size());
            assertEquals(800, progress.get(9).rowsSoFar(), "the committed batches change nothing the second time");
        }
    }

    /** Backfills a million rows on MariaDB in 100 batches; about 10 s there, so it is tagged slow. */
    @Test
    @Tag("slow")
    void backfillsAMillionRowsOnMariaDbInOneHundredBatches() throws SQLException {
        try (Connection connection = DATABASES.get(Database.MARIADB).connect()) {
            Dialect dialect = Dialect.detect(connection);
            execute(connection, "CREATE TABLE million (id BIGINT PRIMARY KEY, depth_ft INT NOT NULL,"
                    + " depth_m DECIMAL(10,2) NULL)");
            execute(connection, "CREATE TABLE digits (d INT PRIMARY KEY)");
            execute(connection, "INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)");
            execute(connection, "INSERT INTO million (id, depth_ft) SELECT 1 + a.d + 10 * b.d + 100 * c.d"
                    + " + 1000 * e.d + 10000 * f.d + 100000 * g.d, a.d * 10 + b.d"
                    + " FROM digits a, digits b, digits c, digits e, digits f, digits g");
            List<BatchUpdate.Progress> progress = new ArrayList<>();
            long started = System.nanoTime();

            new DataOperations(connection, dialect).batchUpdate(BatchUpdate.of("million", "id", batch -> batch.execute(
                    "UPDATE million SET depth_m = depth_ft * 0.3048 WHERE id BETWEEN ? AND ? AND depth_m IS NULL",
                    batch.from(), batch.to())).batchSize(10_000).progress(progress::add));

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("[DataOperationsTest] batchUpdate of 1,000,000 rows on " + dialect.displayName()
                    + " took " + took.toMillis() + " ms");
            assertEquals(100, progress.size());
            assertEquals(1_000_000, progress.get(99).rowsSoFar());
            assertEquals(1.0, progress.get(99).fraction());
            assertTrue(progress.stream().allMatch(p -> p.rowsInBatch() == 10_000));
            assertEquals(0, count(connection, dialect, "million", "depth_m IS NULL"));
            assertTrue(took.compareTo(Duration.ofMinutes(1)) < 0, "took " + took);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A table {@code (id BIGINT PRIMARY KEY, n INT NOT NULL)} with keys {@code from..to} and n = 0. */
    private static void createCounters(Connection connection, Dialect dialect, DataOperations data, String table,
            long from, long to) throws SQLException {
        execute(connection, "CREATE TABLE " + dialect.quote(table) + " (" + dialect.quote("id")
                + " BIGINT PRIMARY KEY, " + dialect.quote("n") + " INT NOT NULL)");
        insertCounters(data, from, to, table);
    }

    private static void insertCounters(DataOperations data, long from, long to, String table) {
        List<List<Object>> rows = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            rows.add(List.of(id, 0));
        }
        data.bulkInsert(table, List.of("id", "n"), rows);
    }

    private static long count(Connection connection, Dialect dialect, String table, String where)
            throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + dialect.quote(table) + " WHERE "
                        + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
