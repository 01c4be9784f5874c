package org.divemap.migrations.maven;

import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.runtime.Divemap;

/**
 * Writes a new migration into {@code src/main/java}, revising the current head (or the head of a
 * branch label), as {@code alembic revision -m}. Run it after {@code compile}: it reads the graph
 * from the compiled registry. Never overwrites a file.
 */
@Mojo(name = "revision", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class RevisionMojo extends AbstractWriteMojo {

    /** What the revision does; also its id's slug and its class name. Required. @since 0.1.0 */
    @Parameter(property = "divemap.message")
    private String message;

    /** Put the revision on this branch label's head instead of the single head. @since 0.1.0 */
    @Parameter(property = "divemap.branch")
    private String branch;

    @Override
    void checkParameters() throws MojoFailureException {
        if (message == null || message.isBlank()) {
            throw new MojoFailureException("divemap:revision needs a message: give -Ddivemap.message=\"Add ratings\""
                    + " (it also names the new class and its id).");
        }
    }

    @Override
    void run(Divemap divemap) throws MojoFailureException {
        List<String> heads = branch != null ? divemap.revisionMap().resolve(branch + "@heads")
                : divemap.revisionMap().heads();
        if (heads.size() > 1) {
            throw new MojoFailureException("There are " + heads.size() + " heads (" + String.join(", ", heads)
                    + "). Say which line the revision continues with -Ddivemap.branch=<label>, or join them first with"
                    + " divemap:merge.");
        }
        write(divemap, heads, message);
    }
}
