package org.divemap.migrations.runtime.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.graph.GraphProblem;
import org.divemap.migrations.graph.RevisionGraph;
import org.divemap.migrations.graph.RevisionNode;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.graph.Revisions.Rev;
import org.divemap.migrations.runtime.graph.Targets.Step;

/**
 * Alembic's revision semantics, without JDBC: which revisions a target names, and which revisions an
 * upgrade, a downgrade or a stamp runs from a given set of version-table rows, with the rows after
 * each step.
 *
 * <p>The database state is the set of <em>applied</em> revisions: the version-table rows and all
 * their ancestors, through {@code revises} and {@code dependsOn}. The version table holds the
 * applied revisions that no other applied revision revises or depends on, as Alembic keeps it.
 *
 * <p>Order: upgrades run parents (and dependencies) before children; where the graph leaves the
 * order open, the revision with the smaller id runs first. A downgrade runs the same set in exactly
 * the reverse order.
 *
 * <p>Everything here is linear in revisions plus edges per command (a priority queue adds a
 * logarithm to the ordering).
 */
public final class RevisionMap {

    static final String ACCEPTED_FORMS = Targets.ACCEPTED_FORMS;

    private final Revisions revs;
    private final Targets targets;
    private final List<Rev> revisions;
    private final Map<String, Rev> byId;
    private final List<Rev> heads;
    private final List<Rev> realHeads;
    private final List<Rev> bases;

    private RevisionMap(List<RegisteredRevision> registered, RevisionGraph graph) {
        this.revs = new Revisions(registered, graph);
        this.targets = new Targets(revs);
        this.revisions = revs.revisions;
        this.byId = revs.byId;
        this.heads = revs.heads;
        this.realHeads = revs.realHeads;
        this.bases = revs.bases;
    }

    /** By migration class, then id: the order the processor validates in, so that messages match. */
    private static final Comparator<RegisteredRevision> BY_CLASS_THEN_ID = new Comparator<>() {
        @Override
        public int compare(RegisteredRevision a, RegisteredRevision b) {
            int byClass = a.migrationClass().compareTo(b.migrationClass());
            return byClass != 0 ? byClass : a.id().compareTo(b.id());
        }
    };

    /**
     * Builds the map of the given revisions, which may come from several registries. A graph the
     * processor would reject (an id declared twice across registries, two unlabeled heads, ...) is
     * refused with the same messages.
     */
    public static RevisionMap of(Collection<RegisteredRevision> registered) {
        // plain loops and one comparator class here: this runs at every application's start-up
        List<RevisionNode> nodes = new ArrayList<>(registered.size());
        List<RegisteredRevision> ordered = new ArrayList<>(registered);
        ordered.sort(BY_CLASS_THEN_ID);
        for (RegisteredRevision revision : ordered) {
            nodes.add(new RevisionNode(revision.id(), revision.revises(), revision.dependsOn(),
                    revision.branchLabels(), revision.migrationClass()));
        }
        RevisionGraph graph = RevisionGraph.of(nodes);
        if (graph.hasErrors()) {
            String problems = graph.problems().stream()
                    .filter(GraphProblem::isError)
                    .map(GraphProblem::message)
                    .collect(Collectors.joining("\n"));
            throw new DivemapException(Kind.INVALID_GRAPH, "The revision graph of this build is invalid:\n"
                    + problems);
        }
        return new RevisionMap(ordered, graph);
    }

    // ---------------------------------------------------------------- lookups

    /** The registered revision with this exact id, or null. */
    public RegisteredRevision revision(String id) {
        Rev rev = byId.get(id);
        return rev == null ? null : rev.source;
    }

    /** Every revision, sorted by id. */
    public List<RegisteredRevision> revisions() {
        return revisions.stream().map(r -> r.source).toList();
    }

    /** The heads (revisions that no revision revises), sorted by id. */
    public List<String> heads() {
        return ids(heads);
    }

    /**
     * The version rows of a database on which every revision is applied, sorted by id: the heads that
     * no revision depends on either.
     */
    public List<String> versionRowsAtHeads() {
        return ids(realHeads);
    }

    /** The bases (revisions that revise nothing), sorted by id. */
    public List<String> bases() {
        return ids(bases);
    }

    /** The revisions that two or more revisions revise, sorted by id. */
    public List<String> branchPoints() {
        return revisions.stream().filter(r -> r.children.size() > 1).map(r -> r.id).toList();
    }

