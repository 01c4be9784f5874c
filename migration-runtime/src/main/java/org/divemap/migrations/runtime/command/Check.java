package org.divemap.migrations.runtime.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.ModelComparison;
import org.divemap.migrations.runtime.SchemaAtHead;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.graph.RevisionMap;
import org.divemap.migrations.runtime.history.HistoryEntry;

/**
 * {@code check}: whether the database is at head, whether any applied revision now renders other
 * SQL than when it was applied (its checksum is in the history table), and which revisions a run
 * left unrecorded or interrupted; at head, also where the application's model (its entities) and the
 * schema disagree ({@link ModelComparison}). Reads only; takes no lock.
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
            List<HistoryEntry> history = context.historyTable().list(connection);
            List<String> unrecorded = new ArrayList<>();
            List<String> interrupted = new ArrayList<>();
            for (HistoryEntry entry : history) {
                switch (entry.state()) {
                    case UNRECORDED -> unrecorded.add(entry.revision());
                    case RUNNING, LEFT_CHANGES -> interrupted.add(entry.revision());
                    case DONE, FAILED -> { }
                }
            }
            Map<String, HistoryEntry> ran = lastRuns(history);
            OfflineScript offline = new OfflineScript(context);
            List<String> changed = new ArrayList<>();
            List<String> unverifiable = new ArrayList<>();
            for (String id : map.applied(rows)) {
                switch (verify(map.revision(id), ran.get(id), offline, dialect)) {
                    case CHANGED -> changed.add(id);
                    case UNVERIFIABLE -> unverifiable.add(id);
                    case UNCHANGED -> { }
                }
            }
            List<String> differences = new ArrayList<>();
            if (pending.isEmpty()) {
                SchemaAtHead schema = new AtHead(context).schemaAtHead(connection, null, Context.sorted(rows));
                for (ModelComparison comparison : context.comparisons()) {
                    comparison.differences(schema, context.classLoader()).ifPresent(differences::addAll);
                }
            }
            return new CheckResult(Context.sorted(rows), pending, changed, unverifiable, unrecorded, interrupted,
                    differences);
        });
    }

    /**
     * The revisions of {@code applied} whose source digest differs from the one their run recorded:
     * what {@code upgrade} validates before it runs anything. Only digests are compared here, so an
     * upgrade runs no migration code to validate (rendering older rows' SQL is {@code check}'s).
     */
    static List<String> changed(Context context, List<HistoryEntry> history, List<String> applied) {
        Map<String, HistoryEntry> ran = lastRuns(history);
        List<String> changed = new ArrayList<>();
        for (String id : applied) {
            String digest = context.map().revision(id).sourceDigest();
            HistoryEntry run = ran.get(id);
            if (digest != null && run != null && run.sourceChecksum() != null && !digest.equals(run.sourceChecksum())) {
                changed.add(id);
            }
        }
        return changed;
    }

    /** The row of each revision's last successful upgrade. */
    private static Map<String, HistoryEntry> lastRuns(List<HistoryEntry> history) {
        Map<String, HistoryEntry> runs = new HashMap<>();
        for (HistoryEntry entry : history) {
            if (entry.state() == HistoryEntry.State.DONE && entry.direction().equals(HistoryEntry.UP)) {
                runs.put(entry.revision(), entry);
            }
        }
        return runs;
    }

    /** What comparing an applied revision with the row that recorded its run found. */
    enum Verdict { UNCHANGED, CHANGED, UNVERIFIABLE }

    /**
     * Compares {@code revision} with {@code recorded}, the history row of its last successful upgrade
     * (null when there is none: stamped, or applied by another tool). The digest of its source decides
     * when both the build and the row have one: it changes exactly when the migration's code changes,
     * whatever the migration renders. Otherwise the SQL it renders offline is compared with the
     * checksum of the SQL it ran; a migration that needs the live database to render cannot be
     * verified that way.
     */
    static Verdict verify(RegisteredRevision revision, HistoryEntry recorded, OfflineScript offline, Dialect dialect) {
        if (recorded == null) {
            return Verdict.UNVERIFIABLE;
        }
        if (revision.sourceDigest() != null && recorded.sourceChecksum() != null) {
            return revision.sourceDigest().equals(recorded.sourceChecksum()) ? Verdict.UNCHANGED : Verdict.CHANGED;
        }
        if (recorded.checksum() == null) {
            return Verdict.UNVERIFIABLE;
        }
        Optional<String> now = offline.checksum(revision, dialect);
        if (now.isEmpty()) {
            return Verdict.UNVERIFIABLE;
        }
        return now.get().equals(recorded.checksum()) || EarlierQuoting.matches(recorded.checksum(), dialect,
                d -> offline.checksum(revision, d).orElse(null)) ? Verdict.UNCHANGED : Verdict.CHANGED;
    }
}
