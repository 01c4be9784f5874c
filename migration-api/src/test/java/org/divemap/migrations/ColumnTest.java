package org.divemap.migrations;

import static org.divemap.migrations.ApiAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColumnTest {

    @Test
    void aNewColumnIsNotNullWithNothingElse() {
        Column column = Column.of("country", Type.varchar(100));
        assertEquals("country", column.name());
        assertEquals(Type.varchar(100), column.type());
        assertFalse(column.isNullable());
        assertEquals(Optional.empty(), column.defaultValue());
        assertFalse(column.isAutoIncrement());
        assertFalse(column.isPrimaryKey());
        assertFalse(column.isUnique());
        assertEquals(Optional.empty(), column.comment());
        assertFalse(column.isOnUpdateCurrentTimestamp());
    }

    @Test
    void theDesignExampleBuildsANullableColumn() {
        Column column = Column.of("country", Type.varchar(100)).nullable();
        assertTrue(column.isNullable());
        assertEquals(Type.varchar(100), column.type());
    }

    @Test
    void withersReturnCopiesAndLeaveTheOriginalUnchanged() {
        Column base = Column.of("status", Type.varchar(20));
        Column nullable = base.nullable();
        Column withDefault = base.defaultValue("open");
        Column commented = base.comment("open or closed");
        Column unique = base.unique();

        assertFalse(base.isNullable());
        assertEquals(Optional.empty(), base.defaultValue());
        assertEquals(Optional.empty(), base.comment());
        assertFalse(base.isUnique());

        assertTrue(nullable.isNullable());
        assertFalse(nullable.notNull().isNullable());
        assertTrue(nullable.isNullable());
        assertEquals(Optional.of(DefaultValue.of("open")), withDefault.defaultValue());
        assertEquals(Optional.of("open or closed"), commented.comment());
        assertTrue(unique.isUnique());
    }

    @Test
    void withersCombine() {
        Column id = Column.of("id", Type.bigint()).autoIncrement().primaryKey().comment("surrogate key");
        assertTrue(id.isAutoIncrement());
        assertTrue(id.isPrimaryKey());
        assertFalse(id.isNullable());
        assertEquals(Optional.of("surrogate key"), id.comment());

        Column updated = Column.of("updated_at", Type.datetime(6))
                .defaultValue(DefaultValue.currentTimestamp())
                .onUpdateCurrentTimestamp();
        assertTrue(updated.isOnUpdateCurrentTimestamp());
        assertEquals(Optional.of(DefaultValue.currentTimestamp()), updated.defaultValue());

        assertEquals(Optional.of(DefaultValue.of(0)), Column.of("n", Type.integer()).defaultValue(0).defaultValue());
        assertEquals(Optional.of(DefaultValue.of(false)),
                Column.of("b", Type.bool()).defaultValue(false).defaultValue());
    }

    @Test
    void columnsAreValues() {
        assertEquals(Column.of("a", Type.integer()).nullable(), Column.of("a", Type.integer()).nullable());
        assertEquals(Column.of("a", Type.integer()).nullable().hashCode(),
                Column.of("a", Type.integer()).nullable().hashCode());
        assertNotEquals(Column.of("a", Type.integer()), Column.of("a", Type.integer()).nullable());
        assertNotEquals(Column.of("a", Type.integer()), Column.of("b", Type.integer()));
        assertEquals("Column[a Simple[kind=INTEGER] NULL DEFAULT Numeric[value=1]]",
                Column.of("a", Type.integer()).nullable().defaultValue(1).toString());
    }

    @Test
    void nameAndTypeAreRequired() {
        assertRejected(() -> Column.of(" ", Type.integer()), "column name must not be blank");
        assertRejected(() -> Column.of(null, Type.integer()), "column name must not be null");
        assertRejected(() -> Column.of("a", null), "the type of column \"a\"", "must not be null");
    }

    @Test
    void aPrimaryKeyCannotBeNullableOrAlsoUnique() {
        assertRejected(() -> Column.of("id", Type.bigint()).nullable().primaryKey(),
                "column \"id\" is part of the primary key, so it cannot be nullable; remove .nullable()");
        assertRejected(() -> Column.of("id", Type.bigint()).primaryKey().nullable(), "cannot be nullable");
        assertRejected(() -> Column.of("id", Type.bigint()).primaryKey().unique(), "remove .unique()");
    }

    @Test
    void autoIncrementNeedsAnIntegerNotNullColumnWithoutDefault() {
        assertRejected(() -> Column.of("id", Type.varchar(10)).autoIncrement(),
                "column \"id\" is VARCHAR, but only integer columns can auto-increment");
        assertRejected(() -> Column.of("id", Type.bigint()).nullable().autoIncrement(),
                "auto-increments, so it cannot be nullable");
        assertRejected(() -> Column.of("id", Type.bigint()).autoIncrement().defaultValue(1),
                "cannot also have a default");
        assertTrue(Column.of("id", Type.custom("BIGINT UNSIGNED")).autoIncrement().isAutoIncrement());
    }

    @Test
    void currentTimestampNeedsADateTimeColumn() {
        assertRejected(() -> Column.of("d", Type.date()).defaultValue(DefaultValue.currentTimestamp()),
                "column \"d\" is DATE, but a CURRENT_TIMESTAMP default needs a DATETIME or TIMESTAMP column");
        assertRejected(() -> Column.of("n", Type.integer()).onUpdateCurrentTimestamp(),
                "ON UPDATE CURRENT_TIMESTAMP needs a DATETIME or TIMESTAMP column");
    }

    @Test
    void nullDefaultsAndCommentsAreRejectedWithAHint() {
        assertRejected(() -> Column.of("a", Type.integer()).defaultValue((DefaultValue) null),
                "leave .defaultValue(...) out for no default");
        assertRejected(() -> Column.of("a", Type.integer()).comment(null), "leave .comment(...) out for none");
    }
}
