package org.divemap.migrations.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.divemap.migrations.graph.GraphProblem.Kind;
import org.divemap.migrations.graph.GraphProblem.Note;
import org.divemap.migrations.graph.Site.Attribute;

/**
 * The revision graph and its rules: the one implementation shared by the annotation processor and
 * the runtime.
 *
 * <p>{@link #of} never throws on a bad graph: it records each problem once, as a {@link GraphProblem}
 * pinned to the annotation value at fault. The structural queries ({@link #heads()},
 * {@link #branchLabels(String)}, {@link #topologicalOrder()}, ...) describe the valid part of the
 * graph; they are only meaningful when {@link #hasErrors()} is false.
 *
 * <p>Semantics follow Alembic: {@code revises} edges make the history, {@code dependsOn} edges only
 * order it; a head is a revision that no other revision revises; a branch label applies to the
 * labeled revision, to its descendants, and to its ancestors back to the previous branch point or
 * merge point. What is ours: two or more heads with the same branch labels (none, or after a
 * labeled line was merged back, the same ones) are an error, a branch conflict.
 *
 * <p>Every check is linear in revisions plus edges, except the {@code dependsOn} redundancy check,
 * which walks ancestors once per {@code dependsOn} entry.
 */
public final class RevisionGraph {

    private final List<RevisionNode> nodes;
    private final List<GraphProblem> problems = new ArrayList<>();
    /** id -> index of the node that owns it (the first one, when an id is declared twice). */
    private final Map<String, Integer> indexById = new HashMap<>();
    /** label -> index of the node that declares it (the first one). */
    private final Map<String, Integer> ownerByLabel = new HashMap<>();
    /** Per node: parent indices ({@code revises}), resolved dependency indices, and children. */
    private final int[][] parents;
    private final int[][] dependencies;
    private final List<List<Integer>> children;
    /** Per node: number of revisions that revise or depend on it. */
    private final int[] dependents;
    private final BitSet primary = new BitSet();
    private final List<Set<String>> labels;
    private boolean cyclic;

