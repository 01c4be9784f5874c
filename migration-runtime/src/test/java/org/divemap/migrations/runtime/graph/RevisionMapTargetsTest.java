package org.divemap.migrations.runtime.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.junit.jupiter.api.Test;

/**
 * Every relative form around {@code base}, {@code head} and the current revisions, on small literal
 * graphs, each compared with what Alembic 1.8's {@code RevisionMap} does with it. Where Alembic
 * refuses (with an error, or a bare {@code AssertionError}), so do we, with a message of our own;
 * where Alembic wraps {@code base-N} round to the heads, we refuse: nothing lies below base.
 */
class RevisionMapTargetsTest {

    /** a1 -> a2 -> a3: one line, one head. */
    private static final RevisionMap LINE = map(rev("a1"), rev("a2", "a1"), rev("a3", "a2"));

    /** 0001 -> 0002 -> 0003, and a line labeled "reports" from 0002: two heads. */
    private static final RevisionMap LABELED = map(rev("0001_users"), rev("0002_sites", "0001_users"),
            rev("0003_photos", "0002_sites"), rev("1001_reports", List.of("0002_sites"), List.of("reports"), List.of()));

    private static RegisteredRevision rev(String id, String... revises) {
        return rev(id, List.of(revises), List.of(), List.of());
    }

    private static RegisteredRevision rev(String id, List<String> revises, List<String> labels, List<String> dependsOn) {
        return new RegisteredRevision(id, revises, labels, dependsOn, "", Nothing.class.getName(), null, Nothing::new);
    }

    private static RevisionMap map(RegisteredRevision... revisions) {
        return RevisionMap.of(List.of(revisions));
    }

    /** What an upgrade runs, as "up id" entries, and the rows after it. */
    private static List<String> upgrade(RevisionMap map, List<String> rows, String target) {
        return describe(map.upgrade(rows, target));
    }

    private static List<String> downgrade(RevisionMap map, List<String> rows, String target) {
        return describe(map.downgrade(rows, target));
    }

    private static List<String> describe(Plan plan) {
        List<String> out = new ArrayList<>();
        plan.steps().forEach(s -> out.add((s.upgrade() ? "up " : "down ") + s.revision().id()));
        out.add("rows " + plan.versionRowsAfter());
        return out;
    }

