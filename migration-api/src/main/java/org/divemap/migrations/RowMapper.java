package org.divemap.migrations;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a query into a value, for {@link Operations#query} and
 * {@link Operations#queryForStream}: read the columns of {@code row}, do not move it.
 *
 * <pre>{@code
 * List<Site> sites = op.query("SELECT id, name FROM dive_sites WHERE country IS NULL",
 *         row -> new Site(row.getLong("id"), row.getString("name")));
 * }</pre>
 */
@FunctionalInterface
public interface RowMapper<T> {

    /** The value for the current row. */
    T map(ResultSet row) throws SQLException;
}
