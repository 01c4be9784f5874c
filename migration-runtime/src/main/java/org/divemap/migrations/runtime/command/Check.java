package org.divemap.migrations.runtime.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.graph.RevisionMap;
import org.divemap.migrations.runtime.history.HistoryEntry;

/**
 * {@code check}: whether the database is at head, whether any applied revision now renders other
 * SQL than when it was applied (its checksum is in the history table), and which revisions a run
 * left unrecorded or interrupted. Reads only; takes no lock.
 */
public final class Check {

    private final Context context;

    public Check(Context context) {
        this.context = context;
    }

    public CheckResult run() {
        RevisionMap map = context.map();
        return context.withConnection(connection -> {
            Dialect dialect = context.dialect(); // detected on this connection
            List<String> rows = context.versionTable().read(connection);
            List<String> pending = map.upgrade(rows, "heads").steps().stream().map(s -> s.revision().id()).toList();
            Map<String, String> applied = new HashMap<>();
            List<String> unrecorded = new ArrayList<>();
            List<String> interrupted = new ArrayList<>();
            for (HistoryEntry entry : context.historyTable().list(connection)) {
                switch (entry.state()) {
                    case DONE -> {
                        if (entry.direction().equals(HistoryEntry.UP) && entry.checksum() != null) {
                            applied.put(entry.revision(), entry.checksum());
                        }
                    }
                    case UNRECORDED -> unrecorded.add(entry.revision());
                    case RUNNING, LEFT_CHANGES -> interrupted.add(entry.revision());
                    case FAILED -> { }
                }
            }
            OfflineScript offline = new OfflineScript(context);
            List<String> changed = new ArrayList<>();
            List<String> unverifiable = new ArrayList<>();
            for (String id : map.applied(rows)) {
                String recorded = applied.get(id);
                Optional<String> now = offline.checksum(map.revision(id), dialect);
                if (now.isEmpty() || recorded == null) {
                    unverifiable.add(id);
                } else if (!recorded.equals(now.get())) {
                    changed.add(id);
                }
            }
            return new CheckResult(Context.sorted(rows), pending, changed, unverifiable, unrecorded, interrupted);
        });
    }
}
