package org.divemap.migrations.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.graph.Plan;
import org.divemap.migrations.runtime.graph.RevisionMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every recorded Alembic case through {@link RevisionMap} alone, without a database: the
 * revision semantics must match Alembic's under the README's rules. The database-backed replay
 * checks the same through {@code Divemap} on H2 and MariaDB.
 */
class RevisionMapConformanceTest {

    static Stream<ConformanceCase> cases() throws IOException {
        return ConformanceCase.load().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void replay(ConformanceCase c) {
        List<String> log = new ArrayList<>();
        if (c.unlabeledMultiHead()) {
            DivemapException e = assertThrows(DivemapException.class, () -> RevisionMap.of(c.registered(log)));
            assertEquals(DivemapException.Kind.INVALID_GRAPH, e.kind());
            assertTrue(e.getMessage().contains("[Divemap/BranchConflict]"), e.getMessage());
            return;
        }
        RevisionMap map = RevisionMap.of(c.registered(log));
        List<String> rows = new ArrayList<>();
        int index = 0;
        for (ConformanceCase.Step step : c.steps()) {
            String where = c.name() + " step " + index++ + ": " + step;
            assertEquals(new TreeSet<>(step.versionBefore()), new TreeSet<>(rows), where + " (state before)");
            String difference = c.deliberateDifference(step);
            Plan plan;
            try {
                plan = plan(map, step, rows);
            } catch (DivemapException e) {
                if (difference == null && !step.unstable()) {
                    assertFalse(step.ok(), where + ": we failed where Alembic succeeded: " + e.getMessage());
                }
                rows = new ArrayList<>(step.versionAfter()); // Alembic's state, whatever it did
                continue;
            }
            if (difference != null) {
                throw new AssertionError(where + ": expected our error (" + difference + ") but planned " + plan);
            }
            if (!step.unstable()) {
                assertTrue(step.ok(), where + ": Alembic failed (" + step.errorMessage() + ") but we planned "
                        + plan.steps().stream().map(s -> (s.upgrade() ? "up " : "down ") + s.revision().id()).toList());
                List<String> executed = plan.steps().stream()
                        .map(s -> (s.upgrade() ? "up " : "down ") + s.revision().id()).toList();
                List<String> expected = step.executed().stream().map(e -> e.get(0) + " " + e.get(1)).toList();
                assertEquals(new HashSet<>(expected), new HashSet<>(executed), where + " (revisions run)");
                if (step.orderForced()) {
                    assertEquals(expected, executed, where + " (order)");
                }
                assertEquals(new TreeSet<>(step.versionAfter()), new TreeSet<>(plan.versionRowsAfter()),
                        where + " (version rows after)");
            }
            rows = new ArrayList<>(step.unstable() ? step.versionAfter() : plan.versionRowsAfter());
        }
    }

    private static Plan plan(RevisionMap map, ConformanceCase.Step step, List<String> rows) {
        return switch (step.command()) {
            case "upgrade" -> map.upgrade(rows, step.target());
            case "downgrade" -> map.downgrade(rows, step.target());
            case "stamp" -> map.stamp(rows, step.targets(), step.purge());
            default -> throw new IllegalArgumentException(step.command());
        };
    }

    static Set<String> set(List<String> list) {
        return new TreeSet<>(list);
    }
}
