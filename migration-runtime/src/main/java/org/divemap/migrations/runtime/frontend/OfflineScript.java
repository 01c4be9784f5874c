package org.divemap.migrations.runtime.frontend;

import java.util.Arrays;
import java.util.Locale;
import org.divemap.migrations.Operations;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;

/** An offline script for a database named as a user writes it: {@code upgrade base:head} for {@code postgresql}. */
public final class OfflineScript {

    private OfflineScript() {}

    /**
     * The SQL an upgrade or a downgrade over {@code range} would run.
     *
     * @param database {@code mysql}, {@code mariadb}, {@code postgresql} or {@code h2}, in any case
     * @param where how the front end names the database setting, for the error: {@code --database}
     * @throws DivemapException of kind {@code CONFIGURATION} for another database name, and as
     *     {@link Divemap#upgradeScript} throws
     */
    public static String render(Divemap divemap, boolean upgrade, String range, String database, String where) {
        Operations.Database kind;
        try {
            kind = Operations.Database.valueOf(database.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, where + ": \"" + database + "\" is not one"
                    + " of " + String.join(", ", Arrays.stream(Operations.Database.values())
                            .map(d -> d.name().toLowerCase(Locale.ROOT)).toList()) + ".");
        }
        return upgrade ? divemap.upgradeScript(kind, range) : divemap.downgradeScript(kind, range);
    }
}
