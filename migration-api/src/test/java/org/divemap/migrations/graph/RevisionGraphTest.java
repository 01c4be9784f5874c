package org.divemap.migrations.graph;

import static org.divemap.migrations.graph.RevisionNode.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.divemap.migrations.graph.GraphProblem.Kind;
import org.divemap.migrations.graph.Site.Attribute;
import org.junit.jupiter.api.Test;

class RevisionGraphTest {

    private static RevisionGraph graph(RevisionNode... nodes) {
        return RevisionGraph.of(List.of(nodes));
    }

    private static GraphProblem only(RevisionGraph graph) {
        assertEquals(1, graph.problems().size(), () -> "problems: " + graph.problems());
        return graph.problems().get(0);
    }

    @Test
    void linearHistoryHasOneHeadAndOneBase() {
        RevisionGraph g = graph(of("a"), of("b", "a"), of("c", "b"));
        assertEquals(List.of(), g.problems());
        assertEquals(List.of("c"), g.heads());
        assertEquals(List.of("a"), g.bases());
        assertEquals(List.of("b"), g.children("a"));
        assertEquals(List.of("b"), g.parents("c"));
    }

    @Test
    void diamondMergedBackIsValid() {
        RevisionGraph g = graph(of("a"), of("b1", "a"), of("b2", "a"), of("m", "b1", "b2"), of("n", "m"));
        assertFalse(g.hasErrors());
        assertEquals(List.of("n"), g.heads());
        assertEquals(List.of("b1", "b2"), g.children("a"));
        assertEquals(List.of("b1", "b2"), g.parents("m"));
    }

    @Test
    void openDiamondIsABranchConflictWithAMergeToPaste() {
        RevisionGraph g = graph(of("0003_add_country"), of("0004_add_photos", "0003_add_country").withOrigin("AddPhotos.java"),
                of("0004_add_ratings", "0003_add_country").withOrigin("AddRatings.java"));
        GraphProblem p = only(g);
        assertEquals(Kind.BRANCH_CONFLICT, p.kind());
        assertEquals("[Divemap/BranchConflict] 0004_add_photos (AddPhotos.java) and 0004_add_ratings (AddRatings.java)"
                + " both revise 0003_add_country, so the graph has two heads. Add a merge revision:\n"
                + "    @Revision(id = \"merge_0004_add_photos_0004_add_ratings\", revises = {\"0004_add_photos\","
                + " \"0004_add_ratings\"})\n"
                + "    or put each line of history on its own branch with branchLabels.", p.message());
        assertEquals(new Site(2, Attribute.ID, -1), p.site());
    }

    @Test
    void threeUnrelatedHeadsAreNamedTogether() {
        GraphProblem p = only(graph(of("ab12"), of("cd34"), of("ef56")));
        assertTrue(p.message().startsWith("[Divemap/BranchConflict] ab12 (ab12), cd34 (cd34) and ef56 (ef56) are three"
                + " heads without a branch label."), p.message());
        assertTrue(p.message().contains("@Revision(id = \"merge_ab12_cd34_ef56\", revises = {\"ab12\", \"cd34\", \"ef56\"})"));
    }

    @Test
    void twoHeadsAfterALabeledBranchWasMergedBackAreAConflict() {
        // every revision after the merge inherits "ratings", so c and d are two heads of one line
        RevisionGraph g = graph(of("a"), of("b", "a"), of("r1", "a").withBranchLabels("ratings"),
                of("m", "b", "r1"), of("c", "m").withOrigin("C.java"), of("d", "m").withOrigin("D.java"));
        GraphProblem p = only(g);
        assertEquals(Kind.BRANCH_CONFLICT, p.kind());
        assertTrue(p.message().startsWith("[Divemap/BranchConflict] c (C.java) and d (D.java) both revise m, on the"
                + " line labeled \"ratings\", so the graph has two heads. Add a merge revision:"), p.message());
    }

    @Test
    void headsWhoseLabelsDifferAreDeliberateLines() {
        // after the merge, a new branch "photos" carries both labels: a different line from the main one
        RevisionGraph g = graph(of("a"), of("b", "a"), of("r1", "a").withBranchLabels("ratings"),
                of("m", "b", "r1"), of("c", "m"), of("p1", "m").withBranchLabels("photos"));
        assertEquals(List.of(), g.problems());
    }

