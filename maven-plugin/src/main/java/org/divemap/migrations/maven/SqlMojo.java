package org.divemap.migrations.maven;

import java.io.File;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.frontend.OfflineScript;

/** Prints an upgrade or downgrade range as a SQL script without a database, as {@code alembic upgrade --sql}. */
@Mojo(name = "sql", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class SqlMojo extends AbstractDivemapMojo implements OfflineGoal {

    /** {@code upgrade} or {@code downgrade}. @since 0.1.0 */
    @Parameter(property = "divemap.direction", defaultValue = "upgrade")
    private String direction;

    /** The range {@code FROM:TO}, such as {@code base:head} or {@code head:base}. @since 0.1.0 */
    @Parameter(property = "divemap.range", defaultValue = "base:head")
    private String range;

    /** The database to render for: {@code mysql}, {@code mariadb}, {@code postgresql} or {@code h2}. @since 0.1.0 */
    @Parameter(property = "divemap.database", defaultValue = "mysql")
    private String database;

    /** Writes the script to this file instead of the build log. @since 0.1.0 */
    @Parameter(property = "divemap.output")
    private File output;

    @Override
    void run(Divemap divemap) throws MojoFailureException {
        if (!direction.equalsIgnoreCase("upgrade") && !direction.equalsIgnoreCase("downgrade")) {
            throw new MojoFailureException("divemap.direction=" + direction + " is not upgrade or downgrade.");
        }
        print(OfflineScript.render(divemap, direction.equalsIgnoreCase("upgrade"), range, database,
                "divemap.database"), output);
    }
}
