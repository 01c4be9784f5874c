package org.divemap.migrations.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.divemap.migrations.RegisteredRevision;
import org.junit.jupiter.api.Test;

/**
 * The order in which revisions run: parents and dependencies first, and where the graph leaves it
 * open, the smaller id first; history lists the same order newest first. It does not depend on the
 * order the registries list the revisions in.
 */
class RevisionMapOrderTest {

    private static RegisteredRevision rev(String id, List<String> revises, List<String> labels,
            List<String> dependsOn) {
        return new RegisteredRevision(id, revises, labels, dependsOn, "", RevisionMapTargetsTest.Nothing.class.getName(),
                null, RevisionMapTargetsTest.Nothing::new);
    }

    private static RegisteredRevision rev(String id, String... revises) {
        return rev(id, List.of(revises), List.of(), List.of());
    }

    private static List<String> upgradeOrder(RevisionMap map) {
        return map.upgrade(List.of(), "heads").steps().stream().map(step -> step.revision().id()).toList();
    }

    @Test
    void aLinearHistoryRunsInItsOrder() {
        RevisionMap map = RevisionMap.of(List.of(rev("c", "b"), rev("a"), rev("b", "a")));
        assertEquals(List.of("a", "b", "c"), upgradeOrder(map));
        assertEquals(List.of("c", "b", "a"), map.range("", ""));
    }

    @Test
    void aDiamondRunsItsBranchesBySmallerIdFirst() {
        RevisionMap map = RevisionMap.of(List.of(rev("a"), rev("b1", "a"), rev("b2", "a"), rev("m", "b1", "b2"),
                rev("n", "m")));
        assertEquals(List.of("a", "b1", "b2", "m", "n"), upgradeOrder(map));
        assertEquals(List.of("n", "m", "b2", "b1", "a"), map.range("", ""));
    }

    @Test
    void aDependencyOnALabelRunsFirst() {
        RevisionMap map = RevisionMap.of(List.of(rev("a"), rev("b", "a"), rev("x", List.of("a"), List.of("extra"),
                List.of()), rev("c", List.of("b"), List.of(), List.of("extra"))));
        assertEquals(List.of("a", "b", "x", "c"), upgradeOrder(map));
    }

    @Test
    void theOrderDoesNotDependOnTheRegistriesOrder() {
        List<RegisteredRevision> revisions = new ArrayList<>();
        revisions.add(rev("base0"));
        List<String> middle = new ArrayList<>();
        for (int i = 1; i < 200; i++) {
            revisions.add(rev("r" + i, "base0"));
            middle.add("r" + i);
        }
        revisions.add(rev("m", middle.toArray(String[]::new)));
        List<String> expected = upgradeOrder(RevisionMap.of(revisions));
        Collections.shuffle(revisions, new Random(7));
        assertEquals(expected, upgradeOrder(RevisionMap.of(revisions)));
        assertEquals("base0", expected.get(0));
        assertEquals("m", expected.get(expected.size() - 1));
    }
}
