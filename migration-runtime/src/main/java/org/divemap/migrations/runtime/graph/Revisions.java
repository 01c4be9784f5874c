package org.divemap.migrations.runtime.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.graph.RevisionGraph;

/**
 * The revisions of a {@link RevisionMap}, indexed by their ids in sorted order, with the links the
 * shared {@link RevisionGraph} resolved (parents, dependencies, children, labels, heads, bases), and
 * the walks over them that every command needs: ancestors, descendants, and the order that runs
 * parents and dependencies first.
 */
final class Revisions {

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

    final List<Rev> revisions;
    /** ids and branch labels, as Alembic's map: a label resolves to the revision that declares it. */
    final Map<String, Rev> byKey = new HashMap<>();
    final Map<String, Rev> byId = new HashMap<>();
    final List<Rev> heads;
    /** The heads that no revision depends on either. */
    final List<Rev> realHeads = new ArrayList<>();
    final List<Rev> bases;

    Revisions(List<RegisteredRevision> registered, RevisionGraph graph) {
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
            rev.parents = lookUp(graph.parents(rev.id));
            rev.dependencies = lookUp(graph.resolvedDependencies(rev.id));
            rev.children.addAll(List.of(lookUp(graph.children(rev.id))));
            for (Rev dependency : rev.dependencies) {
                dependency.dependents.add(rev);
            }
            rev.labels = graph.branchLabels(rev.id);
        }
        heads = List.of(lookUp(graph.heads()));
        bases = List.of(lookUp(graph.bases()));
        for (Rev head : heads) {
            if (head.dependents.isEmpty()) {
                realHeads.add(head);
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

    int size() {
        return revisions.size();
    }

    Rev require(String id) {
        Rev rev = byId.get(id);
        if (rev == null) {
            throw new IllegalArgumentException("no revision " + id);
        }
        return rev;
    }

    static List<String> ids(Collection<Rev> revs) {
        List<String> ids = new ArrayList<>(revs.size());
        for (Rev rev : revs) {
            ids.add(rev.id);
        }
        ids.sort(null);
        return ids;
    }

    // ---------------------------------------------------------------- ancestry

    BitSet ancestors(Collection<Rev> start, boolean includeDependencies) {
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

    BitSet descendants(Collection<Rev> start, boolean includeDependencies) {
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
    boolean sharesLineage(Rev rev, Rev other) {
        return sharesLineage(rev, other, false);
    }

    /** The same, through revises and, when asked, dependsOn edges. */
    boolean sharesLineage(Rev rev, Rev other, boolean includeDependencies) {
        return ancestors(List.of(rev), includeDependencies).get(other.index)
                || descendants(List.of(rev), includeDependencies).get(other.index);
    }

    /**
     * The revisions of {@code set} in an order that runs parents and dependencies first; among
     * revisions free to run, the smaller id first.
     */
    List<Rev> order(BitSet set) {
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

}
