package org.divemap.migrations.runtime.dialect;

import java.math.BigDecimal;
import java.time.Duration;
import org.divemap.migrations.Operations;

/** MariaDB: MySQL's dialect, with fractional {@code GET_LOCK} timeouts. */
final class MariaDbDialect extends MySqlDialect {

    @Override
    public Operations.Database database() {
        return Operations.Database.MARIADB;
    }

    @Override
    public String displayName() {
        return "MariaDB";
    }

    /** MariaDB accepts fractional seconds, so a wait of 1.5 s is 1.5 s. */
    @Override
    String lockTimeoutSeconds(Duration wait) {
        return BigDecimal.valueOf(wait.toMillis(), 3).toPlainString();
    }
}
