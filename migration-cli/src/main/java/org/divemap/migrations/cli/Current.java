package org.divemap.migrations.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.divemap.migrations.runtime.CurrentResult;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.RevisionInfo;
import picocli.CommandLine.Command;

@Command(name = "current", mixinStandardHelpOptions = true, description = "Show the revisions the version table"
        + " lists.")
final class Current extends BaseCommand {

    @Override
    Map<String, Object> work(Divemap divemap, PrintWriter out) {
        CurrentResult current = divemap.current();
        if (current.versionRows().isEmpty()) {
            out.println("base (no revision applied)");
        }
        for (RevisionInfo info : current.revisions()) {
            out.println(info.id() + (info.head() ? " (head)" : ""));
        }
        current.unknownRevisions().forEach(id -> out.println(id + " (not in this build)"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("versionRows", current.versionRows());
        fields.put("unknownRevisions", current.unknownRevisions());
        fields.put("atHead", current.atHead());
        return fields;
    }
}
