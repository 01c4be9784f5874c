package org.divemap.migrations.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true, description = "List revisions, newest first.")
final class History extends BaseCommand {

    @Parameters(arity = "0..1", defaultValue = "base:heads", paramLabel = "RANGE", description = "LOWER:UPPER; default"
            + " ${DEFAULT-VALUE}.")
    String range;

    /** Without a database it lists the graph alone, as alembic history does offline. */
    @Override
    ConfigurationResolver.Connect connect() {
        return ConfigurationResolver.Connect.IF_CONFIGURED;
    }

    @Override
    Map<String, Object> work(Divemap divemap, PrintWriter out) {
        return Map.of("revisions", Fields.revisions(divemap.history(range), out, common.verbose));
    }
}