    private RevisionGraph(List<RevisionNode> nodes) {
        this.nodes = List.copyOf(nodes);
        int n = this.nodes.size();
        parents = new int[n][];
        dependencies = new int[n][];
        dependents = new int[n];
        children = new ArrayList<>(n);
        labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            children.add(new ArrayList<>(1));
            labels.add(new TreeSet<>());
        }
    }

    /**
     * Analyses a graph. The order of {@code nodes} decides only which of two duplicate declarations
     * is reported; pass them in a stable order (the processor sorts by class name).
     */
    public static RevisionGraph of(List<RevisionNode> nodes) {
        RevisionGraph graph = new RevisionGraph(nodes);
        graph.analyse();
        return graph;
    }

    private void analyse() {
        indexIds();
        indexLabels();
        resolveEdges();
        detectCycles();
        if (!cyclic) {
            propagateLabels();
            if (!hasErrors()) {
                checkBranchConflict();
            }
            checkRedundantDependencies();
        }
        if (problems.size() > 1) {
            problems.sort(Comparator.comparingInt((GraphProblem p) -> p.site().node())
                    .thenComparing(p -> p.site().attribute())
                    .thenComparingInt(p -> p.site().index()));
        }
    }

    // ---------------------------------------------------------------- ids and labels

    private void indexIds() {
        for (int i = 0; i < nodes.size(); i++) {
            RevisionNode node = nodes.get(i);
            Names.Problem problem = Names.problemWith(node.id());
            if (problem != null) {
                report(problem.kind(), "Revision id " + quote(node.id()) + " (" + node.origin() + ") "
                        + problem.reason() + fix(problem, "id"), Site.id(i));
            }
            Integer first = indexById.putIfAbsent(node.id(), i);
            if (first == null) {
                primary.set(i);
            } else {
                RevisionNode other = nodes.get(first);
                problems.add(new GraphProblem(Kind.DUPLICATE_REVISION,
                        Kind.DUPLICATE_REVISION.tag() + " Revision id " + quote(node.id()) + " is declared by both "
                                + other.origin() + " and " + node.origin() + ". Ids must be unique: give one of them"
                                + " a new id.",
                        Site.id(i),
                        List.of(new Note(Kind.DUPLICATE_REVISION.tag() + " " + quote(node.id())
                                + " is also declared here, by " + other.origin() + ".", Site.id(first)))));
            }
        }
    }

    private void indexLabels() {
        for (int i = 0; i < nodes.size(); i++) {
            RevisionNode node = nodes.get(i);
            Set<String> seen = new java.util.HashSet<>();
            for (int j = 0; j < node.branchLabels().size(); j++) {
                String label = node.branchLabels().get(j);
                Site site = new Site(i, Attribute.BRANCH_LABELS, j);
                if (!seen.add(label)) {
                    report(Kind.DUPLICATE_ENTRY, node.id() + " lists branch label " + quote(label)
                            + " twice. Remove the second one.", site);
                    continue;
                }
                Names.Problem problem = Names.problemWith(label);
                if (problem != null) {
                    report(problem.kind(), "Branch label " + quote(label) + " of " + node.id() + " " + problem.reason()
                            + fix(problem, "label"), site);
                    continue;
                }
                Integer idOwner = indexById.get(label);
                if (idOwner != null) {
                    report(Kind.LABEL_CLASH, "Branch label " + quote(label) + " of " + node.id()
                            + " is also the id of a revision (" + nodes.get(idOwner).origin() + "), so a target such as "
                            + quote(label + "@head") + " would be ambiguous. Rename the label.", site);
                    continue;
                }
                Integer owner = ownerByLabel.putIfAbsent(label, i);
                if (owner != null && owner != i) {
                    RevisionNode other = nodes.get(owner);
                    report(Kind.LABEL_CLASH, "Branch label " + quote(label) + " is declared by both " + other.id()
                            + " (" + other.origin() + ") and " + node.id() + " (" + node.origin() + "). A label names"
                            + " one line of history: declare it on the first revision of that line only;"
                            + " its descendants inherit it.", site);
                } else if (primary.get(i)) {
                    labels.get(i).add(label);
                }
            }
        }
    }

    /** The smallest edit for a name problem: replace the character, or choose another name. */
    private static String fix(Names.Problem problem, String what) {
        return problem.character() != null
                ? " Replace " + problem.character() + " with '_' or another allowed character."
                : " Choose another " + what + ".";
    }

    // ---------------------------------------------------------------- edges

    private void resolveEdges() {
        int[] childCount = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            RevisionNode node = nodes.get(i);
            parents[i] = resolve(i, node.revises(), Attribute.REVISES);
            dependencies[i] = resolve(i, node.dependsOn(), Attribute.DEPENDS_ON);
            if (!primary.get(i)) {
                parents[i] = new int[0];
                dependencies[i] = new int[0];
            }
            for (int p : parents[i]) {
                childCount[p]++;
                dependents[p]++;
            }
            for (int d : dependencies[i]) {
                dependents[d]++;
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            for (int p : parents[i]) {
                children.get(p).add(i);
            }
        }
    }

    private int[] resolve(int i, List<String> references, Attribute attribute) {
        RevisionNode node = nodes.get(i);
        boolean revises = attribute == Attribute.REVISES;
        String verb = revises ? "revises" : "depends on";
        int[] resolved = new int[references.size()];
        int count = 0;
        Set<String> seen = new java.util.HashSet<>();
        for (int j = 0; j < references.size(); j++) {
            String reference = references.get(j);
            Site site = new Site(i, attribute, j);
            if (!seen.add(reference)) {
                report(Kind.DUPLICATE_ENTRY, node.id() + " lists " + quote(reference) + " twice in "
                        + (revises ? "revises" : "dependsOn") + ". Remove the second one.", site);
                continue;
            }
            Integer target = indexById.get(reference);
            if (target == null && !revises) {
                target = ownerByLabel.get(reference);
            }
            if (target == null) {
                String suggestion = suggest(reference, !revises);
                report(Kind.UNKNOWN_REVISION, node.id() + " " + verb + " " + quote(reference) + ", which is "
                        + (revises ? "not a revision" : "neither a revision nor a branch label") + " in this build."
                        + (suggestion != null ? " Did you mean " + quote(suggestion) + "?"
                                : " Check the id, or add the missing revision to this build."), site);
                continue;
            }
            if (target == i) {
                report(Kind.SELF_REVISION, node.id() + " " + verb + " itself. Remove " + quote(reference)
                        + " from " + (revises ? "revises" : "dependsOn") + ".", site);
                continue;
            }
            if (!revises && node.revises().contains(nodes.get(target).id())) {
                report(Kind.REDUNDANT_DEPENDENCY, node.id() + " depends on " + quote(reference) + ", which it already"
                        + " revises. Remove the dependsOn entry.", site);
                continue;
            }
            resolved[count++] = target;
        }
        return Arrays.copyOf(resolved, count);
    }

    /** The closest id (or label) to a misspelt reference, or null when nothing is close. */
    private String suggest(String reference, boolean includeLabels) {
        List<String> candidates = new ArrayList<>(indexById.keySet());
        if (includeLabels) {
            candidates.addAll(ownerByLabel.keySet());
        }
        Collections.sort(candidates);
        return Names.closest(reference, candidates);
    }

    // ---------------------------------------------------------------- cycles

    /** Reports each strongly connected set of revises and dependsOn edges once. */
    private void detectCycles() {
        StronglyConnected.of(parents, dependencies).forEach(this::reportCycle);
    }

    /**
     * Reports one cycle of a strongly connected set: the shortest loop through its smallest id,
     * written child first ({@code a -> b} means a revises or depends on b) and pinned to the entry
     * that closes it.
     */
    private void reportCycle(List<Integer> component) {
        cyclic = true;
        Set<Integer> members = new java.util.HashSet<>(component);
        int start = component.stream().min(Comparator.comparing(i -> nodes.get(i).id())).orElseThrow();
        Map<Integer, Integer> previous = new HashMap<>();
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        int closing = -1;
        search:
        while (!queue.isEmpty()) {
            int v = queue.poll();
            for (int w : sortedById(edgesOf(v))) {
                if (w == start) {
                    closing = v;
                    break search;
                }
                if (members.contains(w) && !previous.containsKey(w) && w != start) {
                    previous.put(w, v);
                    queue.add(w);
                }
            }
        }
        List<String> path = new ArrayList<>();
        for (int v = closing; v != start; v = previous.get(v)) {
            path.add(nodes.get(v).id());
        }
        path.add(nodes.get(start).id());
        Collections.reverse(path);
        path.add(nodes.get(start).id());
        RevisionNode closer = nodes.get(closing);
        String startId = nodes.get(start).id();
        int position = closer.revises().indexOf(startId);
        Site site;
        if (position >= 0) {
            site = new Site(closing, Attribute.REVISES, position);
        } else {
            position = closer.dependsOn().indexOf(startId);
            if (position < 0) {
                position = firstLabelReference(closer, start);
            }
            site = new Site(closing, Attribute.DEPENDS_ON, position);
        }
        report(Kind.CYCLE, "Revisions form a cycle: " + String.join(" -> ", path) + ". Remove one of these "
                + "revises or dependsOn entries.", site);
    }

    private int firstLabelReference(RevisionNode node, int target) {
        for (int j = 0; j < node.dependsOn().size(); j++) {
            if (Integer.valueOf(target).equals(ownerByLabel.get(node.dependsOn().get(j)))) {
                return j;
            }
        }
        throw new IllegalStateException("no dependsOn entry of " + node.id() + " leads to " + nodes.get(target).id());
    }

    private int[] edgesOf(int v) {
        int[] all = Arrays.copyOf(parents[v], parents[v].length + dependencies[v].length);
        System.arraycopy(dependencies[v], 0, all, parents[v].length, dependencies[v].length);
        return all;
    }

    private List<Integer> sortedById(int[] indices) {
        List<Integer> sorted = new ArrayList<>(indices.length);
        for (int i : indices) {
            sorted.add(i);
        }
        sorted.sort(Comparator.comparing(i -> nodes.get(i).id()));
        return sorted;
    }

    // ---------------------------------------------------------------- labels and heads

    /**
     * Applies each label to its revision, the revision's descendants, and its ancestors up to (not
     * including) the previous branch point or merge point, as Alembic does.
     */
    private void propagateLabels() {
        for (int i = 0; i < nodes.size(); i++) {
            if (!primary.get(i) || nodes.get(i).branchLabels().isEmpty()) {
                continue;
            }
            Set<String> declared = new TreeSet<>(labels.get(i));
            if (declared.isEmpty()) {
                continue;
            }
            Deque<Integer> queue = new ArrayDeque<>(children.get(i));
            BitSet visited = new BitSet();
            while (!queue.isEmpty()) {
                int v = queue.poll();
                if (!visited.get(v)) {
                    visited.set(v);
                    labels.get(v).addAll(declared);
                    queue.addAll(children.get(v));
                }
            }
            int v = i;
            while (parents[v].length == 1) {
                int parent = parents[v][0];
                if (dependents[parent] > 1 || parents[parent].length > 1) {
                    break;
                }
                labels.get(parent).addAll(declared);
                v = parent;
            }
        }
    }

    /**
     * Two heads on one line of history: both without a label, or both with the same labels (after a
     * labeled branch is merged back, every later revision carries its label, so two heads there are
     * as much a conflict as two unlabeled ones). Heads whose labels differ are deliberate lines.
     */
    private void checkBranchConflict() {
        Map<Set<String>, List<Integer>> lines = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (primary.get(i) && children.get(i).isEmpty()) {
                lines.computeIfAbsent(new TreeSet<>(labels.get(i)), k -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<Set<String>, List<Integer>> line : lines.entrySet()) {
            if (line.getValue().size() > 1) {
                reportBranchConflict(line.getKey(), line.getValue());
            }
        }
    }

    private void reportBranchConflict(Set<String> lineLabels, List<Integer> heads) {
        heads.sort(Comparator.comparing(i -> nodes.get(i).id()));
        List<String> ids = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (int i : heads) {
            ids.add(nodes.get(i).id());
            described.add(nodes.get(i).id() + " (" + nodes.get(i).origin() + ")");
        }
        String common = commonParent(heads);
        String what = heads.size() == 2
                ? described.get(0) + " and " + described.get(1)
                : String.join(", ", described.subList(0, described.size() - 1)) + " and " + described.get(described.size() - 1);
        String labeled = lineLabels.isEmpty() ? "," : ", on the line labeled "
                + String.join(", ", lineLabels.stream().map(RevisionGraph::quote).toList()) + ",";
        String why = common != null
                ? (heads.size() == 2 ? " both revise " : " all revise ") + common + labeled + " so the graph has "
                        + count(heads.size()) + " heads."
                : (lineLabels.isEmpty() ? " are " + count(heads.size()) + " heads without a branch label."
                        : " are " + count(heads.size()) + " heads of the line labeled "
                                + String.join(", ", lineLabels.stream().map(RevisionGraph::quote).toList()) + ".");
        String merge = "@Revision(id = \"" + mergeId(ids) + "\", revises = {"
                + String.join(", ", ids.stream().map(RevisionGraph::quote).toList()) + "})";
        int last = heads.get(heads.size() - 1);
        report(Kind.BRANCH_CONFLICT, what + why + " Add a merge revision:\n    " + merge
                + "\n    or put each line of history on its own branch with branchLabels.", Site.id(last));
    }

    private String commonParent(List<Integer> heads) {
        Integer common = null;
        for (int head : heads) {
            if (parents[head].length != 1 || (common != null && common != parents[head][0])) {
                return null;
            }
            common = parents[head][0];
        }
        return common == null ? null : nodes.get(common).id();
    }

    private String mergeId(List<String> heads) {
        String id = "merge_" + String.join("_", heads);
        String candidate = id;
        for (int suffix = 2; indexById.containsKey(candidate); suffix++) {
            candidate = id + "_" + suffix;
        }
        return candidate;
    }

    private static String count(int n) {
        return switch (n) {
            case 2 -> "two";
            case 3 -> "three";
            case 4 -> "four";
            default -> Integer.toString(n);
        };
    }

    // ---------------------------------------------------------------- suspect but legal

    /** Warns about a dependsOn entry that is already an ancestor through the other edges. */
    private void checkRedundantDependencies() {
        for (int i = 0; i < nodes.size(); i++) {
            if (dependencies[i].length == 0) {
                continue;
            }
            RevisionNode node = nodes.get(i);
            for (int k = 0; k < dependencies[i].length; k++) {
                int dependency = dependencies[i][k];
                int skip = k;
                List<Integer> starts = new ArrayList<>();
                for (int p : parents[i]) {
                    starts.add(p);
                }
                for (int m = 0; m < dependencies[i].length; m++) {
                    if (m != skip && dependencies[i][m] != dependency) {
                        starts.add(dependencies[i][m]);
                    }
                }
                int via = ancestorVia(starts, dependency);
                if (via >= 0) {
                    String reference = nodes.get(dependency).id();
                    int position = node.dependsOn().indexOf(reference);
                    if (position < 0) {
                        position = firstLabelReference(node, dependency);
                    }
                    report(Kind.REDUNDANT_DEPENDENCY, node.id() + " depends on " + quote(node.dependsOn().get(position))
                            + ", which is already an ancestor of " + nodes.get(via).id()
                            + ", so the dependency changes nothing. Remove the dependsOn entry.",
                            new Site(i, Attribute.DEPENDS_ON, position));
                }
            }
        }
    }

    /** The start node from which {@code target} is reachable (start included), or -1. */
    private int ancestorVia(List<Integer> starts, int target) {
        for (int start : starts) {
            BitSet seen = new BitSet();
            Deque<Integer> stack = new ArrayDeque<>();
            stack.push(start);
            while (!stack.isEmpty()) {
                int v = stack.pop();
                if (v == target) {
                    return start;
                }
                if (!seen.get(v)) {
                    seen.set(v);
                    for (int w : edgesOf(v)) {
                        stack.push(w);
                    }
                }
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- results

    private void report(Kind kind, String text, Site site) {
        problems.add(new GraphProblem(kind, kind.tag() + " " + text, site, List.of()));
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }

    /** Every problem found, errors and warnings, in node order. */
    public List<GraphProblem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** Whether any problem is an error. */
    public boolean hasErrors() {
        for (GraphProblem problem : problems) {
            if (problem.isError()) {
                return true;
            }
        }
        return false;
    }

    /** The revisions no other revision revises, sorted by id. */
    public List<String> heads() {
        List<String> heads = new ArrayList<>();
        for (int i = primary.nextSetBit(0); i >= 0; i = primary.nextSetBit(i + 1)) {
            if (children.get(i).isEmpty()) {
                heads.add(nodes.get(i).id());
            }
        }
        Collections.sort(heads);
        return heads;
    }

    /** The revisions that revise nothing, sorted by id. */
    public List<String> bases() {
        List<String> bases = new ArrayList<>();
        for (int i = primary.nextSetBit(0); i >= 0; i = primary.nextSetBit(i + 1)) {
            if (parents[i].length == 0 && nodes.get(i).revises().isEmpty()) {
                bases.add(nodes.get(i).id());
            }
        }
        Collections.sort(bases);
        return bases;
    }

    /** The branch labels that apply to a revision, declared or inherited, sorted. */
    public Set<String> branchLabels(String id) {
        return Collections.unmodifiableSet(new TreeSet<>(labels.get(require(id))));
    }

    /** The revisions this one revises, in the order it names them. */
    public List<String> parents(String id) {
        return idsOf(parents[require(id)]);
    }

    /** The revisions that revise this one, sorted by id. */
    public List<String> children(String id) {
        List<String> ids = new ArrayList<>();
        for (int child : children.get(require(id))) {
            ids.add(nodes.get(child).id());
        }
        Collections.sort(ids);
        return ids;
    }

    private int require(String id) {
        Integer i = indexById.get(id);
        if (i == null) {
            throw new IllegalArgumentException("no revision " + quote(id) + " in this graph");
        }
        return i;
    }

    private List<String> idsOf(int[] indices) {
        List<String> ids = new ArrayList<>(indices.length);
        for (int i : indices) {
            ids.add(nodes.get(i).id());
        }
        return ids;
    }

    /** The ids the revision depends on, with labels resolved to the revisions that declare them. */
    public List<String> resolvedDependencies(String id) {
        return idsOf(dependencies[require(id)]);
    }
}
