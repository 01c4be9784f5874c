package org.divemap.migrations.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "downgrade", mixinStandardHelpOptions = true, description = "Revert revisions down to a target"
        + " (-1, base, an id, label@-1, label@base).")
final class Downgrade extends MoveCommand {

    @Parameters(paramLabel = "TARGET")
    String target;

    @Override
    boolean upgrade() {
        return false;
    }

    @Override
    String target() {
        return target;
    }
}
