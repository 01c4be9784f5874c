package org.divemap.migrations.processor.validation;

import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.graph.GraphProblem;
import org.divemap.migrations.graph.RevisionGraph;
import org.divemap.migrations.graph.RevisionNode;
import org.divemap.migrations.graph.Site;
import org.divemap.migrations.processor.AnnotatedRevision;
import org.divemap.migrations.processor.Diagnostics;

/**
 * Runs the shared graph rules over the revisions of this compilation and reports each problem on
 * the annotation value it is about.
 */
public final class GraphValidator {

    private final Diagnostics diagnostics;

    public GraphValidator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * Validates the graph of {@code revisions}, which must be in a stable order (the processor sorts
     * them by class name). Returns the graph.
     */
    public RevisionGraph validate(List<AnnotatedRevision> revisions) {
        List<RevisionNode> nodes = new ArrayList<>(revisions.size());
        for (AnnotatedRevision revision : revisions) {
            nodes.add(revision.node());
        }
        RevisionGraph graph = RevisionGraph.of(nodes);
        for (GraphProblem problem : graph.problems()) {
            AnnotatedRevision at = revisions.get(problem.site().node());
            if (problem.isError()) {
                diagnostics.error(problem.message(), at.type(), at.mirror(), at.valueAt(problem.site()));
            } else {
                diagnostics.warning(problem.message(), at.type(), at.mirror(), at.valueAt(problem.site()));
            }
            for (GraphProblem.Note note : problem.notes()) {
                Site site = note.site();
                AnnotatedRevision other = revisions.get(site.node());
                diagnostics.note(note.message(), other.type(), other.mirror(), other.valueAt(site));
            }
        }
        return graph;
    }
}
