package org.divemap.migrations.processor;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import org.divemap.migrations.graph.RevisionNode;
import org.divemap.migrations.graph.Site;

/**
 * One {@code @Revision} class as the processor found it: the attribute values, and the elements and
 * annotation values that messages are pinned to.
 *
 * @param type the annotated class
 * @param mirror the {@code @Revision} annotation
 * @param id the id as written
 * @param idValue the annotation value of {@code id}
 * @param revises, branchLabels, dependsOn the array attributes as written
 * @param revisesValues, branchLabelValues, dependsOnValues their annotation values, one per entry
 * @param message the message, empty when not given
 * @param irreversible the {@code @Irreversible} annotation, or null
 * @param irreversibleReason its reason, or null
 * @param sourceDigest the digest of its source file ({@link SourceDigest}), or null where the
 *     compiler gives no sources
 */
public record AnnotatedRevision(
        TypeElement type,
        AnnotationMirror mirror,
        String id,
        AnnotationValue idValue,
        List<String> revises,
        List<AnnotationValue> revisesValues,
        List<String> branchLabels,
        List<AnnotationValue> branchLabelValues,
        List<String> dependsOn,
        List<AnnotationValue> dependsOnValues,
        String message,
        AnnotationMirror irreversible,
        String irreversibleReason,
        String sourceDigest) {

    /** The source file of the class, as users see it: {@code AddPhotos.java}. */
    public String fileName() {
        javax.lang.model.element.Element outer = type;
        while (outer.getEnclosingElement() instanceof TypeElement enclosing) {
            outer = enclosing;
        }
        return outer.getSimpleName() + ".java";
    }

    /** The graph rules' view of this revision. */
    public RevisionNode node() {
        return new RevisionNode(id, revises, dependsOn, branchLabels, fileName());
    }

    /** The annotation value a graph problem points at; null when it points at no single value. */
    public AnnotationValue valueAt(Site site) {
        return switch (site.attribute()) {
            case ID -> idValue;
            case REVISES -> revisesValues.get(site.index());
            case DEPENDS_ON -> dependsOnValues.get(site.index());
            case BRANCH_LABELS -> branchLabelValues.get(site.index());
        };
    }
}
