package org.divemap.migrations.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.divemap.migrations.runtime.Divemap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stamp", mixinStandardHelpOptions = true, description = "Write revisions into the version table"
        + " without running migrations.")
final class Stamp extends BaseCommand {

    @Parameters(arity = "1..*", paramLabel = "TARGET")
    List<String> targets;

    @Option(names = "--purge", description = "Empty the version table first.")
    boolean purge;

    @Override
    Map<String, Object> work(Divemap divemap, PrintWriter out) {
        return Fields.migration(divemap.stamp(purge, targets.toArray(String[]::new)), out);
    }
}