    /** The branch labels that apply to a revision, declared or inherited. */
    public Set<String> branchLabels(String id) {
        return require(id).labels;
    }

    /** The children of a revision (the revisions that revise it), sorted by id. */
    public List<String> children(String id) {
        return ids(require(id).children);
    }

    // ---------------------------------------------------------------- plans

    /** The state of a database: its version rows, checked against this map. */
    private List<Rev> current(Collection<String> versionRows) {
        List<Rev> current = new ArrayList<>();
        for (String row : versionRows) {
            Rev rev = byId.get(row);
            if (rev == null) {
                throw new DivemapException(Kind.UNKNOWN_DATABASE_REVISION, "The database is at revision " + row
                        + ", which this build does not contain. Deploy a build that includes it, or, if " + row
                        + " was removed on purpose, replace it in the version table with the revision the schema"
                        + " matches: stamp with purge, naming that revision.");
            }
            current.add(rev);
        }
        return current;
    }

    private BitSet applied(List<Rev> current) {
        return ancestors(current, true);
    }

    /** Upgrades from {@code versionRows} to {@code target}. */
    public Plan upgrade(Collection<String> versionRows, String target) {
        List<Rev> current = current(versionRows);
        List<Rev> targets = parseUpgradeTarget(current, target);
        if (current.containsAll(targets)) {
            // what the targets need is applied with them: the usual start-up at head walks no ancestors
            return new Plan(Plan.Direction.UPGRADE, target, List.copyOf(versionRows), List.of(),
                    List.copyOf(new TreeSet<>(versionRows)));
        }
        BitSet needs = ancestors(targets, true);
        BitSet applied = applied(current);
        needs.andNot(applied);
        return plan(Plan.Direction.UPGRADE, target, versionRows, applied, order(needs));
    }

    private List<Rev> parseUpgradeTarget(List<Rev> current, String target) {
        Matcher relative = parse(target);
        if (relative == null) {
            return getRevisions(target);
        }
        String branch = relative.group(1);
        String symbol = relative.group(2);
        Step step = step(target, relative, true);
        int steps = step.steps();
        if (steps > 0) {
            Object start;
            if (symbol == null) {
                List<Rev> starts = current;
                if (branch != null) {
                    starts = filterForLineage(current, branch);
                    if (starts.isEmpty()) {
                        // the branch is not at a head: start from its last applied revision
                        starts = tipsOnBranch(current, branch, true);
                    }
                }
                if (starts.size() > 1) {
                    throw new DivemapException(Kind.AMBIGUOUS_TARGET, "\"" + target + "\" is ambiguous: the database"
                            + " is at " + starts.size() + " revisions (" + String.join(", ", ids(starts)) + ")."
                            + " Say which line to move with <label>@" + relative.group(3) + " or <revision>"
                            + relative.group(3) + ".");
                }
                start = starts.isEmpty() ? null : starts.get(0);
            } else {
                if (symbol.equals("base")) {
                    start = null;
                } else {
                    start = getRevision(symbol);
                }
            }
            Object rev = walk(start, step, branch);
            if (rev == null) {
                throw beyond(target, step);
            }
            return List.of((Rev) rev);
        }
        if (symbol == null) {
            throw new DivemapException(Kind.MALFORMED_TARGET, "\"" + target + "\" steps down, but upgrade moves up."
                    + " Use downgrade " + target + ", or upgrade +" + step.count() + ".");
        }
        Rev start = branch == null ? getRevision(symbol) : getRevision(branch + "@" + symbol);
        Object rev = walk(start, step, null);
        if (rev == null) {
            throw beyond(target, step);
        }
        return rev == Targets.BASE ? List.of() : List.of((Rev) rev);
    }

