package org.divemap.migrations.graph;

/**
 * The place a {@link GraphProblem} is about: one attribute value of one node's annotation.
 *
 * @param node the position of the node in the list given to {@link RevisionGraph#of}
 * @param attribute which attribute of the annotation
 * @param index the position within an array attribute, or {@code -1} for {@link Attribute#ID}
 */
public record Site(int node, Attribute attribute, int index) {

    /** The attributes of {@code @Revision} a problem can point at. */
    public enum Attribute {
        ID,
        REVISES,
        DEPENDS_ON,
        BRANCH_LABELS
    }

    static Site id(int node) {
        return new Site(node, Attribute.ID, -1);
    }
}
