package org.divemap.migrations.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.RevisionInfo;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver;
import org.divemap.migrations.runtime.frontend.Texts;
import picocli.CommandLine.Command;

@Command(name = "branches", mixinStandardHelpOptions = true, description = "Show the branch points: revisions that two or"
        + " more revisions revise.")
final class Branches extends BaseCommand {

    @Override
    ConfigurationResolver.Connect connect() {
        return ConfigurationResolver.Connect.NEVER;
    }

    @Override
    Map<String, Object> work(Divemap divemap, PrintWriter out) {
        List<RevisionInfo> branches = divemap.branches();
        if (branches.isEmpty()) {
            out.println(Texts.noBranchPoints(divemap.revisionMap().revisions().size()));
        }
        return Map.of("revisions", Fields.revisions(branches, out, false));
    }
}
