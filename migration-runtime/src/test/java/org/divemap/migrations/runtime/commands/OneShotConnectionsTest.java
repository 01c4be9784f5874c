package org.divemap.migrations.runtime.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code Divemap} configured with a URL opens what a command needs through the driver, and starts
 * no connection pool: no pool thread (HikariCP's housekeeper) outlives or accompanies a one-shot run,
 * one that applies revisions or one that finds nothing to do.
 */
class OneShotConnectionsTest {

    private static final Databases DATABASES = new Databases("one_shot");

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    private static List<String> poolThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.matches("divemap[: ].*")) // HikariCP names them after the pool: "divemap:housekeeper"
                .toList();
    }

    @ParameterizedTest
    @MethodSource(Databases.SERVERS)
    void aRunOverAUrlStartsNoPool(Database kind) {
        TestDatabase db = DATABASES.get(kind);
        List<String> during = new java.util.ArrayList<>();
        List<RegisteredRevision> revisions = List.of(
                new RegisteredRevision("o1", List.of(), List.of(), List.of(), "", InterruptedHistory.Step.class.getName(),
                        null, () -> new InterruptedHistory.Step(op -> op.createTable("os_a",
                                Column.of("id", Type.integer()).primaryKey()), op -> { }, false)),
                new RegisteredRevision("o2", List.of("o1"), List.of(), List.of(), "",
                        InterruptedHistory.Step.class.getName(), null, () -> new InterruptedHistory.Step(op -> {
                            op.createTable("os_b", Column.of("id", Type.integer()).primaryKey());
                            during.addAll(poolThreads());
                        }, op -> { }, false)));
        try (Divemap divemap = Divemap.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .registries(() -> revisions).versionTable("os_version").historyTable("os_history").load()) {
            assertEquals(List.of("o1", "o2"), divemap.upgrade("head").revisions());
            assertTrue(divemap.upgrade("head").nothingToDo());
        }
        assertEquals(List.of(), during, "no pool thread while revisions run");
        assertEquals(List.of(), poolThreads());
    }
}
