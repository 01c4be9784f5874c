package org.divemap.migrations.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver;
import picocli.CommandLine.Command;

@Command(name = "branches", mixinStandardHelpOptions = true, description = "Show the branch points.")
final class Branches extends BaseCommand {

    @Override
    ConfigurationResolver.Connect connect() {
        return ConfigurationResolver.Connect.NEVER;
    }

    @Override
    Map<String, Object> work(Divemap divemap, PrintWriter out) {
        return Map.of("revisions", Fields.revisions(divemap.branches(), out, false));
    }
}
