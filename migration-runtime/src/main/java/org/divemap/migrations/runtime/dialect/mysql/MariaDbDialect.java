package org.divemap.migrations.runtime.dialect.mysql;

import java.math.BigDecimal;
import java.time.Duration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.runtime.dialect.CatalogQueries;

/**
 * MariaDB: MySQL's dialect, with fractional {@code GET_LOCK} timeouts, its own driver, {@code DROP
 * CONSTRAINT} for checks, and check constraints named per table.
 */
public final class MariaDbDialect extends MySqlDialect {

    @Override
    public Operations.Database database() {
        return Operations.Database.MARIADB;
    }

    @Override
    public String displayName() {
        return "MariaDB";
    }

    @Override
    protected String urlPrefix() {
        return "jdbc:mariadb:";
    }

    @Override
    public String driverClass() {
        return "org.mariadb.jdbc.Driver";
    }

    /** MariaDB has no {@code DROP CHECK}. */
    @Override
    String dropCheck() {
        return "DROP CONSTRAINT";
    }

    @Override
    public CatalogQueries catalog() {
        return new MySqlCatalogQueries.MariaDb();
    }

    /** MariaDB accepts fractional seconds, so a wait of 1.5 s is 1.5 s. */
    @Override
    String lockTimeoutSeconds(Duration wait) {
        return BigDecimal.valueOf(wait.toMillis(), 3).toPlainString();
    }
}
