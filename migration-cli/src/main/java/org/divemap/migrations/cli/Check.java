package org.divemap.migrations.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Divemap;
import picocli.CommandLine.Command;

@Command(name = "check", mixinStandardHelpOptions = true, description = "Exit 4 unless the database is at head,"
        + " no applied revision changed since it ran, no batched run left revisions unrecorded, and no run was"
        + " interrupted inside a revision; and, as alembic check, unless the application's JPA entities map to"
        + " the schema at head (with migration-autogenerate, looked for beside the migrations).")
final class Check extends BaseCommand {

    private boolean ok;

    @Override
    Map<String, Object> work(Divemap divemap, PrintWriter out) {
        CheckResult check = divemap.check();
        ok = check.ok();
        if (TEXTS.unverifiable(check) != null) {
            out.println(TEXTS.unverifiable(check));
        }
        out.println(TEXTS.check(check));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("versionRows", check.versionRows());
        fields.put("pending", check.pending());
        fields.put("changed", check.changed());
        fields.put("unverifiable", check.unverifiable());
        fields.put("unrecorded", check.unrecorded());
        fields.put("interrupted", check.interrupted());
        fields.put("modelDifferences", check.modelDifferences());
        return fields;
    }

    @Override
    int exitCode() {
        return ok ? 0 : DivemapCli.CHECK_FAILED;
    }
}
