package org.divemap.migrations.autogenerate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.divemap.migrations.Operations;
import org.divemap.migrations.SchemaInspector;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.sql.JdbcSchemaInspector;

/**
 * Reads the schema a connection shows into a {@link SchemaModel}: the runtime's schema inspector for
 * keys, indexes and constraints, {@link ColumnCatalog} for the columns. Divemap's own tables and
 * the tables the filter leaves out are skipped. Names that H2 folded to upper case are given back
 * in lower case, as the entities (and the migrations) write them.
 */
final class DatabaseReader {

    private final Operations.Database database;
    private final SqlTypes types;
    private final ColumnCatalog catalog;

    DatabaseReader(Operations.Database database) {
        this.database = database;
        this.types = new SqlTypes(database);
        this.catalog = ColumnCatalog.of(database);
    }

    /**
     * @param schema the schema (MySQL database) as stored, or null for the connection's current one
     * @param ownTables Divemap's version, history and lock tables, never compared
     * @param include which tables to compare, by name
     */
    SchemaModel read(Connection connection, String schema, Set<String> ownTables, Predicate<String> include)
            throws SQLException {
        Dialect dialect = Dialect.of(database);
        String stored = schema != null ? schema : dialect.currentSchema(connection);
        JdbcSchemaInspector inspector = new JdbcSchemaInspector(connection, dialect, stored);
        Set<String> own = new HashSet<>();
        ownTables.forEach(t -> own.add(SchemaModel.key(t)));
        List<SchemaModel.TableDef> tables = new ArrayList<>();
        for (String table : inspector.tableNames()) {
            if (own.contains(SchemaModel.key(table)) || !include.test(name(table))) {
                continue;
            }
            tables.add(table(connection, stored, inspector, table));
        }
        java.util.Map<String, SchemaModel.TableDef> byName = new java.util.LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        return new SchemaModel(byName);
    }

    private SchemaModel.TableDef table(Connection connection, String schema, JdbcSchemaInspector inspector,
            String table) throws SQLException {
        List<SchemaModel.ColumnDef> columns = new ArrayList<>();
        for (ColumnCatalog.RawColumn raw : catalog.columns(connection, schema, table)) {
            Type type = types.parse(raw.type());
            columns.add(new SchemaModel.ColumnDef(name(raw.name()), type, raw.nullable(),
                    raw.identity() ? null : Defaults.parse(raw.defaultValue(), type), raw.identity(), raw.comment()));
        }
        List<String> primaryKey = inspector.primaryKey(table).map(pk -> names(pk.columns())).orElse(List.of());
        List<SchemaModel.ForeignKeyDef> foreignKeys = new ArrayList<>();
        Set<String> foreignKeyNames = new HashSet<>();
        for (SchemaInspector.ForeignKeyInfo fk : inspector.foreignKeys(table)) {
            foreignKeys.add(new SchemaModel.ForeignKeyDef(name(fk.name()), names(fk.columns()), name(fk.referredTable()),
                    names(fk.referredColumns()), fk.onDelete(), fk.onUpdate()));
            foreignKeyNames.add(SchemaModel.key(fk.name()));
        }
        List<SchemaModel.UniqueDef> uniques = new ArrayList<>();
        Set<String> uniqueNames = new HashSet<>();
        for (SchemaInspector.UniqueConstraintInfo unique : inspector.uniqueConstraints(table)) {
            uniques.add(new SchemaModel.UniqueDef(name(unique.name()), names(unique.columns())));
            uniqueNames.add(SchemaModel.key(unique.name()));
        }
        List<SchemaModel.IndexDef> indexes = new ArrayList<>();
        for (SchemaInspector.IndexInfo index : inspector.indexes(table)) {
            String key = SchemaModel.key(index.name());
            // MySQL lists a unique constraint as a unique index too, and the index InnoDB adds for a foreign key
            if (uniqueNames.contains(key) || foreignKeyNames.contains(key) || index.columns().isEmpty()) {
                continue;
            }
            indexes.add(new SchemaModel.IndexDef(name(index.name()), names(index.columns()), index.unique()));
        }
        return new SchemaModel.TableDef(name(table), columns, primaryKey, indexes, uniques, foreignKeys, null);
    }

    private List<String> names(List<String> names) {
        return names.stream().map(this::name).toList();
    }

    /** {@code DIVE_SITES} on H2 is the {@code dive_sites} the migration created. */
    private String name(String stored) {
        if (database == Operations.Database.H2 && stored.equals(stored.toUpperCase(Locale.ROOT))) {
            return stored.toLowerCase(Locale.ROOT);
        }
        return stored;
    }
}