    @Test
    void labeledSideBranchIsNotAConflict() {
        RevisionGraph g = graph(of("a"), of("b", "a"), of("x1", "a").withBranchLabels("experiment"), of("x2", "x1"));
        assertEquals(List.of(), g.problems());
        assertEquals(List.of("b", "x2"), g.heads());
        assertEquals(Set.of("experiment"), g.branchLabels("x2"));
        assertEquals(Set.of(), g.branchLabels("a"), "a is a branch point: the label stops below it");
    }

    @Test
    void labelAppliesToAncestorsBackToTheBranchPoint() {
        RevisionGraph g = graph(of("a"), of("b", "a"), of("c", "b"), of("d", "c").withBranchLabels("main"),
                of("side", "a").withBranchLabels("sideline"));
        assertEquals(List.of(), g.problems());
        assertEquals(Set.of("main"), g.branchLabels("b"));
        assertEquals(Set.of("main"), g.branchLabels("c"));
        assertEquals(Set.of(), g.branchLabels("a"));
    }

    @Test
    void twoLabeledHeadsPlusOneUnlabeledIsFine() {
        RevisionGraph g = graph(of("a"), of("b", "a"), of("c", "a").withBranchLabels("one"));
        assertFalse(g.hasErrors());
    }

    @Test
    void cycleIsReportedOnceFromItsSmallestIdOnTheClosingEntry() {
        // a -> c -> b -> a, reachable from whichever node the search starts at
        for (List<RevisionNode> nodes : List.of(
                List.of(of("0003_a", "0005_c"), of("0004_b", "0003_a"), of("0005_c", "0004_b")),
                List.of(of("0005_c", "0004_b"), of("0004_b", "0003_a"), of("0003_a", "0005_c")))) {
            RevisionGraph g = RevisionGraph.of(nodes);
            GraphProblem p = only(g);
            assertEquals("[Divemap/Cycle] Revisions form a cycle: 0003_a -> 0005_c -> 0004_b -> 0003_a. Remove one of"
                    + " these revises or dependsOn entries.", p.message());
            int closer = nodes.indexOf(nodes.stream().filter(n -> n.id().equals("0004_b")).findFirst().orElseThrow());
            assertEquals(new Site(closer, Attribute.REVISES, 0), p.site());
        }
    }

    @Test
    void cycleThroughDependsOnIsPinnedToTheDependency() {
        RevisionGraph g = graph(of("a"), of("b", "c"), of("c", "a").withDependsOn("b"));
        GraphProblem p = only(g);
        assertEquals(Kind.CYCLE, p.kind());
        assertTrue(p.message().contains("b -> c -> b"), p.message());
        assertEquals(new Site(2, Attribute.DEPENDS_ON, 0), p.site());
        GraphProblem closedByRevises = only(graph(of("a"), of("b", "a").withDependsOn("c"), of("c", "b")));
        assertEquals(new Site(2, Attribute.REVISES, 0), closedByRevises.site());
    }

    @Test
    void twoSeparateCyclesAreTwoErrors() {
        RevisionGraph g = graph(of("a", "b"), of("b", "a"), of("c", "d"), of("d", "c"));
        assertEquals(2, g.problems().size());
        assertTrue(g.problems().stream().allMatch(p -> p.kind() == Kind.CYCLE));
    }

    @Test
    void revisingItselfIsItsOwnError() {
        GraphProblem p = only(graph(of("a"), of("b", "a", "b")));
        assertEquals("[Divemap/SelfRevision] b revises itself. Remove \"b\" from revises.", p.message());
        assertEquals(new Site(1, Attribute.REVISES, 1), p.site());
    }

    @Test
    void unknownParentSuggestsTheClosestId() {
        GraphProblem p = only(graph(of("0003_add_country"), of("0004_add_photos", "0003_add_contry")));
        assertEquals("[Divemap/UnknownRevision] 0004_add_photos revises \"0003_add_contry\", which is not a revision in"
                + " this build. Did you mean \"0003_add_country\"?", p.message());
        assertEquals(new Site(1, Attribute.REVISES, 0), p.site());
    }

    @Test
    void unknownParentWithNothingCloseSaysWhatToCheck() {
        GraphProblem p = only(graph(of("ab12"), of("cd34", "ffff")));
        assertTrue(p.message().endsWith("Check the id, or add the missing revision to this build."), p.message());
    }

