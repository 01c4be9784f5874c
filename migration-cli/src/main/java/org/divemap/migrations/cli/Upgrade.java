package org.divemap.migrations.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "upgrade", mixinStandardHelpOptions = true, description = "Apply revisions up to a target"
        + " (head, heads, an id, +1, label@head).")
final class Upgrade extends MoveCommand {

    @Parameters(arity = "0..1", defaultValue = "head", paramLabel = "TARGET", description = "Default:"
            + " ${DEFAULT-VALUE}.")
    String target;

    @Override
    boolean upgrade() {
        return true;
    }

    @Override
    String target() {
        return target;
    }
}
