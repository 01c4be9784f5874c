package org.divemap.migrations.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.divemap.migrations.Operations;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.dialect.Dialect;

/** Prints an upgrade or downgrade range as a SQL script without a database, as {@code alembic upgrade --sql}. */
@Mojo(name = "sql", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class SqlMojo extends AbstractDivemapMojo {

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
    private java.io.File output;

    @Override
    boolean needsDatabase() {
        return false;
    }

    @Override
    void run(Divemap divemap) throws MojoFailureException {
        Operations.Database kind;
        try {
            kind = Dialect.named(database).database();
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("divemap.database=" + e.getMessage());
        }
        String script = switch (direction.toLowerCase(Locale.ROOT)) {
            case "upgrade" -> divemap.upgradeScript(kind, range);
            case "downgrade" -> divemap.downgradeScript(kind, range);
            default -> throw new MojoFailureException("divemap.direction=" + direction + " is not upgrade or downgrade.");
        };
        if (output == null) {
            script.lines().forEach(getLog()::info);
            return;
        }
        try {
            Files.createDirectories(output.toPath().toAbsolutePath().getParent());
            Files.writeString(output.toPath(), script, StandardCharsets.UTF_8);
            getLog().info("Wrote " + output);
        } catch (IOException e) {
            throw new MojoFailureException("Could not write " + output + ": " + e.getMessage(), e);
        }
    }
}
