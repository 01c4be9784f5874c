package org.divemap.migrations.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.divemap.migrations.runtime.MigrationResult;
import org.divemap.migrations.runtime.RevisionInfo;

/** The JSON fields of the results that several commands share, with their text printed on the way. */
final class Fields {

    private Fields() {}

    /** An upgrade's, a downgrade's or a stamp's: the target, the version rows before and after, the steps. */
    static Map<String, Object> migration(MigrationResult result, PrintWriter out) {
        out.println(BaseCommand.TEXTS.result(result));
        List<Object> steps = new ArrayList<>();
        for (MigrationResult.Step step : result.steps()) {
            steps.add(Map.of("revision", step.revision(), "direction", step.upgrade() ? "up" : "down", "millis",
                    step.duration().toMillis()));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("target", result.target());
        fields.put("versionBefore", result.versionBefore());
        fields.put("steps", steps);
        fields.put("versionAfter", result.versionAfter());
        return fields;
    }

    /** A list of revisions, one line each ({@code verbose}: with its class). */
    static List<Object> revisions(List<RevisionInfo> revisions, PrintWriter out, boolean verbose) {
        List<Object> list = new ArrayList<>();
        for (RevisionInfo info : revisions) {
            out.println(info.describe());
            if (verbose) {
                out.println("    " + info.migrationClass() + (info.reversible() ? "" : ", irreversible"));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", info.id());
            fields.put("revises", info.revises());
            fields.put("dependsOn", info.dependsOn());
            fields.put("branchLabels", new ArrayList<>(new TreeSet<>(info.branchLabels())));
            fields.put("message", info.message());
            fields.put("class", info.migrationClass());
            fields.put("head", info.head());
            fields.put("current", info.current());
            fields.put("reversible", info.reversible());
            list.add(fields);
        }
        return list;
    }
}
