package org.divemap.migrations.autogenerate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.Type;
import org.junit.jupiter.api.Test;

class SqlTypesTest {

    private final SqlTypes mysql = new SqlTypes(Database.MARIADB);
    private final SqlTypes postgres = new SqlTypes(Database.POSTGRESQL);
    private final SqlTypes h2 = new SqlTypes(Database.H2);

    @Test
    void readsHibernatesSpellings() {
        assertEquals(Type.varchar(255), postgres.parse("varchar(255)"));
        assertEquals(Type.varchar(100), postgres.parse("character varying(100)"));
        assertEquals(Type.decimal(38, 2), postgres.parse("numeric(38,2)"));
        assertEquals(Type.timestampWithTimeZone(6), postgres.parse("timestamp(6) with time zone"));
        assertEquals(Type.timestamp(6), postgres.parse("timestamp(6) without time zone"));
        assertEquals(Type.timestampWithTimeZone(), postgres.parse("timestamp with time zone"));
        assertEquals(Type.doublePrecision(), postgres.parse("float(53)"));
        assertEquals(Type.real(), postgres.parse("float(24)"));
        assertEquals(Type.doublePrecision(), postgres.parse("double precision"));
        assertEquals(Type.text(), h2.parse("clob"));
        assertEquals(Type.text(), h2.parse("CHARACTER LARGE OBJECT"));
        assertEquals(Type.blob(), postgres.parse("bytea"));
        assertEquals(Type.uuid(), postgres.parse("uuid"));
        assertEquals(Type.custom("oid"), postgres.parse("oid"));
        assertEquals(Type.enumeration("EASY", "MEDIUM", "O'HARA"), mysql.parse("enum ('EASY','MEDIUM','O''HARA')"));
        assertEquals(Type.bool(), mysql.parse("bit"));
        assertEquals(Type.bool(), mysql.parse("tinyint(1)"));
        assertEquals(Type.tinyint(), mysql.parse("tinyint(4)"));
        assertEquals(Type.integer(), mysql.parse("int(11)"));
        assertEquals(Type.custom("int(10) unsigned"), mysql.parse("int(10) unsigned"));
        assertEquals(Type.datetime(6), mysql.parse("datetime(6)"));
        assertEquals(Type.longText(), mysql.parse("longtext"));
        assertEquals(Type.binary(16), mysql.parse("binary(16)"));
        assertEquals(Type.custom("character varying"), postgres.parse("character varying"));
    }

    @Test
    void comparesTypesAsTheDatabaseStoresThem() {
        assertTrue(postgres.same(Type.tinyint(), Type.smallint()));
        assertTrue(postgres.same(Type.timestamp(), Type.timestamp(6)));
        assertTrue(mysql.same(Type.datetime(), Type.datetime(0)));
        assertFalse(mysql.same(Type.datetime(6), Type.datetime()));
        assertTrue(h2.same(Type.text(), Type.longText()));
        assertFalse(h2.same(Type.varchar(100), Type.varchar(150)));
        assertFalse(mysql.same(Type.enumeration("A", "B"), Type.enumeration("A", "B", "C")));
    }

    @Test
    void knowsWhichChangesNarrow() {
        assertTrue(SqlTypes.narrows(Type.varchar(200), Type.varchar(100)));
        assertFalse(SqlTypes.narrows(Type.varchar(100), Type.varchar(200)));
        assertTrue(SqlTypes.narrows(Type.decimal(10, 2), Type.decimal(8, 2)));
        assertTrue(SqlTypes.narrows(Type.bigint(), Type.integer()));
        assertFalse(SqlTypes.narrows(Type.varchar(100), Type.text()));
        assertTrue(SqlTypes.narrows(Type.enumeration("A", "B"), Type.enumeration("A")));
    }
}
