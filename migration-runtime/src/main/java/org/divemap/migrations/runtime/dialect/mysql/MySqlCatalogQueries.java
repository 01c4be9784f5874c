package org.divemap.migrations.runtime.dialect.mysql;

import java.sql.Connection;
import java.util.Set;
import org.divemap.migrations.runtime.dialect.CatalogQueries;

/**
 * MySQL's and MariaDB's catalog: {@code column_type} has the whole type with its length, and a
 * unique constraint is a unique index, so only the primary key's index belongs to a constraint.
 */
class MySqlCatalogQueries extends CatalogQueries {

    @Override
    public String columns() {
        return "SELECT column_name, column_type, is_nullable, column_default,"
                + " CASE WHEN LOWER(extra) LIKE '%auto_increment%' THEN 'YES' ELSE 'NO' END" + COLUMNS_OF_TABLE;
    }

    @Override
    public Set<String> constraintIndexes(Connection connection, String schema, String table) {
        return Set.of("PRIMARY");
    }

    /** Connector/J calls databases catalogs (unless {@code databaseTerm=SCHEMA}, when it reads the schema argument). */
    @Override
    public String metadataCatalog(String schema) {
        return schema;
    }

    /** MariaDB names check constraints per table, so two tables' checks may share a name. */
    static final class MariaDb extends MySqlCatalogQueries {
        @Override
        protected String checkJoinCondition() {
            return " AND cc.table_name = tc.table_name";
        }
    }
}
