package org.divemap.migrations.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.MigrationResult;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every recorded Alembic case through the public API ({@link Divemap}) on H2 and MariaDB:
 * the revisions run, their order where the graph forces it, the version-table rows, and error or
 * not, under the rules of {@code conformance/README.md}. Where we deliberately differ, the step must
 * fail and change nothing. Each case gets its own version table in a database of this class.
 */
class DivemapConformanceTest {

    private static final List<Operations.Database> DATABASES = List.of(Operations.Database.H2,
            Operations.Database.MARIADB);
    private static final java.util.Map<Operations.Database, TestDatabase> OPEN = new java.util.EnumMap<>(
            Operations.Database.class);

    static synchronized TestDatabase database(Operations.Database kind) {
        return OPEN.computeIfAbsent(kind, k -> TestDatabase.create(k, "conformance"));
    }

    @AfterAll
    static void closeDatabases() {
        OPEN.values().forEach(TestDatabase::close);
        OPEN.clear();
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> arguments = new ArrayList<>();
        List<ConformanceCase> cases = ConformanceCase.load();
        for (Operations.Database kind : DATABASES) {
            for (int i = 0; i < cases.size(); i++) {
                if (!cases.get(i).unlabeledMultiHead()) {
                    arguments.add(Arguments.of(kind, cases.get(i), i));
                }
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void replay(Operations.Database kind, ConformanceCase c, int index) throws SQLException {
        TestDatabase db = database(kind);
        String versionTable = "v" + index;
        List<String> log = new ArrayList<>();
        List<RegisteredRevision> revisions = c.registered(log);
        try (Divemap divemap = Divemap.configure()
                .dataSource(db.dataSource())
                .registries(() -> revisions)
                .versionTable(versionTable)
                .historyTable("h" + index)
                .load()) {
            int number = 0;
            for (ConformanceCase.Step step : c.steps()) {
                String where = kind + " " + c.name() + " step " + number++ + ": " + step;
                List<String> before = divemap.current().versionRows();
                assertEquals(new TreeSet<>(step.versionBefore()), new TreeSet<>(before), where + " (state before)");
                log.clear();
                String difference = c.deliberateDifference(step);
                MigrationResult result;
                try {
                    result = run(divemap, step);
                } catch (DivemapException e) {
                    assertEquals(List.of(), log, where + ": a failed step ran migrations");
                    assertEquals(before, divemap.current().versionRows(), where + ": a failed step changed the"
                            + " version table");
                    if (difference == null && !step.unstable()) {
                        assertFalse(step.ok(), where + ": we failed where Alembic succeeded: " + e.getMessage());
                    }
                    resync(db, versionTable, step.versionAfter());
                    continue;
                }
                if (difference != null) {
                    throw new AssertionError(where + ": expected our error (" + difference + "), but it ran " + log);
                }
                List<String> after = divemap.current().versionRows();
                assertEquals(result.versionAfter(), after, where + ": the result disagrees with the table");
                if (!step.unstable()) {
                    assertTrue(step.ok(), where + ": Alembic failed (" + step.errorMessage() + ") but we ran " + log);
                    List<String> expected = step.executed().stream().map(e -> e.get(0) + " " + e.get(1)).toList();
                    assertEquals(new HashSet<>(expected), new HashSet<>(log), where + " (revisions run)");
                    if (step.orderForced()) {
                        assertEquals(expected, log, where + " (order)");
                    }
                    assertEquals(new TreeSet<>(step.versionAfter()), new TreeSet<>(after), where + " (version rows)");
                } else {
                    resync(db, versionTable, step.versionAfter());
                }
            }
        }
    }

    private static MigrationResult run(Divemap divemap, ConformanceCase.Step step) {
        return switch (step.command()) {
            case "upgrade" -> divemap.upgrade(step.target());
            case "downgrade" -> divemap.downgrade(step.target());
            case "stamp" -> divemap.stamp(step.purge(), step.targets().toArray(String[]::new));
            default -> throw new IllegalArgumentException(step.command());
        };
    }

    /** Puts the version table where Alembic left it, so the next step starts from the same state. */
    private static void resync(TestDatabase db, String table, List<String> rows) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (version_num VARCHAR(255) NOT NULL PRIMARY KEY)");
            statement.execute("DELETE FROM " + table);
            for (String row : rows) {
                statement.execute("INSERT INTO " + table + " (version_num) VALUES ('" + row + "')");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void everyUnlabeledMultiHeadCaseIsRefusedAtLoad() throws IOException {
        int refused = 0;
        for (ConformanceCase c : ConformanceCase.load()) {
            if (c.unlabeledMultiHead()) {
                List<RegisteredRevision> revisions = c.registered(new ArrayList<>());
                DivemapException e = assertThrows(DivemapException.class, () -> Divemap.configure()
                        .dataSource(database(Operations.Database.H2).dataSource())
                        .registries(() -> revisions)
                        .load());
                assertEquals(DivemapException.Kind.INVALID_GRAPH, e.kind());
                refused++;
            }
        }
        assertEquals(7, refused);
    }
}