    @Test
    void uniquePrefixIsSuggested() {
        GraphProblem p = only(graph(of("ae1027a6acf2"), of("b", "ae10")));
        assertTrue(p.message().endsWith("Did you mean \"ae1027a6acf2\"?"), p.message());
    }

    @Test
    void dependsOnMayNameALabelButNotAnUnknownOne() {
        RevisionGraph ok = graph(of("a"), of("b", "a"), of("x", "a").withBranchLabels("extra"),
                of("c", "b").withDependsOn("extra"));
        assertFalse(ok.hasErrors(), () -> ok.problems().toString());
        assertEquals(List.of("x"), ok.resolvedDependencies("c"));
        assertEquals(List.of("b"), ok.parents("c"));
        GraphProblem p = only(graph(of("a"), of("b", "a").withDependsOn("extr")));
        assertEquals("[Divemap/UnknownRevision] b depends on \"extr\", which is neither a revision nor a branch label in"
                + " this build. Check the id, or add the missing revision to this build.", p.message());
    }

    @Test
    void duplicateIdNamesBothDeclarationsWithANote() {
        GraphProblem p = only(graph(of("a").withOrigin("com.x.First"), of("a").withOrigin("com.x.Second")));
        assertEquals("[Divemap/DuplicateRevision] Revision id \"a\" is declared by both com.x.First and com.x.Second."
                + " Ids must be unique: give one of them a new id.", p.message());
        assertEquals(new Site(1, Attribute.ID, -1), p.site());
        assertEquals(1, p.notes().size());
        assertEquals(new Site(0, Attribute.ID, -1), p.notes().get(0).site());
    }

    @Test
    void idsThatClashWithTargetSyntaxAreRejected() {
        for (String bad : List.of("head", "heads", "base", "a@b", "a+1", "a-1", "a:b", "a b", " ", "")) {
            GraphProblem p = only(graph(of(bad)));
            assertEquals(Kind.RESERVED_NAME, p.kind(), bad);
            assertTrue(p.message().startsWith("[Divemap/ReservedName] Revision id \"" + bad + "\""), p.message());
        }
        assertTrue(only(graph(of("a@b"))).message().contains("contains '@'"));
    }

    @Test
    void idsAndLabelsHoldOnlyLettersDigitsUnderscoresAndDots() {
        RevisionGraph fine = graph(of("ae1027a6acf2"), of("0003_add_country_region_fields", "ae1027a6acf2"),
                of("v1.2_Rename", "0003_add_country_region_fields").withBranchLabels("reports.v2", "Q_1"));
        assertEquals(List.of(), fine.problems());
    }

    @Test
    void anIdWithAnotherCharacterIsAnIllegalCharacterNamingIt() {
        GraphProblem p = only(graph(of("q1_a\\").withOrigin("Q1.java")));
        assertEquals(Kind.ILLEGAL_CHARACTER, p.kind());
        assertEquals(new Site(0, Attribute.ID, -1), p.site());
        assertEquals("[Divemap/IllegalCharacter] Revision id \"q1_a\\\" (Q1.java) contains '\\'. Ids and branch"
                + " labels hold only letters (a-z, A-Z), digits, '_' and '.', since an id is also a revision target,"
                + " a file name and a SQL string. Replace '\\' with '_' or another allowed character.", p.message());
        for (String bad : List.of("q2_;DROP/**/TABLE/**/q1;#", "0004_it's", "0004_add\"photos", "a/b", "a,b", "a*",
                "a#b", "a$b", "a%b", "a=b", "a`b", "a\u0000b")) {
            GraphProblem problem = only(graph(of(bad)));
            assertEquals(Kind.ILLEGAL_CHARACTER, problem.kind(), bad);
        }
        assertTrue(only(graph(of("q2_;DROP"))).message().contains(" contains ';'."));
        assertTrue(only(graph(of("0004_ajouter_r\u00e9gion"))).message().contains(" contains '\u00e9' (U+00E9)."));
        assertTrue(only(graph(of("a\u0007b"))).message().contains(" contains U+0007."));
        assertTrue(only(graph(of("a\uD83D\uDE00"))).message().contains(" contains '\uD83D\uDE00' (U+1F600)."));
    }

