package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind of value the guide lists for {@code op.execute(sql, params)} and {@code op.bulkInsert}
 * reaches the table the same way on a live database as through the offline script's literals.
 */
class ExecuteParametersTest {

    private static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static final Instant AT = Instant.parse("2024-05-01T12:34:56.789Z");
    private static final LocalDate DAY = LocalDate.of(2024, 5, 1);
    private static final LocalDateTime WALL = LocalDateTime.of(2023, 1, 2, 3, 4, 5, 678_000_000);
    private static final BigDecimal AMOUNT = new BigDecimal("12.50");
    /** The instant AT again, with an offset and with a zone. */
    private static final java.time.OffsetDateTime AT_OFFSET = AT.atOffset(ZoneOffset.ofHours(2));
    private static final java.time.ZonedDateTime AT_ZONED = AT.atZone(java.time.ZoneId.of("America/New_York"));
    /** No seconds: ISO text would leave them out. */
    private static final LocalDateTime MINUTE = LocalDateTime.of(2024, 5, 1, 12, 34);

    /** {@code name} as Divemap writes it: hand-written SQL quotes what Divemap quotes (here, reserved words). */
    private static String q(Operations op, String name) {
        return org.divemap.migrations.runtime.dialect.Dialect.of(op.database()).quote(name);
    }

