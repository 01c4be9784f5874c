package org.divemap.migrations.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.autogenerate.Autogenerate;
import org.divemap.migrations.autogenerate.EntityModel;
import org.divemap.migrations.autogenerate.GeneratedRevision;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "revision", mixinStandardHelpOptions = true, description = "Write a new migration revising the"
        + " head, as alembic revision. With --autogenerate it holds the operations that bring the schema at head to"
        + " the application's JPA entities (docs/autogenerate.md); when nothing differs, no file is written.")
final class Revision extends BaseCommand {

    @Option(names = {"-m", "--message"}, required = true, description = "What the revision does; also its id's slug"
            + " and its class name.")
    String message;

    @Option(names = "--autogenerate", description = "Fill the revision from the JPA entities: compare them with the"
            + " database, which must be at head (or --scratch).")
    boolean autogenerate;

    @Option(names = "--scratch", description = "With --autogenerate: compare with a scratch schema on the same server,"
            + " where the history is applied and which is dropped afterwards, instead of the database itself.")
    boolean scratch;

    @Option(names = "--package-name", paramLabel = "PACKAGE", description = "Package of the new class; default: the"
            + " package of the existing migrations.")
    String packageName;

    @Option(names = "--rev-id", paramLabel = "ID", description = "The id to use instead of a fresh one.")
    String revisionId;

    @Option(names = "--branch", paramLabel = "LABEL", description = "Continue this branch label's head instead of"
            + " the single head.")
    String branch;

    @Option(names = "--source-dir", paramLabel = "DIR", defaultValue = "src/main/java", description = "Where the"
            + " source goes (default src/main/java).")
    Path sourceDir;

    @Option(names = "--entity-package", paramLabel = "PACKAGE", description = "With --autogenerate: only the"
            + " entities in this package (repeatable); default: every @Entity in the --classpath entries.")
    List<String> entityPackages = new ArrayList<>();

    @Option(names = "--persistence-xml", paramLabel = "RESOURCE", description = "With --autogenerate: take the"
            + " entity classes this persistence.xml lists (a resource name, e.g. META-INF/persistence.xml).")
    String persistenceXml;

    @Option(names = "--naming", defaultValue = "spring", description = "With --autogenerate: spring (default:"
            + " snake_case, as Spring Boot), jpa, or a Hibernate PhysicalNamingStrategy class name.")
    String naming;

    @Option(names = "--exclude-table", paramLabel = "REGEX", description = "With --autogenerate: never compare the"
            + " tables whose whole name matches (repeatable, ignoring case).")
    List<String> excludeTables = new ArrayList<>();

    @Option(names = "--compare-server-defaults", description = "With --autogenerate: compare server defaults"
            + " (@ColumnDefault) too.")
    boolean compareServerDefaults;

    private ClassLoader loader;

    @Override
    ConfigurationResolver.Connect connect() {
        return autogenerate ? ConfigurationResolver.Connect.ALWAYS : ConfigurationResolver.Connect.NEVER;
    }

    @Override
    void configure(Configuration configuration, ClassLoader loader) {
        this.loader = loader;
        // a project with no migration yet gets its first one
        if (!ServiceLoader.load(RevisionRegistry.class, loader).iterator().hasNext()) {
            configuration.registries(List::of);
        }
    }

    @Override
    Map<String, Object> work(Divemap divemap, PrintWriter out) {
        Autogenerate.RevisionRequest request = Autogenerate.RevisionRequest.of(message).packageName(packageName)
                .revisionId(revisionId).branch(branch).scratch(scratch);
        Map<String, Object> fields = new LinkedHashMap<>();
        Optional<GeneratedRevision> revision = autogenerate ? Autogenerate.of(entityModel()).revision(divemap, request)
                : Optional.of(Autogenerate.blankRevision(divemap, request));
        if (revision.isEmpty()) {
            out.println("No changes detected: the entities map to the schema at head.");
            fields.put("written", null);
            fields.put("changes", List.of());
            return fields;
        }
        GeneratedRevision generated = revision.get();
        try {
            Path path = generated.write(sourceDir);
            out.println("Wrote " + path + ": revision " + generated.id() + (generated.revises().isEmpty() ? " (a base)"
                    : " revising " + String.join(", ", generated.revises())));
            generated.changes().forEach(change -> out.println("  " + change));
            fields.put("written", path.toString());
            fields.put("revision", generated.id());
            fields.put("revises", generated.revises());
            fields.put("changes", generated.changes());
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the revision: " + e.getMessage(), e);
        }
    }

    private EntityModel entityModel() {
        EntityModel model = EntityModel.of(loader).naming(naming).compareServerDefaults(compareServerDefaults)
                .classRoots(common.classPath());
        if (!entityPackages.isEmpty()) {
            model = model.packages(entityPackages.toArray(String[]::new));
        }
        if (persistenceXml != null) {
            model = model.persistenceXml(persistenceXml);
        }
        if (!excludeTables.isEmpty()) {
            model = model.excludeTables(excludeTables.toArray(String[]::new));
        }
        return model;
    }
}