    @Test
    void aLabelWithAnotherCharacterIsAnIllegalCharacterOnTheLabel() {
        GraphProblem p = only(graph(of("a"), of("b", "a").withBranchLabels("ok", "reports/2024")));
        assertEquals(Kind.ILLEGAL_CHARACTER, p.kind());
        assertEquals(new Site(1, Attribute.BRANCH_LABELS, 1), p.site());
        assertEquals("[Divemap/IllegalCharacter] Branch label \"reports/2024\" of b contains '/'. Ids and branch labels"
                + " hold only letters (a-z, A-Z), digits, '_' and '.', since an id is also a revision target, a file"
                + " name and a SQL string. Replace '/' with '_' or another allowed character.", p.message());
    }

    @Test
    void theFirstBadCharacterDecidesAndTargetSyntaxKeepsItsOwnTag() {
        assertEquals(Kind.RESERVED_NAME, only(graph(of("a-b\\"))).kind());
        GraphProblem p = only(graph(of("a\\b-c")));
        assertEquals(Kind.ILLEGAL_CHARACTER, p.kind());
        assertTrue(p.message().contains("contains '\\'."), p.message());
    }

    @Test
    void labelsThatClashWithIdsOrEachOtherAreRejected() {
        GraphProblem sameAsId = only(graph(of("a"), of("b", "a").withBranchLabels("a")));
        assertEquals(Kind.LABEL_CLASH, sameAsId.kind());
        assertEquals(new Site(1, Attribute.BRANCH_LABELS, 0), sameAsId.site());
        GraphProblem twice = only(graph(of("a"), of("b", "a").withBranchLabels("x"), of("c", "a").withBranchLabels("x")));
        assertTrue(twice.message().startsWith("[Divemap/LabelClash] Branch label \"x\" is declared by both b (b) and c (c)."),
                twice.message());
        GraphProblem reserved = only(graph(of("a").withBranchLabels("heads")));
        assertEquals(Kind.RESERVED_NAME, reserved.kind());
    }

    @Test
    void redundantDependencyIsAWarningOnly() {
        RevisionGraph g = graph(of("a"), of("b", "a"), of("c", "b").withDependsOn("a"));
        GraphProblem p = only(g);
        assertEquals(Kind.REDUNDANT_DEPENDENCY, p.kind());
        assertFalse(p.isError());
        assertEquals("[Divemap/RedundantDependency] c depends on \"a\", which is already an ancestor of b, so the"
                + " dependency changes nothing. Remove the dependsOn entry.", p.message());
        assertEquals(new Site(2, Attribute.DEPENDS_ON, 0), p.site());
        assertFalse(g.hasErrors());
    }

    @Test
    void dependencyOnAParentAndRepeatedEntriesAreWarnings() {
        RevisionGraph g = graph(of("a"), of("b", "a", "a").withDependsOn("a"));
        assertEquals(List.of(Kind.DUPLICATE_ENTRY, Kind.REDUNDANT_DEPENDENCY),
                g.problems().stream().map(GraphProblem::kind).toList());
        assertFalse(g.hasErrors());
    }

    @Test
    void linksAreIndependentOfInputOrder() {
        List<RevisionNode> nodes = new ArrayList<>();
        nodes.add(of("base"+"0"));
        for (int i = 1; i < 200; i++) {
            nodes.add(of("r" + i, "base0"));
        }
        nodes.add(of("m", nodes.stream().skip(1).map(RevisionNode::id).toArray(String[]::new)));
        RevisionGraph first = RevisionGraph.of(nodes);
        Collections.shuffle(nodes, new Random(7));
        RevisionGraph shuffled = RevisionGraph.of(nodes);
        assertEquals(first.children("base0"), shuffled.children("base0"));
        assertEquals(first.parents("m"), shuffled.parents("m"));
        assertEquals(List.of("m"), shuffled.heads());
        assertEquals(List.of("base0"), shuffled.bases());
        assertEquals(199, shuffled.children("base0").size());
    }

    @Test
    void deepLinearHistoryDoesNotOverflowTheStack() {
        List<RevisionNode> nodes = new ArrayList<>();
        nodes.add(of("r00000"));
        for (int i = 1; i < 200_000; i++) {
            nodes.add(of(String.format("r%05d", i), String.format("r%05d", i - 1)));
        }
        RevisionGraph g = RevisionGraph.of(nodes);
        assertFalse(g.hasErrors());
        assertEquals(List.of("r199999"), g.heads());
    }
}
