package org.divemap.migrations;

import static org.divemap.migrations.ApiAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColumnChangeTest {

    private static final Column NAME = Column.of("name", Type.varchar(100)).comment("Display name");

    @Test
    void oneChangeCarriesSeveralChangesAndWithersReturnCopies() {
        ColumnChange empty = ColumnChange.of("name");
        ColumnChange change = empty.type(Type.varchar(200)).nullable(true).rename("title")
                .defaultValue(DefaultValue.of("?")).comment("Shown on the map");

        assertTrue(empty.isEmpty());
        assertNull(empty.type());
        assertFalse(change.isEmpty());
        assertEquals("name", change.column());
        assertEquals("title", change.newName());
        assertEquals(Type.varchar(200), change.type());
        assertEquals(Boolean.TRUE, change.nullable());
        assertEquals(DefaultValue.of("?"), change.defaultValue());
        assertEquals("Shown on the map", change.comment());
        assertNull(change.existing());
        assertEquals(Optional.empty(), change.result());
        assertEquals(Optional.empty(), change.inverse());
        assertTrue(ColumnChange.of("a").dropDefault().defaultDropped());
    }

    @Test
    void resultRestatesTheWholeColumn() {
        ColumnChange change = ColumnChange.of(NAME).type(Type.varchar(200)).nullable(true);
        assertEquals(Optional.of(Column.of("name", Type.varchar(200)).nullable().comment("Display name")),
                change.result());
    }

    @Test
    void resultKeepsAutoIncrementAndOnUpdate() {
        Column id = Column.of("id", Type.integer()).autoIncrement().primaryKey();
        assertEquals(Optional.of(Column.of("id", Type.bigint()).autoIncrement().primaryKey()),
                ColumnChange.of(id).type(Type.bigint()).result());

        Column updated = Column.of("updated_at", Type.timestamp())
                .defaultValue(DefaultValue.currentTimestamp()).onUpdateCurrentTimestamp();
        assertEquals(Optional.of(Column.of("changed_at", Type.timestamp()).onUpdateCurrentTimestamp()),
                ColumnChange.of(updated).rename("changed_at").dropDefault().result());
    }

    @Test
    void inverseUndoesOnlyWhatChanged() {
        ColumnChange change = ColumnChange.of(NAME).type(Type.varchar(200)).rename("title")
                .defaultValue(DefaultValue.of("?")).comment("");
        ColumnChange inverse = change.inverse().orElseThrow();

        assertEquals("title", inverse.column());
        assertEquals("name", inverse.newName());
        assertEquals(Type.varchar(100), inverse.type());
        assertNull(inverse.nullable());
        assertNull(inverse.defaultValue());
        assertTrue(inverse.defaultDropped());
        assertEquals("Display name", inverse.comment());
        assertEquals(Column.of("title", Type.varchar(200)).defaultValue("?"), inverse.existing());
        assertEquals(Optional.of(NAME), inverse.result());
    }

    @Test
    void inverseRestoresAnOldDefault() {
        Column status = Column.of("status", Type.varchar(20)).defaultValue("open");
        ColumnChange inverse = ColumnChange.of(status).dropDefault().nullable(true).inverse().orElseThrow();
        assertEquals(DefaultValue.of("open"), inverse.defaultValue());
        assertFalse(inverse.defaultDropped());
        assertEquals(Boolean.FALSE, inverse.nullable());
        assertEquals(Optional.of(status), inverse.result());
    }

    @Test
    void contradictionsAreRejected() {
        assertRejected(() -> ColumnChange.of("a").dropDefault().defaultValue(DefaultValue.of(1)),
                "both sets and drops its default; keep defaultValue(...) or dropDefault(), not both");
        assertRejected(() -> ColumnChange.of("a").rename("a"), "column \"a\" is renamed to its own name");
        assertRejected(() -> ColumnChange.of("a").rename(" "), "the new name of column \"a\" must not be blank");
        assertRejected(() -> ColumnChange.of(" "), "the name of the column to alter must not be blank");
        assertRejected(() -> ColumnChange.of("a").existing(Column.of("b", Type.integer())),
                "the existing definition given for column \"a\" is for column \"b\"");
    }

    @Test
    void aChangeThatWouldBreakTheColumnIsRejected() {
        Column id = Column.of("id", Type.bigint()).primaryKey();
        assertRejected(() -> ColumnChange.of(id).nullable(true),
                "the change to column \"id\" would leave an invalid column", "cannot be nullable");
        Column seq = Column.of("seq", Type.integer()).autoIncrement();
        assertRejected(() -> ColumnChange.of(seq).type(Type.varchar(10)), "only integer columns can auto-increment");
    }
}