    /** Downgrades from {@code versionRows} to {@code target}. */
    public Plan downgrade(Collection<String> versionRows, String target) {
        List<Rev> current = current(versionRows);
        Matcher relative = parse(target);
        String branch;
        Object targetRev; // a Rev, or BASE
        if (relative != null) {
            branch = relative.group(1);
            String symbol = relative.group(2);
            Step step = step(target, relative, false);
            int steps = step.steps();
            if (steps >= 0) {
                if (symbol == null) {
                    throw new DivemapException(Kind.MALFORMED_TARGET, "\"" + target + "\" steps up, but downgrade"
                            + " moves down. Use upgrade " + target + ", or downgrade -" + step.count() + ".");
                }
                Object rev = walk(symbol.equals("base") ? null : getRevision(symbol), step, branch);
                if (rev == null) {
                    throw beyond(target, step);
                }
                targetRev = rev;
            } else {
                boolean fromCurrent = symbol == null;
                if (fromCurrent) {
                    if (branch != null) {
                        List<Rev> onBranch = filterForLineage(current, branch);
                        if (onBranch.isEmpty()) {
                            onBranch = tipsOnBranch(current, branch, false);
                        }
                        if (onBranch.size() != 1) {
                            throw new DivemapException(Kind.AMBIGUOUS_TARGET, "\"" + target + "\": the database is at "
                                    + (onBranch.isEmpty() ? "no revision" : String.join(", ", ids(onBranch)))
                                    + " on the line of \"" + branch + "\". Name a revision instead.");
                        }
                        symbol = onBranch.get(0).id;
                    } else {
                        if (current.isEmpty()) {
                            throw beyond(target, step);
                        }
                        if (current.size() > 1) {
                            throw new DivemapException(Kind.AMBIGUOUS_TARGET, "\"" + target + "\" is ambiguous: the"
                                    + " database is at " + current.size() + " heads (" + String.join(", ", ids(current))
                                    + "). Say which line to step back with <label>" + "@" + steps + " or <revision>"
                                    + steps + ". Nothing was changed.");
                        }
                        symbol = current.get(0).id;
                        branch = symbol;
                    }
                }
                Rev start = branch == null ? getRevision(symbol) : getRevision(branch + "@" + symbol);
                Object rev = walk(start, step, null);
                if (rev == null) {
                    throw beyond(target, step);
                }
                targetRev = rev;
            }
        } else {
            int at = target.lastIndexOf('@');
            branch = at < 0 ? null : target.substring(0, at);
            String symbol = at < 0 ? target : target.substring(at + 1);
            if (branch != null && (symbol.equals("head") || symbol.equals("heads"))) {
                throw new DivemapException(Kind.MALFORMED_TARGET, "\"" + target + "\" names where the branch already"
                        + " is, so it cannot be a downgrade target. Use " + branch + "@-1 to step back one revision,"
                        + " or name the revision to go down to.");
            }
            if (branch != null) {
                resolveBranch(branch);
            }
            Rev rev = symbol.equals("base") ? null : getRevision(symbol);
            targetRev = rev == null ? Targets.BASE : rev;
        }
        return downgradeTo(current, versionRows, target, branch, targetRev);
    }

    /**
     * The applied revisions on the line of {@code branch} that no other applied revision of that line
     * follows (through revises, and dependsOn when asked).
     */
    private List<Rev> tipsOnBranch(List<Rev> current, String branch, boolean throughDependencies) {
        BitSet applied = applied(current);
        List<Rev> all = new ArrayList<>();
        for (int i = applied.nextSetBit(0); i >= 0; i = applied.nextSetBit(i + 1)) {
            all.add(revisions.get(i));
        }
        List<Rev> onBranch = filterForLineage(all, branch);
        Set<Rev> tips = new LinkedHashSet<>(onBranch);
        for (Rev rev : onBranch) {
            for (Rev parent : rev.parents) {
                tips.remove(parent);
            }
            if (throughDependencies) {
                for (Rev dependency : rev.dependencies) {
                    tips.remove(dependency);
                }
            }
        }
        return new ArrayList<>(tips);
    }

    private Plan downgradeTo(List<Rev> current, Collection<String> versionRows, String target, String branch,
            Object targetRev) {
        List<Rev> roots;
        if (targetRev == Targets.BASE) {
            roots = new ArrayList<>(bases);
        } else {
            roots = new ArrayList<>(((Rev) targetRev).children);
        }
        if (branch != null && roots.size() > 1) {
            BitSet lineage = ancestors(List.of(resolveBranch(branch)), false);
            roots.removeIf(root -> !lineage.get(root.index));
            if (roots.isEmpty()) {
                throw new DivemapException(Kind.INVALID_RANGE, "\"" + target + "\" is not below the current revisions"
                        + " of \"" + branch + "\". Nothing was changed.");
            }
        }
        BitSet applied = applied(current);
        BitSet drop = descendants(roots, true);
        drop.and(applied);
        if (targetRev != Targets.BASE && drop.isEmpty() && !current.contains((Rev) targetRev)) {
            throw new DivemapException(Kind.INVALID_RANGE, "Cannot downgrade to " + targetRev + ": it is not applied"
                    + " below the current revisions (" + (current.isEmpty() ? "none" : String.join(", ", ids(current)))
                    + "). Nothing was changed.");
        }
        List<Rev> order = order(drop);
        java.util.Collections.reverse(order);
        return plan(Plan.Direction.DOWNGRADE, target, versionRows, applied, order);
    }

