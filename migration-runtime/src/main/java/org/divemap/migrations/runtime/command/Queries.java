package org.divemap.migrations.runtime.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.divemap.migrations.runtime.CurrentResult;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.RevisionInfo;
import org.divemap.migrations.runtime.graph.RevisionMap;
import org.divemap.migrations.runtime.history.HistoryEntry;

/** The commands that only read: {@code heads}, {@code branches}, {@code show}, {@code history}, {@code current}. */
public final class Queries {

    private final Context context;
    private final RevisionMap map;

    public Queries(Context context) {
        this.context = context;
        this.map = context.map();
    }

    /** As {@code alembic heads}; no database needed. */
    public List<RevisionInfo> heads() {
        return context.infos(map.heads(), Set.of());
    }

    /** As {@code alembic branches}; no database needed. */
    public List<RevisionInfo> branches() {
        return context.infos(map.branchPoints(), Set.of());
    }

    /** As {@code alembic show}; no database needed. */
    public List<RevisionInfo> show(String revision) {
        return context.infos(map.resolve(revision), Set.of());
    }

    /**
     * The revisions of a range {@code lower:upper}, newest first, as {@code alembic history -r}; the
     * current ones marked when a database is configured.
     */
    public List<RevisionInfo> history(String range) {
        String lower = "";
        String upper = "";
        if (range != null && !range.isBlank()) {
            int colon = range.indexOf(':');
            if (colon < 0) {
                throw new DivemapException(Kind.MALFORMED_TARGET, "\"" + range + "\" is not a range. Write"
                        + " LOWER:UPPER, for example base:head, 0003_add_country: or :head.");
            }
            lower = range.substring(0, colon);
            upper = range.substring(colon + 1);
        }
        List<String> ids = map.range(lower, upper);
        return context.infos(ids, context.hasDatabase() ? new HashSet<>(context.versionRows()) : Set.of());
    }

    /** What the version table lists, as {@code alembic current}. */
    public CurrentResult current() {
        List<String> rows = context.versionRows();
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String row : rows) {
            (map.revision(row) != null ? known : unknown).add(row);
        }
        boolean atHead = unknown.isEmpty() && map.upgrade(rows, "heads").steps().isEmpty();
        return new CurrentResult(context.infos(known, new HashSet<>(rows)), unknown, map.heads(), atHead);
    }

    /** The history table's rows, oldest first; empty when the table does not exist yet. */
    public List<HistoryEntry> runs() {
        return context.withConnection(connection -> context.historyTable().list(connection));
    }
}
