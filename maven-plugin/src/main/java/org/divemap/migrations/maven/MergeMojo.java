package org.divemap.migrations.maven;

import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.runtime.Divemap;

/**
 * Writes the merge revision that joins the current heads, as {@code alembic merge heads}. Heads
 * without branch labels cannot compile in the first place; the compile error prints the merge to
 * paste. This goal joins labeled lines of history that are meant to come together.
 */
@Mojo(name = "merge", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class MergeMojo extends AbstractWriteMojo {

    /** The merge's message. @since 0.1.0 */
    @Parameter(property = "divemap.message", defaultValue = "merge heads")
    private String message;

    @Override
    void run(Divemap divemap) throws MojoFailureException {
        List<String> heads = divemap.revisionMap().heads();
        if (heads.size() < 2) {
            throw new MojoFailureException("There is nothing to merge: the graph has " + heads.size() + " head"
                    + (heads.size() == 1 ? " (" + heads.get(0) + ")" : "") + ".");
        }
        write(divemap, heads, message);
    }
}