    private static List<RegisteredRevision> history() {
        RegisteredRevision table = new RegisteredRevision("0001_values", List.of(), List.of(), List.of(), "",
                OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                        op -> op.createTable("values_seen", Column.of("id", Type.integer()).primaryKey(),
                                Column.of("token", Type.varchar(36)).nullable(),
                                Column.of("at", Type.datetime(3)).nullable(),
                                Column.of("day", Type.date()).nullable(),
                                Column.of("wall", Type.datetime(3)).nullable(),
                                Column.of("amount", Type.decimal(10, 2)).nullable(),
                                Column.of("flag", Type.bool()).nullable(),
                                Column.of("label", Type.varchar(20)).nullable(),
                                Column.of("moment", Type.datetime(3)).nullable(),
                                Column.of("minute", Type.datetime()).nullable()),
                        op -> op.dropTable("values_seen")));
        RegisteredRevision rows = new RegisteredRevision("0002_rows", List.of("0001_values"), List.of(), List.of(),
                "", OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                        op -> {
                            op.execute("INSERT INTO " + q(op, "values_seen") + " (" + q(op, "id") + ", "
                                    + q(op, "token") + ", " + q(op, "at") + ", " + q(op, "day") + ", "
                                    + q(op, "wall") + ", " + q(op, "amount") + ", " + q(op, "flag") + ", "
                                    + q(op, "label") + ", " + q(op, "moment") + ", " + q(op, "minute")
                                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    1, ID, AT, DAY, WALL, AMOUNT, true, 'x', AT_OFFSET, MINUTE);
                            op.bulkInsert("values_seen", List.of("id", "token", "at", "day", "wall", "amount", "flag",
                                    "label", "moment", "minute"), List.of(Arrays.asList(2, ID, AT, DAY,
                                            java.sql.Timestamp.valueOf(WALL), AMOUNT, false, "it's", AT_ZONED, MINUTE)));
                        }, op -> op.execute("DELETE FROM " + q(op, "values_seen"))));
        // a ? in a comment or a quoted string is no placeholder, for the drivers nor for the script
        RegisteredRevision comment = new RegisteredRevision("0003_comment", List.of("0002_rows"), List.of(),
                List.of(), "", OperationsRenderingTest.Lambda.class.getName(), null,
                () -> new OperationsRenderingTest.Lambda(op -> op.execute("UPDATE " + q(op, "values_seen")
                        + " SET " + q(op, "label") + " = ? /* why? */ WHERE " + q(op, "label") + " <> 'what?' AND "
                        + q(op, "id") + " = ? -- which?\n", "changed", 2), op -> { }));
        return List.of(table, rows, comment);
    }

    private static List<String> read(Connection connection, Database kind) throws SQLException {
        java.util.function.UnaryOperator<String> q = org.divemap.migrations.runtime.dialect.Dialect.of(kind)::quote;
        List<String> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT " + q.apply("token")
                + ", " + q.apply("at") + ", " + q.apply("day") + ", " + q.apply("wall") + ", " + q.apply("amount")
                + ", " + q.apply("flag") + ", " + q.apply("label") + ", " + q.apply("moment") + ", "
                + q.apply("minute") + " FROM " + q.apply("values_seen") + " ORDER BY " + q.apply("id"))) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " | " + rs.getObject(2, LocalDateTime.class) + " | "
                        + rs.getObject(3, LocalDate.class) + " | " + rs.getObject(4, LocalDateTime.class) + " | "
                        + rs.getBigDecimal(5) + " | " + rs.getBoolean(6) + " | " + rs.getString(7) + " | "
                        + rs.getObject(8, LocalDateTime.class) + " | " + rs.getObject(9, LocalDateTime.class));
            }
        }
        return rows;
    }

    private static List<RegisteredRevision> textHistory() {
        RegisteredRevision table = new RegisteredRevision("0001_typed", List.of(), List.of(), List.of(), "",
                OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                        op -> op.createTable("typed", Column.of("id", Type.integer()).primaryKey(),
                                Column.of("doc", Type.json()).nullable(), Column.of("ref", Type.uuid()).nullable(),
                                Column.of("day", Type.date()).nullable(), Column.of("name", Type.varchar(40)).nullable(),
                                Column.of("counter", Type.bigint()).nullable(), Column.of("period", Type.varchar(10))
                                        .nullable()),
                        op -> op.dropTable("typed")));
        RegisteredRevision rows = new RegisteredRevision("0002_typed_rows", List.of("0001_typed"), List.of(), List.of(),
                "", OperationsRenderingTest.Lambda.class.getName(), null, () -> new OperationsRenderingTest.Lambda(
                        op -> {
                            op.execute("INSERT INTO " + q(op, "typed") + " (" + q(op, "id") + ", " + q(op, "doc") + ", "
                                    + q(op, "ref") + ", " + q(op, "day") + ", " + q(op, "name")
                                    + ") VALUES (?, ?, ?, ?, ?)", 1, "{\"a\": 1}", ID.toString(), "2024-05-01", ID);
                            op.execute("UPDATE " + q(op, "typed") + " SET " + q(op, "counter") + " = ?, "
                                    + q(op, "period") + " = ?", new java.util.concurrent.atomic.AtomicLong(42),
                                    java.time.YearMonth.of(2024, 5));
                            op.execute("UPDATE " + q(op, "typed") + " SET " + q(op, "day") + " = ? WHERE "
                                    + q(op, "name") + " = ? AND " + q(op, "ref") + " = ?", "2024-05-02", ID, ID);
                        }, op -> op.execute("DELETE FROM " + q(op, "typed"))));
        return List.of(table, rows);
    }

    private static String readTyped(Connection connection, Database kind) throws SQLException {
        java.util.function.UnaryOperator<String> q = org.divemap.migrations.runtime.dialect.Dialect.of(kind)::quote;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT " + q.apply("doc") + ", "
                + q.apply("ref") + ", " + q.apply("day") + ", " + q.apply("name") + ", " + q.apply("counter") + ", "
                + q.apply("period") + " FROM " + q.apply("typed"))) {
            rs.next();
            return rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getObject(3, LocalDate.class) + " | "
                    + rs.getString(4) + " | " + rs.getLong(5) + " | " + rs.getString(6);
        }
    }

    /** Text into JSON, UUID and DATE columns, and a UUID compared with text: PostgreSQL refuses varchar parameters there. */
    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void textReachesTypedColumnsAsTheScriptsLiteralDoes(Database kind) throws SQLException {
        String online;
        try (TestDatabase db = TestDatabase.create(kind, "typed"); Connection c = db.connect();
                Divemap divemap = Divemap.configure().dataSource(db.dataSource())
                        .registries(ExecuteParametersTest::textHistory).load()) {
            divemap.upgrade("head");
            online = readTyped(c, kind);
        }
        assertEquals(true, online.endsWith(" | " + ID + " | 2024-05-02 | " + ID + " | 42 | 2024-05"), online);
        if (kind != Database.H2) { // H2 keeps text put into JSON as a JSON string, online and offline alike
            assertEquals(true, online.replace(" ", "").startsWith("{\"a\":1}"), online);
        }
        try (Divemap offline = Divemap.configure().registries(ExecuteParametersTest::textHistory).load();
                TestDatabase db = TestDatabase.create(kind, "typed_offline"); Connection c = db.connect();
                Statement s = c.createStatement()) {
            for (String statement : OfflineScriptTest.statements(offline.upgradeScript(kind, "base:head"))) {
                s.execute(statement);
            }
            assertEquals(online, readTyped(c, kind), "offline");
        }
    }

    /**
     * In Paris as in UTC: PostgreSQL's driver gives the session the JVM's time zone, in which a point
     * in time goes into a column without one; MySQL keeps UTC. (H2 reads the JVM's zone once, when
     * first used, so a test cannot move it.)
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"MARIADB, UTC", "POSTGRESQL, UTC", "H2, UTC",
            "MARIADB, Europe/Paris", "POSTGRESQL, Europe/Paris"})
    void liveAndOfflineStoreTheSameValues(Database kind, String zone) throws SQLException {
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
        try {
            String at = LocalDateTime.ofInstant(AT, kind == Database.MARIADB ? ZoneOffset.UTC
                    : java.time.ZoneId.of(zone)).toString();
            String rest = " | " + at + " | " + MINUTE;
            assertRoundTrips(kind, List.of(
                    ID + " | " + at + " | 2024-05-01 | " + WALL + " | 12.50 | true | x" + rest,
                    ID + " | " + at + " | 2024-05-01 | " + WALL + " | 12.50 | false | changed" + rest));
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
    }

    private static void assertRoundTrips(Database kind, List<String> expected) throws SQLException {
        try (TestDatabase db = TestDatabase.create(kind, "params"); Connection c = db.connect();
                Divemap divemap = Divemap.configure().dataSource(db.dataSource())
                        .registries(ExecuteParametersTest::history).load()) {
            divemap.upgrade("head");
            assertEquals(expected, read(c, kind), "online");
        }
        try (Divemap offline = Divemap.configure().registries(ExecuteParametersTest::history).load();
                TestDatabase db = TestDatabase.create(kind, "params_offline"); Connection c = db.connect();
                Statement s = c.createStatement()) {
            for (String statement : OfflineScriptTest.statements(offline.upgradeScript(kind, "base:head"))) {
                s.execute(statement);
            }
            assertEquals(expected, read(c, kind), "offline");
        }
    }
}