    /**
     * Stamps the version table with {@code targets}, running nothing. Each target replaces the rows
     * it shares a lineage with, through revises and dependsOn, as Alembic's stamp does; the rows are
     * those from before the stamp, so the order of the targets does not matter.
     */
    public Plan stamp(Collection<String> versionRows, List<String> targets, boolean purge) {
        if (targets.isEmpty()) {
            throw new DivemapException(Kind.MALFORMED_TARGET, "stamp needs at least one target.");
        }
        List<Rev> current = purge ? List.of() : current(versionRows);
        List<Rev> destinations = new ArrayList<>();
        boolean toBase = false;
        for (String target : targets) {
            if (parse(target) != null) {
                throw new DivemapException(Kind.MALFORMED_TARGET, "stamp takes revisions, not relative steps: \""
                        + target + "\". Name the revision, or use upgrade/downgrade for relative moves.");
            }
            List<Rev> revs = getRevisions(target);
            if (revs.isEmpty()) {
                toBase = true;
            }
            destinations.addAll(revs);
        }
        for (int i = 0; i < destinations.size(); i++) {
            for (int j = i + 1; j < destinations.size(); j++) {
                if (destinations.get(i) != destinations.get(j)
                        && sharesLineage(destinations.get(i), destinations.get(j))) {
                    Rev later = ancestors(List.of(destinations.get(j)), false).get(destinations.get(i).index)
                            ? destinations.get(j) : destinations.get(i);
                    throw new DivemapException(Kind.INVALID_RANGE, "Cannot stamp " + destinations.get(i) + " and "
                            + destinations.get(j) + " together: they are on one line of history, so the version table"
                            + " would say both are current. Stamp only " + later + " (the later one),"
                            + " or revisions on different branches. Nothing was changed.");
                }
            }
        }
        Set<Rev> rows = new LinkedHashSet<>(current);
        if (toBase) {
            rows.clear();
        }
        for (Rev destination : new LinkedHashSet<>(destinations)) {
            if (rows.contains(destination)) {
                continue;
            }
            for (Rev head : current) {
                if (sharesLineage(head, destination, true)) {
                    rows.remove(head);
                }
            }
            rows.add(destination);
        }
        List<String> after = ids(rows);
        return new Plan(Plan.Direction.STAMP, String.join(" ", targets), List.copyOf(versionRows), List.of(), after);
    }

    // ---------------------------------------------------------------- queries

    /** The ids of the applied revisions for these version rows (the rows and their ancestors), sorted. */
    public List<String> applied(Collection<String> versionRows) {
        BitSet applied = applied(current(versionRows));
        List<String> ids = new ArrayList<>(applied.cardinality());
        for (int i = applied.nextSetBit(0); i >= 0; i = applied.nextSetBit(i + 1)) {
            ids.add(revisions.get(i).id);
        }
        return ids;
    }

    /**
     * The revisions a plain target names (no relative steps): {@code heads}, {@code head},
     * {@code label@head}, an id, a unique prefix or a label. Empty for {@code base}.
     */
    public List<String> resolve(String target) {
        if (parse(target) != null) {
            throw new DivemapException(Kind.MALFORMED_TARGET, "\"" + target + "\" is relative; name a revision,"
                    + " a label or head/heads here.");
        }
        return getRevisions(target).stream().map(r -> r.id).toList();
    }

    /**
     * The revisions from {@code lower} (inclusive; {@code base} or empty for all) up to {@code upper}
     * (inclusive; {@code heads} or empty for all), newest first: children before parents.
     */
    public List<String> range(String lower, String upper) {
        List<Rev> uppers = upper == null || upper.isEmpty() || upper.equals("heads") ? realHeads
                : resolve(upper).stream().map(byId::get).toList();
        BitSet set = ancestors(uppers, true);
        if (lower != null && !lower.isEmpty() && !lower.equals("base")) {
            List<Rev> lowers = resolve(lower).stream().map(byId::get).toList();
            BitSet below = descendants(lowers, false);
            for (Rev rev : lowers) {
                if (!set.get(rev.index)) {
                    throw new DivemapException(Kind.INVALID_RANGE, rev.id + " is not an ancestor of "
                            + (upper == null || upper.isEmpty() ? "heads" : upper) + ", so " + lower + ":" + upper
                            + " is empty. Put the older revision first.");
                }
            }
            set.and(below);
        }
        List<Rev> order = order(set);
        java.util.Collections.reverse(order);
        return order.stream().map(r -> r.id).toList();
    }

