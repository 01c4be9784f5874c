package org.divemap.migrations.runtime;

import java.util.List;

/**
 * What the version table says, as {@code alembic current}.
 *
 * @param revisions the revisions it lists that this build knows, sorted by id
 * @param unknownRevisions the ids it lists that this build does not contain (deploy a build that has
 *     them, or repair the table with {@code stamp} and purge)
 * @param heads the heads of this build's graph
 * @param atHead whether every head of this build is applied (an {@code upgrade heads} would run
 *     nothing)
 */
public record CurrentResult(List<RevisionInfo> revisions, List<String> unknownRevisions, List<String> heads,
        boolean atHead) {

    public CurrentResult {
        revisions = List.copyOf(revisions);
        unknownRevisions = List.copyOf(unknownRevisions);
        heads = List.copyOf(heads);
    }

    /** The version-table rows, sorted. */
    public List<String> versionRows() {
        return java.util.stream.Stream.concat(revisions.stream().map(RevisionInfo::id), unknownRevisions.stream())
                .sorted().toList();
    }
}
