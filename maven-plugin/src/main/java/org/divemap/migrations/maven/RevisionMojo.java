package org.divemap.migrations.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.autogenerate.Autogenerate;
import org.divemap.migrations.autogenerate.GeneratedRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver;

/**
 * Writes a new migration into {@code src/main/java}, revising the current head (or the head of a
 * branch label), as {@code alembic revision -m}. Run it after {@code compile}: it reads the graph
 * from the compiled registry. Never overwrites a file. With {@code -Ddivemap.autogenerate}, the
 * revision holds the operations that bring the schema at head to the project's JPA entities.
 */
@Mojo(name = "revision", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public final class RevisionMojo extends AbstractWriteMojo {

    /** What the revision does; also its id's slug and its class name. Required. @since 0.1.0 */
    @Parameter(property = "divemap.message")
    private String message;

    /** Put the revision on this branch label's head instead of the single head. @since 0.1.0 */
    @Parameter(property = "divemap.branch")
    private String branch;

    /**
     * Fill the revision from the project's JPA entities: compare them with the schema at head and
     * write the operations that bring the schema to them, as {@code alembic revision --autogenerate}.
     * Needs the database (at head), or {@code divemap.autogenerate.scratch}. Run {@code compile} first.
     * See docs/autogenerate.md. @since 0.1.0
     */
    @Parameter(property = "divemap.autogenerate", defaultValue = "false")
    private boolean autogenerate;

    /**
     * With autogenerate: compare with a scratch schema on the same server instead of the configured
     * database, which then need not be at head: the history is applied there, and the scratch schema
     * is dropped afterwards. @since 0.1.0
     */
    @Parameter(property = "divemap.autogenerate.scratch", defaultValue = "false")
    private boolean scratch;

    @Override
    ConfigurationResolver.Connect connect() {
        return autogenerate ? ConfigurationResolver.Connect.ALWAYS : ConfigurationResolver.Connect.NEVER;
    }

    @Override
    void checkParameters() throws MojoFailureException {
        if (message == null || message.isBlank()) {
            throw new MojoFailureException("divemap:revision needs a message: give -Ddivemap.message=\"Add ratings\""
                    + " (it also names the new class and its id).");
        }
    }

    @Override
    void run(Divemap divemap) throws MojoFailureException {
        if (autogenerate) {
            autogenerate(divemap);
            return;
        }
        List<String> heads = branch != null ? divemap.revisionMap().resolve(branch + "@heads")
                : divemap.revisionMap().heads();
        if (heads.size() > 1) {
            throw new MojoFailureException("There are " + heads.size() + " heads (" + String.join(", ", heads)
                    + "). Say which line the revision continues with -Ddivemap.branch=<label>, or join them first with"
                    + " divemap:merge.");
        }
        write(divemap, heads, message);
    }

    private void autogenerate(Divemap divemap) throws MojoFailureException {
        Optional<GeneratedRevision> revision = Autogenerate.of(entityModel()).revision(divemap,
                Autogenerate.RevisionRequest.of(message).packageName(packageName).revisionId(revisionId)
                        .branch(branch).scratch(scratch));
        if (revision.isEmpty()) {
            getLog().info("No changes detected: the entities map to the schema at head.");
            return;
        }
        GeneratedRevision generated = revision.get();
        try {
            Path path = generated.write(sourceDirectory.toPath());
            getLog().info("Wrote " + path + ": revision " + generated.id() + (generated.revises().isEmpty()
                    ? " (a base)" : " revising " + String.join(", ", generated.revises())) + ", "
                    + generated.changes().size() + " change" + (generated.changes().size() == 1 ? "" : "s") + ":");
            generated.changes().forEach(change -> change.lines().forEach(line -> getLog().info("  " + line)));
            getLog().info("Review it (docs/autogenerate.md), then run mvn compile divemap:upgrade.");
        } catch (IOException e) {
            throw new MojoFailureException("Could not write the revision: " + e.getMessage(), e);
        }
    }
}
