package org.divemap.migrations;

import static org.divemap.migrations.ApiAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TypeTest {

    @Test
    void factoriesCarryTheirKindAndParameters() {
        assertEquals(new Type.Sized(Type.Kind.VARCHAR, 100), Type.varchar(100));
        assertEquals(new Type.Sized(Type.Kind.CHAR, 2), Type.fixedChar(2));
        assertEquals(new Type.Sized(Type.Kind.VARBINARY, 16), Type.varbinary(16));
        assertEquals(new Type.Decimal(10, 2), Type.decimal(10, 2));
        assertEquals(Type.Kind.DECIMAL, Type.decimal(10, 2).kind());
        assertEquals(new Type.Temporal(Type.Kind.DATETIME, OptionalInt.of(6)), Type.datetime(6));
        assertEquals(OptionalInt.empty(), ((Type.Temporal) Type.timestamp()).fractionalDigits());
        assertEquals(Type.Kind.TIMESTAMP_WITH_TIME_ZONE, Type.timestampWithTimeZone(3).kind());
        assertEquals(Type.Kind.BIGINT, Type.bigint().kind());
        assertEquals(Type.Kind.BOOLEAN, Type.bool().kind());
        assertEquals(Type.Kind.LONG_TEXT, Type.longText().kind());
        assertEquals(Type.Kind.MEDIUM_BLOB, Type.mediumBlob().kind());
        assertEquals(Type.Kind.UUID, Type.uuid().kind());
        assertEquals(Type.Kind.JSON, Type.json().kind());
        assertEquals(Type.Kind.CUSTOM, Type.custom("GEOMETRY").kind());
        assertEquals("GEOMETRY", ((Type.Custom) Type.custom("GEOMETRY")).sql());
    }

    @Test
    void typesAreValues() {
        assertEquals(Type.varchar(100), Type.varchar(100));
        assertNotEquals(Type.varchar(100), Type.varchar(101));
        assertNotEquals(Type.timestamp(), Type.timestamp(0));
        assertEquals(Type.enumeration("a", "b"), Type.enumeration("a", "b"));
        assertNotEquals(Type.enumeration("a", "b"), Type.enumeration("b", "a"));
    }

    @Test
    void lengthsMustBePositive() {
        assertRejected(() -> Type.varchar(0), "VARCHAR length must be greater than 0 but was 0");
        assertRejected(() -> Type.fixedChar(-1), "CHAR length must be greater than 0 but was -1");
        assertRejected(() -> Type.binary(0), "BINARY length");
        assertRejected(() -> Type.varbinary(0), "VARBINARY length");
    }

    @Test
    void decimalPrecisionAndScaleAreChecked() {
        assertEquals(new Type.Decimal(65, 30), Type.decimal(65, 30));
        assertEquals(new Type.Decimal(1, 0), Type.decimal(1, 0));
        assertRejected(() -> Type.decimal(0, 0), "precision must be between 1 and 65 but was 0");
        assertRejected(() -> Type.decimal(66, 2), "precision must be between 1 and 65 but was 66");
        assertRejected(() -> Type.decimal(5, 6), "scale must be between 0 and the precision (5) but was 6");
        assertRejected(() -> Type.decimal(5, -1), "scale must be between 0 and the precision (5) but was -1");
    }

    @Test
    void fractionalDigitsAreBetweenZeroAndSix() {
        assertEquals(OptionalInt.of(0), ((Type.Temporal) Type.time(0)).fractionalDigits());
        assertRejected(() -> Type.timestamp(7), "fractional digits must be between 0 and 6 but was 7");
        assertRejected(() -> Type.datetime(-1), "but was -1");
    }

    @Test
    void enumerationValuesAreNonEmptyAndDistinct() {
        Type.Enumeration status = (Type.Enumeration) Type.enumeration("open", "closed");
        assertEquals(List.of("open", "closed"), status.values());
        assertThrows(UnsupportedOperationException.class, () -> status.values().add("x"));
        assertRejected(() -> Type.enumeration(), "needs at least one value");
        assertRejected(() -> Type.enumeration("open", "open"), "\"open\" appears twice");
        assertRejected(() -> Type.enumeration("open", ""), "must not be empty");
        assertRejected(() -> Type.enumeration("open", null), "must not be null");
        assertRejected(() -> Type.enumeration((String[]) null), "must not be null");
    }

    @Test
    void enumerationCopiesItsValues() {
        String[] values = {"open", "closed"};
        Type type = Type.enumeration(values);
        values[0] = "changed";
        assertEquals(List.of("open", "closed"), ((Type.Enumeration) type).values());
    }

    @Test
    void customSqlMustNotBeBlank() {
        assertRejected(() -> Type.custom(" "), "a custom type needs its SQL");
        assertRejected(() -> Type.custom(null), "a custom type needs its SQL");
    }

    @Test
    void recordsRejectKindsThatDoNotFit() {
        assertRejected(() -> new Type.Simple(Type.Kind.VARCHAR), "VARCHAR takes parameters");
        assertRejected(() -> new Type.Sized(Type.Kind.TEXT, 10), "TEXT has no length");
        assertRejected(() -> new Type.Temporal(Type.Kind.DATE, OptionalInt.empty()), "DATE has no fractional seconds");
    }

    @Test
    void defaultValuesAreValidated() {
        assertEquals(new DefaultValue.Numeric(BigDecimal.valueOf(0)), DefaultValue.of(0));
        assertEquals(new DefaultValue.Numeric(new BigDecimal("1.5")), DefaultValue.of(1.5));
        assertEquals(new DefaultValue.Text(""), DefaultValue.of(""));
        assertEquals(new DefaultValue.Bool(true), DefaultValue.of(true));
        assertEquals(DefaultValue.currentTimestamp(), new DefaultValue.CurrentTimestamp());
        assertRejected(() -> DefaultValue.of(Double.NaN), "must be finite but was NaN");
        assertRejected(() -> DefaultValue.of((String) null), "a text default must not be null");
        assertRejected(() -> DefaultValue.of((BigDecimal) null), "a numeric default must not be null");
        assertRejected(() -> DefaultValue.expression(""), "a default expression needs its SQL");
    }
}