    // ---------------------------------------------------------------- ordering

    /** Runs the steps over the applied set and records the version rows after each one. */
    private Plan plan(Plan.Direction direction, String target, Collection<String> versionRows, BitSet applied,
            List<Rev> order) {
        BitSet state = (BitSet) applied.clone();
        // per revision: how many applied revisions revise or depend on it
        int[] appliedDependents = new int[revisions.size()];
        for (int i = state.nextSetBit(0); i >= 0; i = state.nextSetBit(i + 1)) {
            for (Rev parent : revisions.get(i).parents) {
                appliedDependents[parent.index]++;
            }
            for (Rev dependency : revisions.get(i).dependencies) {
                appliedDependents[dependency.index]++;
            }
        }
        TreeSet<String> rows = new TreeSet<>();
        for (int i = state.nextSetBit(0); i >= 0; i = state.nextSetBit(i + 1)) {
            if (appliedDependents[i] == 0) {
                rows.add(revisions.get(i).id);
            }
        }
        List<Plan.Step> steps = new ArrayList<>(order.size());
        for (Rev rev : order) {
            int sign = direction == Plan.Direction.UPGRADE ? 1 : -1;
            if (sign > 0) {
                state.set(rev.index);
                rows.add(rev.id);
            } else {
                state.clear(rev.index);
                rows.remove(rev.id);
            }
            for (Rev up : concat(rev.parents, rev.dependencies)) {
                appliedDependents[up.index] += sign;
                if (appliedDependents[up.index] == 0 && state.get(up.index)) {
                    rows.add(up.id);
                } else {
                    rows.remove(up.id);
                }
            }
            steps.add(new Plan.Step(rev.source, direction == Plan.Direction.UPGRADE, List.copyOf(rows)));
        }
        List<String> after = steps.isEmpty() ? List.copyOf(new TreeSet<>(versionRows))
                : steps.get(steps.size() - 1).versionRowsAfter();
        return new Plan(direction, target, List.copyOf(versionRows), steps, after);
    }

    private static List<Rev> concat(Rev[] a, Rev[] b) {
        List<Rev> all = new ArrayList<>(a.length + b.length);
        all.addAll(List.of(a));
        for (Rev rev : b) {
            if (!all.contains(rev)) {
                all.add(rev);
            }
        }
        return all;
    }

    // ---------------------------------------------------------------- the walks and targets of Revisions and Targets

    private static List<String> ids(Collection<Rev> list) {
        return Revisions.ids(list);
    }

    private Rev require(String id) {
        return revs.require(id);
    }

    private BitSet ancestors(Collection<Rev> start, boolean includeDependencies) {
        return revs.ancestors(start, includeDependencies);
    }

    private BitSet descendants(Collection<Rev> start, boolean includeDependencies) {
        return revs.descendants(start, includeDependencies);
    }

    private boolean sharesLineage(Rev rev, Rev other) {
        return revs.sharesLineage(rev, other);
    }

    private boolean sharesLineage(Rev rev, Rev other, boolean includeDependencies) {
        return revs.sharesLineage(rev, other, includeDependencies);
    }

    private List<Rev> order(BitSet set) {
        return revs.order(set);
    }

    private List<Rev> filterForLineage(Collection<Rev> candidates, String checkAgainst) {
        return targets.filterForLineage(candidates, checkAgainst);
    }

    private Rev resolveBranch(String branch) {
        return targets.resolveBranch(branch);
    }

    private List<Rev> getRevisions(String target) {
        return targets.getRevisions(target);
    }

    private Rev getRevision(String target) {
        return targets.getRevision(target);
    }

    private Step step(String target, Matcher relative, boolean upgrade) {
        return targets.step(target, relative, upgrade);
    }

    private Object walk(Object start, Step step, String branch) {
        return targets.walk(start, step, branch);
    }

    private static Matcher parse(String target) {
        return Targets.parse(target);
    }

    private static DivemapException beyond(String target, Step step) {
        return Targets.beyond(target, step);
    }
}
