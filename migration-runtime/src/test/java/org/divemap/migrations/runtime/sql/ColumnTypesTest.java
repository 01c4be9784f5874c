package org.divemap.migrations.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.divemap.migrations.Column;
import org.divemap.migrations.NamingConvention;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.SchemaInspector;
import org.divemap.migrations.SchemaInspector.ColumnInfo;
import org.divemap.migrations.Table;
import org.divemap.migrations.TableElement;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code op.schema()} columns carry a structured {@link Type} read from each database's catalog:
 * length, precision and scale, fractional seconds, enumeration values, unsigned, auto-increment; as
 * Alembic's {@code inspector.get_columns()} gives SQLAlchemy types. Before, only a type name.
 */
class ColumnTypesTest {

    static final Databases DATABASES = new Databases("column_types");

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    /** What each type written through {@code op} reads back as, on every database. */
    private static final Map<String, Type> ROUND_TRIP = new LinkedHashMap<>();

    static {
        ROUND_TRIP.put("small", Type.smallint());
        ROUND_TRIP.put("whole", Type.integer());
        ROUND_TRIP.put("big", Type.bigint());
        ROUND_TRIP.put("flag", Type.bool());
        ROUND_TRIP.put("price", Type.decimal(10, 2));
        ROUND_TRIP.put("name", Type.varchar(120));
        ROUND_TRIP.put("code", Type.fixedChar(3));
        ROUND_TRIP.put("notes", Type.text());
        ROUND_TRIP.put("born", Type.date());
        ROUND_TRIP.put("seen_at", Type.timestamp(3));
        ROUND_TRIP.put("weight", Type.doublePrecision());
    }

    private static SchemaInspector inspector(Connection connection) {
        return new JdbcSchemaInspector(connection, Dialect.detect(connection), null);
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void eachColumnReadsBackAsTheTypeItWasCreatedWith(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        try (Connection connection = db.connect()) {
            LiveOperations op = new LiveOperations(connection, Dialect.detect(connection), NamingConvention.DEFAULT);
            List<TableElement> columns = new java.util.ArrayList<>();
            columns.add(Column.of("id", Type.integer()).autoIncrement().primaryKey());
            ROUND_TRIP.forEach((name, type) -> columns.add(Column.of(name, type).nullable()));
            op.createTable(Table.of("typed", columns));
            SchemaInspector schema = inspector(connection);
            ColumnInfo id = schema.column("typed", "id").orElseThrow();
            assertEquals(Type.integer(), id.type());
            assertTrue(id.autoIncrement());
            assertFalse(id.unsigned());
            for (Map.Entry<String, Type> expected : ROUND_TRIP.entrySet()) {
                ColumnInfo column = schema.column("typed", expected.getKey()).orElseThrow();
                assertEquals(expected.getValue(), column.type(), kind + " " + column);
                assertFalse(column.autoIncrement(), column.toString());
            }
            Type.Decimal price = (Type.Decimal) schema.column("typed", "price").orElseThrow().type();
            assertEquals(10, price.precision());
            assertEquals(2, price.scale());
        }
    }

    /** An enumeration's values, with a quote and a comma in one, on the databases with a native ENUM. */
    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "H2"})
    void anEnumerationReadsBackWithItsValues(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        try (Connection connection = db.connect()) {
            LiveOperations op = new LiveOperations(connection, Dialect.detect(connection), NamingConvention.DEFAULT);
            op.createTable("statuses", Column.of("id", Type.integer()).primaryKey(),
                    Column.of("status", Type.enumeration("open", "it's", "a,b", "back\\slash")).nullable());
            assertEquals(Type.enumeration("open", "it's", "a,b", "back\\slash"),
                    inspector(connection).column("statuses", "status").orElseThrow().type());
        }
    }

    /** PostgreSQL's own enum types (CREATE TYPE ... AS ENUM), as Alembic's sa.Enum creates them. */
    @ParameterizedTest
    @EnumSource(names = "POSTGRESQL")
    void aPostgresEnumTypeReadsBackWithItsValuesInOrder(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TYPE dive_kind AS ENUM ('shore', 'boat', 'night''s')");
            statement.execute("CREATE TABLE kinds (id INT PRIMARY KEY, kind dive_kind)");
            ColumnInfo kind2 = inspector(connection).column("kinds", "kind").orElseThrow();
            assertEquals(Type.enumeration("shore", "boat", "night's"), kind2.type());
            assertEquals("dive_kind", kind2.typeName());
        }
    }

    /** MySQL's UNSIGNED, and a type without a factory, which keeps its name as a custom type. */
    @ParameterizedTest
    @EnumSource(names = "MARIADB")
    void unsignedNumbersAndTypesWithoutAFactory(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE counters (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                    + " hits MEDIUMINT, big BIGINT UNSIGNED)");
            SchemaInspector schema = inspector(connection);
            ColumnInfo id = schema.column("counters", "id").orElseThrow();
            assertEquals(Type.integer(), id.type());
            assertTrue(id.unsigned());
            assertTrue(id.autoIncrement());
            assertTrue(schema.column("counters", "big").orElseThrow().unsigned());
            ColumnInfo hits = schema.column("counters", "hits").orElseThrow();
            assertEquals(Type.custom(hits.typeName()), hits.type());
            assertFalse(hits.unsigned());
        }
    }

    @Test
    void aColumnKnownOnlyByItsTypeNameHasACustomType() {
        ColumnInfo column = new ColumnInfo("geom", "geometry", true, null, false);
        assertEquals(Type.custom("geometry"), column.type());
    }
}
