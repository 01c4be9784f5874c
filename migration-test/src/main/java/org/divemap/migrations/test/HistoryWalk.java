package org.divemap.migrations.test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.graph.Plan;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/**
 * Walks a history from an empty database, one revision at a time in upgrade order, for the
 * stairway and downgrade checks. Before each revision the database holds exactly the revisions
 * before it; when a step leaves it elsewhere, it is rebuilt from empty to that point.
 */
final class HistoryWalk {

    private final MigrationDatabase database;
    private final Divemap divemap;
    private final Check check;
    private final List<Skip> skips;
    private final List<Plan.Step> steps;
    private int position;
    private String blocked;
    private SchemaSnapshot current;

    HistoryWalk(MigrationDatabase database, Divemap divemap, Check check, List<Skip> skips) {
        this.database = database;
        this.divemap = divemap;
        this.check = check;
        this.skips = skips;
        this.steps = divemap.revisionMap().upgrade(List.of(), "heads").steps();
    }

    /** One test per revision, run in order, each checking it with the stairway or the no-trace check. */
    Stream<DynamicTest> tests() {
        Consumer<RegisteredRevision> body = check == Check.STAIRWAY ? this::stairway : this::noTrace;
        database.reset();
        current = database.snapshot();
        return steps.stream().map(step -> DynamicTest.dynamicTest(title(step.revision()), () -> {
            if (blocked != null) {
                Assumptions.abort("Not reached: " + blocked);
            }
            try {
                body.accept(step.revision());
            } finally {
                position++;
            }
        }));
    }

    static String title(RegisteredRevision revision) {
        return revision.id() + (revision.message().isEmpty() ? "" : " (" + revision.message() + ")");
    }

    /** Upgrade, downgrade one step, upgrade again; the two upgrades leave the same schema. */
    void stairway(RegisteredRevision revision) {
        String id = revision.id();
        if (skipped(revision)) {
            return;
        }
        SchemaSnapshot before = current;
        upgrade(revision, 1, "upgrade to " + id);
        SchemaSnapshot first = database.snapshot();
        if (!downgrade(revision, 2)) {
            return;
        }
        if (!database.snapshot().equals(before)) {
            rebuild();
            Assumptions.abort("The downgrade of " + id + " leaves a trace, which the check \""
                    + Check.DOWNGRADE_LEAVES_NO_TRACE.title() + "\" reports; so its second upgrade is not tried.");
        }
        try {
            divemap.upgrade(id);
        } catch (DivemapException e) {
            rebuild();
            Assertions.fail("Stairway at " + id + ", step 3 (upgrade to " + id + " again, after the downgrade):"
                    + " the upgrade worked the first time but fails the second. " + e.getMessage(), e);
        }
        current = database.snapshot();
        List<String> diff = first.diff(current);
        if (!diff.isEmpty()) {
            Assertions.fail("Stairway at " + id + ", step 3 (upgrade to " + id + " again): the schema differs from"
                    + " the first upgrade's (- first upgrade only, + second upgrade only):\n  "
                    + String.join("\n  ", diff));
        }
    }

    /** Upgrade and downgrade back: the schema is what it was before. */
    void noTrace(RegisteredRevision revision) {
        String id = revision.id();
        if (skipped(revision)) {
            return;
        }
        SchemaSnapshot before = current;
        try {
            divemap.upgrade(id);
        } catch (DivemapException e) {
            blocked = id + " does not upgrade, which the check \"" + Check.UPGRADE.title() + "\" reports.";
            Assumptions.abort(blocked);
        }
        try {
            divemap.downgrade(oneStepDown(revision));
        } catch (DivemapException e) {
            rebuild();
            Assumptions.abort("The downgrade of " + id + " fails, which the check \"" + Check.STAIRWAY.title()
                    + "\" reports.");
        }
        List<String> diff = before.diff(database.snapshot());
        if (!diff.isEmpty()) {
            rebuild();
            Assertions.fail("Downgrade of " + id + " leaves a trace: after upgrade to " + id + " and downgrade "
                    + oneStepDown(revision) + " the schema differs from before the upgrade (- missing, + left behind):\n  "
                    + String.join("\n  ", diff));
        }
        try {
            divemap.upgrade(id);
            current = database.snapshot();
        } catch (DivemapException e) {
            rebuild(); // a second upgrade that fails is the stairway's to report
        }
    }

    /** Applies a revision the check passes over, and says so. */
    private boolean skipped(RegisteredRevision revision) {
        String reason = null;
        Skip skip = skip(skips, revision, check);
        if (skip != null) {
            reason = "Skipped: " + skip.reason();
        } else if (!revision.reversible()) {
            reason = "Skipped: " + revision.id() + " is @Irreversible (" + revision.irreversibleReason() + ")";
        }
        if (reason == null) {
            return false;
        }
        upgrade(revision, 1, "upgrade to " + revision.id());
        current = database.snapshot();
        throw skipping(check, revision, reason);
    }

    private void upgrade(RegisteredRevision revision, int step, String what) {
        try {
            divemap.upgrade(revision.id());
        } catch (DivemapException e) {
            blocked = revision.id() + " does not upgrade (" + check.title() + " at " + revision.id() + ", step "
                    + step + ").";
            Assertions.fail(check.title() + " at " + revision.id() + ", step " + step + " (" + what + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * The downgrade target that removes just {@code revision}, the newest on its line: {@code id@-1},
     * or for a merge, which has no single step down, {@code id@<first parent>}, which leaves both
     * parents applied.
     */
    static String oneStepDown(RegisteredRevision revision) {
        return revision.id() + "@" + (revision.revises().size() > 1 ? revision.revises().get(0) : "-1");
    }

    private boolean downgrade(RegisteredRevision revision, int step) {
        String target = oneStepDown(revision);
        try {
            divemap.downgrade(target);
            return true;
        } catch (DivemapException e) {
            rebuild();
            Assertions.fail(check.title() + " at " + revision.id() + ", step " + step + " (downgrade " + target + "): "
                    + e.getMessage(), e);
            return false;
        }
    }

    /** Empties the database and upgrades it to where the walk stands: every revision up to this one. */
    private void rebuild() {
        database.reset();
        try {
            for (String head : steps.get(position).versionRowsAfter()) {
                divemap.upgrade(head);
            }
            current = database.snapshot();
        } catch (DivemapException e) {
            blocked = "the database could not be rebuilt up to " + steps.get(position).revision().id() + ": "
                    + e.getMessage();
        }
    }

    static Skip skip(List<Skip> skips, RegisteredRevision revision, Check check) {
        for (Skip skip : skips) {
            if (skip.revision().equals(revision.id())
                    && (skip.checks().length == 0 || Arrays.asList(skip.checks()).contains(check))) {
                return skip;
            }
        }
        return null;
    }

    static void skipIfAsked(List<Skip> skips, RegisteredRevision revision, Check check) {
        Skip skip = skip(skips, revision, check);
        if (skip != null) {
            throw skipping(check, revision, "Skipped: " + skip.reason());
        }
    }

    /** Prints why a check passes over a revision, and the abort that records it. */
    private static TestAbortedException skipping(Check check, RegisteredRevision revision, String reason) {
        System.out.println("[divemap-test] " + check.title() + ", " + revision.id() + ": " + reason);
        return new TestAbortedException(reason);
    }
}
