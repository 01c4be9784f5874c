package org.divemap.migrations.spring;

import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Divemap;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health {@code divemap}: UP when the database is at every head and no applied revision has drifted
 * (its migration edited since it ran) or was left unfinished; DOWN otherwise, with the revisions at
 * fault as details. Runs {@link Divemap#check()}, which reads and takes no lock.
 */
public class DivemapHealthIndicator extends AbstractHealthIndicator {

    private final Divemap divemap;

    public DivemapHealthIndicator(Divemap divemap) {
        super("Divemap could not read the version and history tables");
        this.divemap = divemap;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        CheckResult check = divemap.check();
        builder.status(check.ok() ? org.springframework.boot.health.contributor.Status.UP
                : org.springframework.boot.health.contributor.Status.DOWN);
        builder.withDetail("current", check.versionRows());
        builder.withDetail("pending", check.pending());
        if (!check.changed().isEmpty()) {
            builder.withDetail("changed", check.changed());
        }
        if (!check.unrecorded().isEmpty()) {
            builder.withDetail("unrecorded", check.unrecorded());
        }
        if (!check.interrupted().isEmpty()) {
            builder.withDetail("interrupted", check.interrupted());
        }
    }
}
