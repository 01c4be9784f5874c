package org.divemap.migrations.graph;

import java.util.List;
import java.util.Objects;

/**
 * One revision as the graph rules see it: the attributes of its {@code @Revision} annotation as
 * written, before any checking, and where it comes from.
 *
 * @param id the revision id as written (may be invalid: {@link RevisionGraph} reports that)
 * @param revises the parent ids as written
 * @param dependsOn the ids or branch labels this revision depends on, as written
 * @param branchLabels the labels declared on this revision
 * @param origin where the revision is declared, for messages: a source file or class name
 */
public record RevisionNode(
        String id, List<String> revises, List<String> dependsOn, List<String> branchLabels, String origin) {

    public RevisionNode {
        Objects.requireNonNull(id, "id");
        revises = List.copyOf(revises);
        dependsOn = List.copyOf(dependsOn);
        branchLabels = List.copyOf(branchLabels);
        Objects.requireNonNull(origin, "origin");
    }

    /** A node with no dependencies and no labels; convenient for small literal graphs. */
    public static RevisionNode of(String id, String... revises) {
        return new RevisionNode(id, List.of(revises), List.of(), List.of(), id);
    }

    /** A copy of this node with the given branch labels. */
    public RevisionNode withBranchLabels(String... labels) {
        return new RevisionNode(id, revises, dependsOn, List.of(labels), origin);
    }

    /** A copy of this node with the given dependencies. */
    public RevisionNode withDependsOn(String... dependencies) {
        return new RevisionNode(id, revises, List.of(dependencies), branchLabels, origin);
    }

    /** A copy of this node with another origin. */
    public RevisionNode withOrigin(String newOrigin) {
        return new RevisionNode(id, revises, dependsOn, branchLabels, newOrigin);
    }
}
