package org.divemap.migrations.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** {@code @MigrationTest(databasePrefix = ...)}: the test database's name starts with the prefix, on every server. */
class DatabasePrefixTest {

    /** Asserts, from inside a test class, that its database carries the prefix and is the one its connections use. */
    abstract static class Prefixed {
        @Test
        void theDatabaseNameStartsWithThePrefix(MigrationDatabase database) throws SQLException {
            assertTrue(database.name().toLowerCase(java.util.Locale.ROOT).startsWith("ci_"), database.name());
            assertTrue(database.name().matches("(?i)ci_[0-9a-f]{8}"), database.name());
            try (Connection c = database.dataSource().getConnection()) {
                String current = switch (database.kind()) {
                    case MYSQL, MARIADB -> c.getCatalog();
                    case POSTGRESQL, H2 -> c.getSchema();
                };
                assertEquals(database.name(), current, "the connections use the prefixed database");
                // and the server lists it under that name
                String sql = "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?";
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, database.name());
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        assertEquals(1, rs.getInt(1), "the server has " + database.name());
                    }
                }
            }
        }
    }

    @MigrationTest(database = "${DIVEMAP_TEST_MYSQL_URL:-jdbc:mysql://127.0.0.1:3306/?user=root&password=}",
            registries = Histories.Healthy.class, databasePrefix = "ci_")
    static class OnMariaDb extends Prefixed {}

    @MigrationTest(database = "${DIVEMAP_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}",
            registries = Histories.Healthy.class, databasePrefix = "ci_")
    static class OnPostgres extends Prefixed {}

    @MigrationTest(registries = Histories.Healthy.class, databasePrefix = "ci_")
    static class OnH2 extends Prefixed {}

    @MigrationTest(registries = Histories.Healthy.class, databasePrefix = "CI-")
    static class BadPrefix extends Prefixed {}

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().allEvents();
    }

    private static void assertPasses(Class<?> testClass) {
        Events events = run(testClass);
        List<String> failures = events.failed().stream().map(DatabasePrefixTest::message).toList();
        assertEquals(List.of(), failures);
        assertEquals(1, events.succeeded().filter(e -> e.getTestDescriptor().isTest()).count(), "the test ran");
    }

    private static String message(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::toString).orElse("");
    }

    @Test
    void onMariaDb() {
        assertPasses(OnMariaDb.class);
    }

    @Test
    void onPostgres() {
        assertPasses(OnPostgres.class);
    }

    @Test
    void onH2() {
        assertPasses(OnH2.class);
    }

    @Test
    void aPrefixThatWouldNeedQuotingIsRefusedNamingTheRule() {
        List<String> failures = run(BadPrefix.class).failed().stream().map(DatabasePrefixTest::message).toList();
        assertEquals(List.of("org.junit.jupiter.api.extension.ExtensionConfigurationException: @MigrationTest("
                + "databasePrefix = \"CI-\") cannot start a database name: use lower-case letters, digits and '_',"
                + " starting with a letter, at most 40 characters (eight hex digits follow it), for example \"ci_\"."),
                failures);
    }
}
