package org.divemap.migrations.runtime.sql;

import org.divemap.migrations.runtime.Logs;
import org.slf4j.Logger;

/**
 * Logs each statement a migration sends at DEBUG to {@link Logs#SQL}. Bound values are not shown,
 * only how many there were: they may be personal data or secrets.
 */
final class SqlLog {

    private static final Logger LOG = Logs.sql();

    private SqlLog() {}

    static void statement(String sql) {
        LOG.debug("{}", sql);
    }

    static void statement(String sql, int boundValues) {
        if (boundValues == 0) {
            LOG.debug("{}", sql);
        } else {
            LOG.debug("{} -- {} bound value{} masked", sql, boundValues, boundValues == 1 ? "" : "s");
        }
    }

    static void batch(String sql, int rows, int boundValuesPerRow) {
        LOG.debug("{} -- batch of {} rows, {} bound values each, masked", sql, rows, boundValuesPerRow);
    }
}
