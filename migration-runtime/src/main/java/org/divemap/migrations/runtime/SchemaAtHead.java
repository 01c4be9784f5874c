package org.divemap.migrations.runtime;

import java.sql.Connection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.divemap.migrations.Operations;

/**
 * A connection to a schema that holds every head of the revision graph, for tools that compare
 * the schema the migrations build with another model of it, such as autogenerate and the entity
 * check of {@link Divemap#check()}. Valid only during the call that hands it out.
 *
 * @param connection a connection whose current schema (MySQL database) the migrations ran in
 * @param database which database it is
 * @param schema the schema's name as stored, or null when it is the connection's current one
 * @param ownTables Divemap's own tables (version, history, lock), which no comparison should see
 * @param heads the heads the schema is at, sorted
 * @param majorVersion the database server's major version
 * @param minorVersion the database server's minor version
 */
public record SchemaAtHead(Connection connection, Operations.Database database, String schema,
        Set<String> ownTables, List<String> heads, int majorVersion, int minorVersion) {

    public SchemaAtHead {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(database, "database");
        ownTables = Set.copyOf(ownTables);
        heads = List.copyOf(heads);
    }
}
