package org.divemap.migrations.test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.MigrationResult;
import org.divemap.migrations.runtime.graph.Plan;
import org.divemap.migrations.runtime.graph.RevisionMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The standard checks of a migration history, as JUnit tests: extend it in a {@link MigrationTest}
 * class and the project's own history is proven on the test database.
 *
 * <pre>{@code
 * @MigrationTest(database = "jdbc:h2:mem:")
 * class MigrationHistoryTest extends StandardMigrationTests {}
 * }</pre>
 *
 * <p>Each check starts from an empty database and reports one test per revision where it walks
 * the history, named after the revision. A defect is reported by the one check it is about: a
 * downgrade that leaves something behind fails "downgrade leaves no trace", and the stairway then
 * skips that revision (its second upgrade could only trip over the leftover) and goes on from a
 * database rebuilt at that point. A failure names the revision, the step, and the difference in
 * the schema, {@code -} for what is missing and {@code +} for what should not be there.
 */
public abstract class StandardMigrationTests {

    /** For subclasses. */
    protected StandardMigrationTests() {}

    @Test
    @DisplayName("one head per unlabeled line of history")
    void singleHeadPerUnlabeledLine(MigrationDatabase database) {
        selected(Check.SINGLE_HEAD);
        List<RegisteredRevision> revisions = database.revisions();
        Assertions.assertFalse(revisions.isEmpty(), "The registries " + database.registries() + " hold no revisions.");
        try {
            RevisionMap.of(revisions);
        } catch (DivemapException e) {
            Assertions.fail(e.getMessage(), e);
        }
    }

    @Test
    @DisplayName("upgrade from base to heads")
    void upgradeFromBaseToHeads(MigrationDatabase database) {
        selected(Check.UPGRADE);
        Divemap divemap = divemap(database);
        database.reset();
        MigrationResult result;
        try {
            result = divemap.upgrade("heads");
        } catch (DivemapException e) {
            throw new AssertionError("upgrade base:heads failed: " + e.getMessage(), e);
        }
        List<String> heads = divemap.revisionMap().heads().stream().sorted().toList();
        Assertions.assertEquals(heads, result.versionAfter().stream().sorted().toList(),
                "after upgrade heads the database should stand at every head");
        Assertions.assertEquals(heads, divemap.current().versionRows().stream().sorted().toList(),
                "the version table after upgrade heads");
    }

    @TestFactory
    @DisplayName("stairway: upgrade, downgrade, upgrade again")
    Stream<DynamicTest> stairway(MigrationDatabase database) {
        return walk(database, Check.STAIRWAY);
    }

    @TestFactory
    @DisplayName("downgrade leaves no trace")
    Stream<DynamicTest> downgradeLeavesNoTrace(MigrationDatabase database) {
        return walk(database, Check.DOWNGRADE_LEAVES_NO_TRACE);
    }

    private Stream<DynamicTest> walk(MigrationDatabase database, Check check) {
        selected(check);
        return new HistoryWalk(database, divemap(database), check, skips()).tests();
    }

    @TestFactory
    @DisplayName("rendered SQL is deterministic")
    Stream<DynamicTest> deterministicSql(MigrationDatabase database) {
        selected(Check.DETERMINISTIC_SQL);
        Divemap divemap = divemap(database);
        List<Skip> skips = skips();
        Plan plan = divemap.revisionMap().upgrade(List.of(), "heads");
        return plan.steps().stream().map(Plan.Step::revision).map(revision ->
                DynamicTest.dynamicTest(HistoryWalk.title(revision), () -> {
                    HistoryWalk.skipIfAsked(skips, revision, Check.DETERMINISTIC_SQL);
                    List<String> live = new java.util.ArrayList<>();
                    if (!sameTwice(divemap, database, revision, true)) {
                        live.add("upgrade");
                    }
                    if (revision.reversible() && !sameTwice(divemap, database, revision, false)) {
                        live.add("downgrade");
                    }
                    Assumptions.assumeTrue(live.isEmpty(), () -> "The " + String.join(" and ", live) + " of "
                            + revision.id() + " renders its SQL only against a live database (it uses"
                            + " op.connection(), op.schema() or op.batchUpdate), so there is no offline rendering"
                            + " to compare.");
                }));
    }

    /** Renders one direction twice; false when it needs a live database. */
    private static boolean sameTwice(Divemap divemap, MigrationDatabase database, RegisteredRevision revision,
            boolean upgrade) {
        Optional<List<String>> first = divemap.render(revision.id(), upgrade, database.kind());
        if (first.isEmpty()) {
            return false;
        }
        List<String> second = divemap.render(revision.id(), upgrade, database.kind()).orElseThrow();
        if (!first.get().equals(second)) {
            StringBuilder message = new StringBuilder(revision.id() + " renders different SQL each time ("
                    + (upgrade ? "upgrade" : "downgrade") + "), so its checksum changes and divemap check reports"
                    + " it as changed after it was applied. Name things explicitly instead of from the clock,"
                    + " random numbers or the iteration order of a hash set.");
            for (int i = 0; i < Math.max(first.get().size(), second.size()); i++) {
                String a = i < first.get().size() ? first.get().get(i) : "(nothing)";
                String b = i < second.size() ? second.get(i) : "(nothing)";
                if (!a.equals(b)) {
                    message.append("\n  statement ").append(i + 1).append(", first:  ").append(a)
                            .append("\n  statement ").append(i + 1).append(", second: ").append(b);
                    break;
                }
            }
            Assertions.fail(message.toString());
        }
        return true;
    }

    /** The check's revisions are not run when the graph is invalid: the single-head check says why. */
    private static Divemap divemap(MigrationDatabase database) {
        try {
            return database.divemap();
        } catch (DivemapException e) {
            if (e.kind() == DivemapException.Kind.INVALID_GRAPH) {
                Assumptions.abort("The revision graph is invalid; the check \"" + Check.SINGLE_HEAD.title()
                        + "\" reports why.");
            }
            throw e;
        }
    }

    private void selected(Check check) {
        Check[] checks = MigrationTestExtension.settings(getClass()).checks();
        Assumptions.assumeTrue(checks.length == 0 || Arrays.asList(checks).contains(check), () -> "Not selected: "
                + getClass().getSimpleName() + " runs only " + Arrays.toString(checks) + " (@MigrationTest(checks)).");
    }

    private List<Skip> skips() {
        return List.of(MigrationTestExtension.settings(getClass()).skip());
    }
}
