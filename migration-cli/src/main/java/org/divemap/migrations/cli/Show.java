package org.divemap.migrations.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Describe the revisions a target names.")
final class Show extends BaseCommand {

    @Parameters(arity = "0..1", defaultValue = "heads", paramLabel = "REVISION")
    String revision;

    @Override
    ConfigurationResolver.Connect connect() {
        return ConfigurationResolver.Connect.NEVER;
    }

    @Override
    Map<String, Object> work(Divemap divemap, PrintWriter out) {
        return Map.of("revisions", Fields.revisions(divemap.show(revision), out, true));
    }
}
