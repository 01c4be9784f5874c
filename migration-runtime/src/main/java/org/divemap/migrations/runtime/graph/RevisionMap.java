package org.divemap.migrations.runtime.graph;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.graph.GraphProblem;
import org.divemap.migrations.graph.Names;
import org.divemap.migrations.graph.RevisionGraph;
import org.divemap.migrations.graph.RevisionNode;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;

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

    /** {@code [label@][symbol](+|-)N}, anchored at both ends. */
    private static final Pattern RELATIVE = Pattern.compile("(?:([^@]+)@)?([^@+\\-]+)?([+\\-]\\d+)");

    static final String ACCEPTED_FORMS = "head, heads, base, a revision id or a unique prefix of one, a branch"
            + " label, <label>@head, <label>@heads, <label>@base, <label>@<revision>, +N, -N, <revision>+N,"
            + " <revision>-N, <label>@+N, <label>@-N";

    private final List<Rev> revisions;
    /** ids and branch labels, as Alembic's map: a label resolves to the revision that declares it. */
    private final Map<String, Rev> byKey = new HashMap<>();
    private final Map<String, Rev> byId = new HashMap<>();
    private final List<Rev> heads = new ArrayList<>();
    private final List<Rev> realHeads = new ArrayList<>();
    private final List<Rev> bases = new ArrayList<>();
    private final RevisionGraph graph;

    /** One revision with its edges, by index. */
    static final class Rev {
        final int index;
        final String id;
        final RegisteredRevision source;
        Rev[] parents = new Rev[0];
        Rev[] dependencies = new Rev[0];
        final List<Rev> children = new ArrayList<>(1);
        final List<Rev> dependents = new ArrayList<>(0);
        Set<String> labels = Set.of();

        Rev(int index, RegisteredRevision source) {
            this.index = index;
            this.id = source.id();
            this.source = source;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private RevisionMap(List<RegisteredRevision> registered, RevisionGraph graph) {
        this.graph = graph;
        List<RegisteredRevision> sorted = new ArrayList<>(registered);
        sorted.sort(Comparator.comparing(RegisteredRevision::id));
        revisions = new ArrayList<>(sorted.size());
        for (RegisteredRevision revision : sorted) {
            Rev rev = new Rev(revisions.size(), revision);
            revisions.add(rev);
            byId.put(rev.id, rev);
            byKey.put(rev.id, rev);
        }
        for (Rev rev : revisions) {
            for (String label : rev.source.branchLabels()) {
                byKey.putIfAbsent(label, rev);
            }
        }
        for (Rev rev : revisions) {
            rev.parents = lookUp(rev.source.revises());
            rev.dependencies = lookUp(graph.resolvedDependencies(rev.id));
            for (Rev parent : rev.parents) {
                parent.children.add(rev);
            }
            for (Rev dependency : rev.dependencies) {
                dependency.dependents.add(rev);
            }
            rev.labels = graph.branchLabels(rev.id);
        }
        for (Rev rev : revisions) {
            if (rev.children.isEmpty()) {
                heads.add(rev);
                if (rev.dependents.isEmpty()) {
                    realHeads.add(rev);
                }
            }
            if (rev.parents.length == 0) {
                bases.add(rev);
            }
        }
    }

    private Rev[] lookUp(List<String> ids) {
        Rev[] revs = new Rev[ids.size()];
        for (int i = 0; i < revs.length; i++) {
            revs[i] = byId.get(ids.get(i));
        }
        return revs;
    }

    /**
     * Builds the map of the given revisions, which may come from several registries. A graph the
     * processor would reject (an id declared twice across registries, two unlabeled heads, ...) is
     * refused with the same messages.
     */
    public static RevisionMap of(Collection<RegisteredRevision> registered) {
        List<RevisionNode> nodes = new ArrayList<>(registered.size());
        List<RegisteredRevision> ordered = new ArrayList<>(registered);
        ordered.sort(Comparator.comparing((RegisteredRevision r) -> r.migrationClass())
                .thenComparing(RegisteredRevision::id));
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

    /** The shared graph, for callers that need its queries. */
    public RevisionGraph graph() {
        return graph;
    }

    private Rev require(String id) {
        Rev rev = byId.get(id);
        if (rev == null) {
            throw new IllegalArgumentException("no revision " + id);
        }
        return rev;
    }

    private static List<String> ids(Collection<Rev> revs) {
        List<String> ids = new ArrayList<>(revs.size());
        for (Rev rev : revs) {
            ids.add(rev.id);
        }
        ids.sort(null);
        return ids;
    }

    // ---------------------------------------------------------------- ancestry

    private BitSet ancestors(Collection<Rev> start, boolean includeDependencies) {
        return reach(start, (rev, stack) -> {
            for (Rev parent : rev.parents) {
                stack.push(parent);
            }
            if (includeDependencies) {
                for (Rev dependency : rev.dependencies) {
                    stack.push(dependency);
                }
            }
        });
    }

    private BitSet descendants(Collection<Rev> start, boolean includeDependencies) {
        return reach(start, (rev, stack) -> {
            rev.children.forEach(stack::push);
            if (includeDependencies) {
                rev.dependents.forEach(stack::push);
            }
        });
    }

    /** {@code start} and every revision reached from it by the edges {@code next} pushes. */
    private BitSet reach(Collection<Rev> start, java.util.function.BiConsumer<Rev, Deque<Rev>> next) {
        BitSet seen = new BitSet(revisions.size());
        Deque<Rev> stack = new ArrayDeque<>(start);
        while (!stack.isEmpty()) {
            Rev rev = stack.pop();
            if (!seen.get(rev.index)) {
                seen.set(rev.index);
                next.accept(rev, stack);
            }
        }
        return seen;
    }

    /** Whether {@code other} is an ancestor-or-self or descendant-or-self of {@code rev} (revises only). */
    private boolean sharesLineage(Rev rev, Rev other) {
        return sharesLineage(rev, other, false);
    }

    /** The same, through revises and, when asked, dependsOn edges. */
    private boolean sharesLineage(Rev rev, Rev other, boolean includeDependencies) {
        return ancestors(List.of(rev), includeDependencies).get(other.index)
                || descendants(List.of(rev), includeDependencies).get(other.index);
    }

    private List<Rev> filterForLineage(Collection<Rev> targets, String checkAgainst) {
        List<Rev> against = new ArrayList<>();
        Resolved resolved = resolveNumber(checkAgainst);
        if (resolved.branch != null) {
            against.add(resolveBranch(resolved.branch));
        }
        for (String id : resolved.ids) {
            against.add(revisionForIdent(id, null));
        }
        if (against.isEmpty()) {
            return List.copyOf(targets);
        }
        List<Rev> kept = new ArrayList<>();
        for (Rev target : targets) {
            for (Rev other : against) {
                if (sharesLineage(target, other)) {
                    kept.add(target);
                    break;
                }
            }
        }
        return kept;
    }

    // ---------------------------------------------------------------- resolution

    /** An identifier split into its branch part and what it names. */
    private record Resolved(List<String> ids, String branch) {}

    private Resolved resolveNumber(String identifier) {
        String branch = null;
        String id = identifier;
        int at = identifier.indexOf('@');
        if (at >= 0) {
            branch = identifier.substring(0, at);
            id = identifier.substring(at + 1);
            if (branch.isEmpty()) {
                throw malformed(identifier);
            }
        }
        switch (id) {
            case "heads":
                return new Resolved(ids(branch != null ? filterForLineage(heads, branch) : realHeads), branch);
            case "head":
                Rev head = currentHead(branch);
                return new Resolved(head == null ? List.of() : List.of(head.id), branch);
            case "base":
            case "":
                return new Resolved(List.of(), branch);
            default:
                return new Resolved(List.of(id), branch);
        }
    }

    private Rev currentHead(String branch) {
        List<Rev> candidates = branch != null ? filterForLineage(heads, branch) : heads;
        if (candidates.size() > 1) {
            String argument = branch != null ? branch + "@head" : "head";
            throw new DivemapException(Kind.AMBIGUOUS_TARGET, "\"" + argument + "\" is ambiguous: there are "
                    + candidates.size() + " heads (" + String.join(", ", ids(candidates)) + "). Name one with"
                    + " <label>@head or its id, or use \"heads\" for all of them.");
        }
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    private Rev resolveBranch(String branch) {
        Rev rev = byKey.get(branch);
        if (rev != null) {
            return rev;
        }
        try {
            return revisionForIdent(branch, null);
        } catch (DivemapException e) {
            throw new DivemapException(Kind.UNKNOWN_REVISION, "No branch label or revision \"" + branch + "\" in"
                    + " this build." + suggestion(branch) + " Branch labels: " + labelList() + ".", e);
        }
    }

    private String labelList() {
        Set<String> labels = new TreeSet<>();
        for (Rev rev : revisions) {
            labels.addAll(rev.source.branchLabels());
        }
        return labels.isEmpty() ? "none" : String.join(", ", labels);
    }

    private Rev revisionForIdent(String id, String checkBranch) {
        Rev branchRev = checkBranch != null ? resolveBranch(checkBranch) : null;
        Rev rev = byKey.get(id);
        if (rev == null) {
            List<String> candidates = new ArrayList<>();
            for (String key : byKey.keySet()) {
                if (key.startsWith(id)) {
                    candidates.add(key);
                }
            }
            if (branchRev != null) {
                candidates.removeIf(key -> !sharesLineage(byKey.get(key), branchRev));
            }
            candidates.sort(null);
            if (candidates.isEmpty()) {
                throw new DivemapException(Kind.UNKNOWN_REVISION, "No revision or branch label \"" + id + "\" in this"
                        + " build." + suggestion(id) + " Run history to list the revisions.");
            }
            Set<Rev> distinct = new LinkedHashSet<>();
            candidates.forEach(key -> distinct.add(byKey.get(key)));
            if (distinct.size() > 1) {
                throw new DivemapException(Kind.AMBIGUOUS_TARGET, "\"" + id + "\" is the beginning of "
                        + candidates.size() + " revisions or labels: " + String.join(", ", candidates)
                        + ". Give more characters of the one you mean.");
            }
            rev = distinct.iterator().next();
        }
        if (branchRev != null && !sharesLineage(rev, branchRev)) {
            throw new DivemapException(Kind.INVALID_RANGE, "Revision " + rev.id + " is not on the line of history of"
                    + " \"" + checkBranch + "\" (" + branchRev.id + "). Drop the \"" + checkBranch + "@\" prefix or"
                    + " name a revision on that branch.");
        }
        return rev;
    }

    private String suggestion(String id) {
        String best = Names.closest(id, new TreeSet<>(byKey.keySet()));
        return best == null ? "" : " Did you mean \"" + best + "\"?";
    }

    /** The revisions a plain (non-relative) target names; empty for base. */
    private List<Rev> getRevisions(String target) {
        Resolved resolved = resolveNumber(target);
        List<Rev> revs = new ArrayList<>();
        for (String id : resolved.ids) {
            revs.add(revisionForIdent(id, resolved.branch));
        }
        if (resolved.branch != null && resolved.ids.isEmpty()) {
            resolveBranch(resolved.branch); // an unknown label is an error even where nothing is named
        }
        return revs;
    }

    private Rev getRevision(String target) {
        List<Rev> revs = getRevisions(target);
        if (revs.size() > 1) {
            throw new DivemapException(Kind.AMBIGUOUS_TARGET, "\"" + target + "\" names " + revs.size()
                    + " revisions (" + String.join(", ", ids(revs)) + ") where one is needed.");
        }
        return revs.isEmpty() ? null : revs.get(0);
    }

    private static DivemapException malformed(String target) {
        return new DivemapException(Kind.MALFORMED_TARGET, "\"" + target + "\" is not a revision target. Accepted"
                + " forms: " + ACCEPTED_FORMS + ".");
    }

    /** Rejects what Alembic would misread; returns the relative match, or null for a plain target. */
    private static Matcher parse(String target) {
        if (target == null || target.isBlank() || target.chars().anyMatch(Character::isWhitespace)) {
            throw malformed(String.valueOf(target));
        }
        Matcher relative = RELATIVE.matcher(target);
        if (relative.matches()) {
            String symbol = relative.group(2);
            if ("heads".equals(symbol)) {
                throw malformed(target);
            }
            return relative;
        }
        if (target.indexOf('+') >= 0 || target.indexOf(':') >= 0 || target.indexOf('-') >= 0
                || target.indexOf('@') != target.lastIndexOf('@') || target.startsWith("@") || target.endsWith("@")) {
            throw malformed(target);
        }
        return null;
    }

    // ---------------------------------------------------------------- walking

    /**
     * The step of a relative target, refusing what moves nothing or walks below base: a step of 0 from
     * the current revisions or from base, and any step down from base. Alembic refuses the first two
     * as well, but walks base-N down from the heads (its walk starts there when given no revision),
     * which is never what was meant.
     */
    private Step step(String target, Matcher relative, boolean upgrade) {
        String symbol = relative.group(2);
        String signed = relative.group(3);
        boolean down = signed.charAt(0) == '-';
        BigInteger count = new BigInteger(signed.substring(1));
        String prefix = relative.group(1) == null ? "" : relative.group(1) + "@";
        if ("base".equals(symbol) && down && count.signum() > 0) {
            throw new DivemapException(Kind.MALFORMED_TARGET, "\"" + target + "\" steps down from base, below which"
                    + " there is nothing. To go " + count + " revision" + (count.equals(BigInteger.ONE) ? "" : "s")
                    + " up from base, write " + prefix + "base+" + count + "; to go " + count + " down from the head,"
                    + " write " + prefix + "head-" + count + ". Nothing was changed.");
        }
        if (count.signum() == 0 && symbol == null) {
            throw new DivemapException(Kind.MALFORMED_TARGET, "\"" + target + "\" moves nothing. Give a number of"
                    + " steps other than 0, such as " + prefix + (upgrade ? "+1" : "-1") + ", or name the revision to"
                    + " go to. Nothing was changed.");
        }
        if (count.signum() == 0 && symbol.equals("base")) {
            throw new DivemapException(Kind.MALFORMED_TARGET, "\"" + target + "\" moves nothing from base. Write "
                    + prefix + "base to mean base, or give a number of steps other than 0, such as " + prefix
                    + "base+1. Nothing was changed.");
        }
        // a walk longer than the graph runs off it, whatever its length: count no further
        int limit = revisions.size() + 2;
        int steps = count.compareTo(BigInteger.valueOf(limit)) > 0 ? limit : count.intValueExact();
        return new Step(down ? -steps : steps, count.toString());
    }

    /**
     * A relative step: {@code steps} signed (up positive), at most a little more than the graph can
     * walk; {@code count} the number of steps as written, for messages.
     */
    private record Step(int steps, String count) {}

    /** Alembic's walk: {@code steps} up (children) or down (parents); null when it runs off the graph. */
    private Object walk(Object start, Step step, String branch) {
        int steps = step.steps();
        Object current = start; // a Rev, null (before the bases) or BASE (below them)
        for (int i = 0; i < Math.abs(steps); i++) {
            List<Object> next = new ArrayList<>();
            if (steps > 0) {
                List<Rev> up = current == null ? bases : ((Rev) current).children;
                if (current == BASE) {
                    up = bases;
                }
                next.addAll(branch != null ? filterForLineage(up, branch) : up);
            } else {
                if (current != BASE) {
                    List<Rev> down = current == null ? heads : List.of(((Rev) current).parents);
                    next.addAll(down);
                    if (next.isEmpty()) {
                        next.add(BASE);
                    }
                }
            }
            if (next.isEmpty()) {
                return null;
            }
            if (next.size() > 1) {
                throw new DivemapException(Kind.AMBIGUOUS_TARGET, "Cannot take " + step.count() + " step"
                        + (step.count().equals("1") ? "" : "s") + (steps > 0 ? " up" : " down") + " from "
                        + (current == null ? "base" : current) + ": the history branches there into "
                        + next.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                        + ". Name the revision to go to instead"
                        + (steps < 0 && current != null
                                ? "; to remove only " + current + ", downgrade " + current + "@"
                                        + next.stream().map(String::valueOf).sorted().findFirst().orElseThrow()
                                        + ", which leaves both lines applied."
                                : ", or a line with a label of its own (<label>@+" + step.count() + ")."));
            }
            current = next.get(0);
        }
        return current;
    }

    private static final Object BASE = new Object() {
        @Override
        public String toString() {
            return "base";
        }
    };

    private static DivemapException beyond(String target, Step step) {
        boolean up = step.steps() > 0;
        return new DivemapException(Kind.INVALID_RANGE, "\"" + target + "\" goes " + step.count() + " step"
                + (step.count().equals("1") ? "" : "s") + (up ? " up" : " down") + ", beyond the "
                + (up ? "heads" : "base") + " of the history. Nothing was changed.");
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
        return rev == BASE ? List.of() : List.of((Rev) rev);
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
            targetRev = rev == null ? BASE : rev;
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
        if (targetRev == BASE) {
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
        if (targetRev != BASE && drop.isEmpty() && !current.contains((Rev) targetRev)) {
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

    /**
     * The revisions of {@code set} in an order that runs parents and dependencies first; among
     * revisions free to run, the smaller id first.
     */
    private List<Rev> order(BitSet set) {
        int[] pending = new int[revisions.size()];
        PriorityQueue<Rev> ready = new PriorityQueue<>(Comparator.comparingInt(r -> r.index));
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            Rev rev = revisions.get(i);
            for (Rev parent : rev.parents) {
                if (set.get(parent.index)) {
                    pending[i]++;
                }
            }
            for (Rev dependency : rev.dependencies) {
                if (set.get(dependency.index)) {
                    pending[i]++;
                }
            }
            if (pending[i] == 0) {
                ready.add(rev);
            }
        }
        List<Rev> order = new ArrayList<>(set.cardinality());
        while (!ready.isEmpty()) {
            Rev rev = ready.poll();
            order.add(rev);
            for (Rev child : rev.children) {
                if (set.get(child.index) && --pending[child.index] == 0) {
                    ready.add(child);
                }
            }
            for (Rev dependent : rev.dependents) {
                if (set.get(dependent.index) && --pending[dependent.index] == 0) {
                    ready.add(dependent);
                }
            }
        }
        return order;
    }

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
}
