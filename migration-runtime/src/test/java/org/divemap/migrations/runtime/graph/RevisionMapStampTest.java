package org.divemap.migrations.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.junit.jupiter.api.Test;

/**
 * Which version rows a stamp replaces. As in Alembic 1.8 ({@code ScriptDirectory._stamp_revs}), a
 * current row is replaced when it is an ancestor or a descendant of the stamped revision through
 * {@code revises} <em>and</em> {@code dependsOn}: for stamping, lineage includes dependencies.
 */
class RevisionMapStampTest {

    /** core: c1 -> c2; reports: r1 -> r2, and r2 depends on c2. Two heads, c2 and r2; r2 the only real head. */
    private static final RevisionMap MAP = RevisionMap.of(List.of(
            rev("c1", List.of(), List.of("core"), List.of()),
            rev("c2", List.of("c1"), List.of(), List.of()),
            rev("r1", List.of(), List.of("reports"), List.of()),
            rev("r2", List.of("r1"), List.of(), List.of("c2"))));

    private static RegisteredRevision rev(String id, List<String> revises, List<String> labels, List<String> dependsOn) {
        return new RegisteredRevision(id, revises, labels, dependsOn, "", RevisionMapTargetsTest.Nothing.class.getName(),
                null, RevisionMapTargetsTest.Nothing::new);
    }

    private static List<String> stamp(List<String> rows, String... targets) {
        return MAP.stamp(rows, List.of(targets), false).versionRowsAfter();
    }

    @Test
    void stampingAnAncestorReachedOnlyThroughDependsOnReplacesTheHead() {
        // Alembic: r2 descends from c1 through its dependency on c2, so the stamp is a downgrade from r2 to c1
        assertEquals(List.of("c1"), stamp(List.of("r2"), "c1"));
        assertEquals(List.of("c2"), stamp(List.of("r2"), "c2"));
    }

    @Test
    void stampingADependentOfTheCurrentRevisionReplacesIt() {
        // Alembic: c1 is an ancestor of r2 through the dependency, so the stamp is an upgrade from c1 to r2
        assertEquals(List.of("r2"), stamp(List.of("c1"), "r2"));
        assertEquals(List.of("r2"), stamp(List.of("c2", "r1"), "r2"));
    }

    @Test
    void stampingAnUnrelatedLineAddsARow() {
        assertEquals(List.of("c2", "r1"), stamp(List.of("c2"), "r1"));
        assertEquals(List.of("c1", "r1"), stamp(List.of("r1"), "c1"));
    }

    @Test
    void severalTargetsAreEachComparedWithTheRowsBeforeTheStamp() {
        // Alembic filters the current heads once, before any target is stamped
        assertEquals(List.of("c2", "r2"), stamp(List.of(), "c2", "r2"));
        assertEquals(List.of("c2", "r2"), stamp(List.of(), "r2", "c2"));
        assertEquals(List.of("c2", "r2"), stamp(List.of("c1"), "r2", "c2"));
    }

    @Test
    void stampingTwoRevisionsOfOneLineIsStillRefused() {
        DivemapException e = assertThrows(DivemapException.class, () -> stamp(List.of(), "c1", "c2"));
        assertEquals(Kind.INVALID_RANGE, e.kind(), e.getMessage());
    }
}