    private static DivemapException refused(Kind kind, Runnable command, String... fragments) {
        DivemapException e = assertThrows(DivemapException.class, command::run);
        assertEquals(kind, e.kind(), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "missing \"" + fragment + "\" in: " + e.getMessage());
        }
        return e;
    }

    // ---------------------------------------------------------------- at the targets already

    @Test
    void upgradingToWhatTheDatabaseIsAtPlansNothingAndSortsTheRows() {
        // the start-up path: the version rows hold every target, so no ancestors are walked
        Plan plan = LABELED.upgrade(List.of("1001_reports", "0003_photos"), "heads");
        assertEquals(List.of(), plan.steps());
        assertEquals(List.of("1001_reports", "0003_photos"), plan.versionRowsBefore());
        assertEquals(List.of("0003_photos", "1001_reports"), plan.versionRowsAfter());
        assertEquals(List.of("rows [0003_photos, 1001_reports]"),
                upgrade(LABELED, List.of("0003_photos", "1001_reports"), "reports@head"));
        assertEquals(List.of("rows [0003_photos]"), upgrade(LABELED, List.of("0003_photos"), "0003_photos"));
        // one of two heads applied: the other one still runs
        assertEquals(List.of("up 1001_reports", "rows [0003_photos, 1001_reports]"),
                upgrade(LABELED, List.of("0003_photos"), "heads"));
        refused(Kind.UNKNOWN_DATABASE_REVISION, () -> LINE.upgrade(List.of("zz"), "head"), "zz");
    }

    // ---------------------------------------------------------------- base+N, base-N

    @Test
    void basePlusNUpgradesNStepsFromBase() {
        // Alembic: _walk(None, +N) climbs from the bases
        assertEquals(List.of("up a1", "rows [a1]"), upgrade(LINE, List.of(), "base+1"));
        assertEquals(List.of("up a1", "up a2", "rows [a2]"), upgrade(LINE, List.of(), "base+2"));
        assertEquals(List.of("up a1", "up a2", "up a3", "rows [a3]"), upgrade(LINE, List.of(), "base+3"));
        assertEquals(List.of("rows [a3]"), upgrade(LINE, List.of("a3"), "base+1"), "below the database: nothing");
        // Alembic: None from the walk, then a bare AssertionError
        refused(Kind.INVALID_RANGE, () -> LINE.upgrade(List.of(), "base+4"), "\"base+4\" goes 4 steps up, beyond the"
                + " heads");
    }

    @Test
    void basePlusNAsADowngradeTargetIsTheRevisionNStepsUp() {
        // Alembic: _walk("base", +N) for a downgrade target
        assertEquals(List.of("down a3", "down a2", "rows [a1]"), downgrade(LINE, List.of("a3"), "base+1"));
        assertEquals(List.of("rows [a3]"), downgrade(LINE, List.of("a3"), "base+3"));
        refused(Kind.INVALID_RANGE, () -> LINE.downgrade(List.of("a3"), "base+4"), "beyond the heads");
    }

    @Test
    void baseMinusNIsRefusedInsteadOfWrappingRoundToTheHeads() {
        // Alembic walks down from None, which it also uses for "the heads": base-1 is the head, base-2 its
        // parent. We refuse: nothing lies below base.
        for (String target : List.of("base-1", "base-2", "base-3", "base-99", "reports@base-1")) {
            RevisionMap map = target.startsWith("reports") ? LABELED : LINE;
            String message = refused(Kind.MALFORMED_TARGET, () -> map.downgrade(List.of(map.heads().get(0)), target),
                    "\"" + target + "\" steps down from base, below which there is nothing").getMessage();
            assertTrue(message.contains("Nothing was changed."), message);
            refused(Kind.MALFORMED_TARGET, () -> map.upgrade(List.of(), target), "below which there is nothing");
        }
        String message = refused(Kind.MALFORMED_TARGET, () -> LINE.downgrade(List.of("a3"), "base-2")).getMessage();
        assertTrue(message.contains("head-2") && message.contains("base+2"), message);
    }

    @Test
    void aStepOfZeroFromBaseIsRefused() {
        // Alembic: "Walked too far" (downgrade) and a bare AssertionError (upgrade)
        for (String target : List.of("base+0", "base-0", "reports@base+0")) {
            RevisionMap map = target.startsWith("reports") ? LABELED : LINE;
            refused(Kind.MALFORMED_TARGET, () -> map.downgrade(List.of(map.heads().get(0)), target),
                    "\"" + target + "\"", "moves nothing");
            refused(Kind.MALFORMED_TARGET, () -> map.upgrade(List.of(), target), "moves nothing");
        }
    }

    // ---------------------------------------------------------------- head+N, head-N

    @Test
    void headMinusNIsRelativeToTheHead() {
        // Alembic: _walk(head, -N), whatever the database is at
        assertEquals(List.of("down a3", "rows [a2]"), downgrade(LINE, List.of("a3"), "head-1"));
        assertEquals(List.of("down a3", "down a2", "rows [a1]"), downgrade(LINE, List.of("a3"), "head-2"));
        assertEquals(List.of("down a3", "down a2", "down a1", "rows []"), downgrade(LINE, List.of("a3"), "head-3"));
        refused(Kind.INVALID_RANGE, () -> LINE.downgrade(List.of("a3"), "head-4"), "\"head-4\" goes 4 steps down,"
                + " beyond the base");
        assertEquals(List.of("up a1", "up a2", "rows [a2]"), upgrade(LINE, List.of(), "head-1"));
        assertEquals(List.of("rows [a3]"), upgrade(LINE, List.of("a3"), "head-1"));
        assertEquals(List.of("down 1001_reports", "rows [0003_photos]"),
                downgrade(LABELED, List.of("0003_photos", "1001_reports"), "reports@head-1"));
    }

    @Test
    void headPlusNIsBeyondTheHeads() {
        // Alembic: "Walked too far" (downgrade), a bare AssertionError (upgrade)
        refused(Kind.INVALID_RANGE, () -> LINE.upgrade(List.of("a1"), "head+1"), "\"head+1\" goes 1 step up, beyond"
                + " the heads");
        refused(Kind.INVALID_RANGE, () -> LINE.downgrade(List.of("a3"), "head+2"), "beyond the heads");
    }

    @Test
    void aStepOfZeroFromARevisionIsThatRevision() {
        // Alembic: _walk(rev, 0) returns rev
        assertEquals(List.of("up a2", "up a3", "rows [a3]"), upgrade(LINE, List.of("a1"), "head+0"));
        assertEquals(List.of("up a2", "rows [a2]"), upgrade(LINE, List.of("a1"), "a2-0"));
        assertEquals(List.of("rows [a3]"), downgrade(LINE, List.of("a3"), "head-0"));
        assertEquals(List.of("down a3", "rows [a2]"), downgrade(LINE, List.of("a3"), "a2+0"));
    }

    // ---------------------------------------------------------------- +N, -N, +0, -0

    @Test
    void aStepOfZeroFromTheCurrentRevisionsIsRefusedWithAMessageThatSaysSo() {
        // Alembic refuses too: "Relative revision 0 didn't produce 0 migrations"
        for (String target : List.of("+0", "-0", "+00", "reports@+0", "reports@-0")) {
            RevisionMap map = target.startsWith("reports") ? LABELED : LINE;
            String up = refused(Kind.MALFORMED_TARGET, () -> map.upgrade(List.of(), target),
                    "\"" + target + "\" moves nothing").getMessage();
            assertTrue(up.contains("+1"), up);
            String down = refused(Kind.MALFORMED_TARGET, () -> map.downgrade(List.of(map.heads().get(0)), target),
                    "\"" + target + "\" moves nothing").getMessage();
            assertTrue(down.contains("-1"), down);
            assertTrue(!up.contains("Use downgrade") && !down.contains("or upgrade"), up + "\n" + down);
        }
    }

    @Test
    void relativeStepsFromTheCurrentRevisions() {
        assertEquals(List.of("up a1", "up a2", "rows [a2]"), upgrade(LINE, List.of(), "+2"));
        assertEquals(List.of("down a3", "down a2", "rows [a1]"), downgrade(LINE, List.of("a3"), "-2"));
        refused(Kind.INVALID_RANGE, () -> LINE.upgrade(List.of("a2"), "+2"), "beyond the heads");
        refused(Kind.INVALID_RANGE, () -> LINE.downgrade(List.of("a1"), "-99"), "beyond the base");
        refused(Kind.MALFORMED_TARGET, () -> LINE.upgrade(List.of("a3"), "-1"), "steps down, but upgrade moves up");
        refused(Kind.MALFORMED_TARGET, () -> LINE.downgrade(List.of("a1"), "+1"), "steps up, but downgrade moves down");
    }

    // ---------------------------------------------------------------- numbers beyond int

    @Test
    void stepsTooLargeForAnIntAreBeyondTheGraphNotANumberFormatException() {
        // Alembic's int has no limit: "Relative revision +2147483648 didn't produce 2147483648 migrations"
        refused(Kind.INVALID_RANGE, () -> LINE.upgrade(List.of(), "+2147483648"),
                "\"+2147483648\" goes 2147483648 steps up, beyond the heads");
        refused(Kind.INVALID_RANGE, () -> LINE.upgrade(List.of(), "+99999999999999999999999"),
                "goes 99999999999999999999999 steps up");
        refused(Kind.INVALID_RANGE, () -> LINE.downgrade(List.of("a3"), "-2147483649"),
                "\"-2147483649\" goes 2147483649 steps down, beyond the base");
        refused(Kind.INVALID_RANGE, () -> LINE.upgrade(List.of(), "base+4294967296"), "beyond the heads");
        refused(Kind.INVALID_RANGE, () -> LINE.upgrade(List.of(), "a1+2147483648"), "beyond the heads");
        refused(Kind.INVALID_RANGE, () -> LINE.downgrade(List.of("a3"), "head-9999999999"), "beyond the base");
        refused(Kind.INVALID_RANGE, () -> LABELED.upgrade(List.of(), "reports@+2147483648"), "beyond the heads");
        refused(Kind.MALFORMED_TARGET, () -> LINE.upgrade(List.of(), "-2147483648"), "upgrade moves up");
        refused(Kind.MALFORMED_TARGET, () -> LINE.downgrade(List.of("a3"), "+2147483648"), "downgrade moves down");
        refused(Kind.MALFORMED_TARGET, () -> LINE.downgrade(List.of("a3"), "base-2147483648"), "below which");
    }

    @Test
    void aHugeStepThatMeetsABranchIsReportedAsTheBranch() {
        // Alembic: "Ambiguous walk", whatever the count
        refused(Kind.AMBIGUOUS_TARGET, () -> LABELED.upgrade(List.of("0002_sites"), "+2147483648"),
                "2147483648 steps up from 0002_sites");
    }

    /** A migration that does nothing; only the plans are looked at. */
    public static final class Nothing implements Migration {
        @Override
        public void upgrade(Operations op) {}

        @Override
        public void downgrade(Operations op) {}
    }
}
