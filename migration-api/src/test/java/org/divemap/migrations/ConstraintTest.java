package org.divemap.migrations;

import static org.divemap.migrations.ApiAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintTest {

    @Test
    void foreignKeyWithersReturnCopies() {
        Constraint.ForeignKey fk = Constraint.foreignKey("site_id", "dive_sites", "id");
        Constraint.ForeignKey cascading = fk.onDelete(ReferentialAction.CASCADE).onUpdate(ReferentialAction.SET_NULL);
        Constraint.ForeignKey named = cascading.named("fk_dives_site");

        assertNull(fk.onDelete());
        assertNull(fk.name());
        assertEquals(ReferentialAction.CASCADE, cascading.onDelete());
        assertEquals(ReferentialAction.SET_NULL, cascading.onUpdate());
        assertEquals(Name.of("fk_dives_site"), named.name());
        assertEquals(ReferentialAction.CASCADE, named.onDelete());
        assertEquals(List.of("site_id"), named.columns());
        assertEquals("dive_sites", named.referredTable());
        assertEquals(List.of("id"), named.referredColumns());
        assertEquals(Constraint.Kind.FOREIGN_KEY, named.kind());
    }

    @Test
    void referentialActionsSpellTheirSql() {
        assertEquals("SET NULL", ReferentialAction.SET_NULL.sql());
        assertEquals("NO ACTION", ReferentialAction.NO_ACTION.sql());
        assertEquals("SET DEFAULT", ReferentialAction.SET_DEFAULT.sql());
        assertEquals("CASCADE", ReferentialAction.CASCADE.sql());
        assertEquals("RESTRICT", ReferentialAction.RESTRICT.sql());
    }

    @Test
    void finalNamesAreKept() {
        Constraint.Unique unique = Constraint.unique("email").named(Name.converted("users_email_key"));
        assertEquals(new Name("users_email_key", true), unique.name());
    }

    @Test
    void columnListsAreCopiedAndImmutable() {
        List<String> columns = new ArrayList<>(List.of("a", "b"));
        Constraint.ForeignKey fk = Constraint.foreignKey(columns, "t", List.of("x", "y"));
        columns.add("c");
        assertEquals(List.of("a", "b"), fk.columns());
        assertThrows(UnsupportedOperationException.class, () -> fk.columns().add("d"));
        assertEquals(List.of(), Constraint.check("a > 0").columns());
    }

    @Test
    void columnsMustBeGivenOnceAndNotBlank() {
        assertRejected(() -> Constraint.primaryKey(), "a primary key must name at least one column");
        assertRejected(() -> Constraint.unique("a", "A"), "a unique constraint names column \"A\" twice");
        assertRejected(() -> Constraint.unique("a", " "), "a column name in a unique constraint must not be blank");
    }

    @Test
    void foreignKeySidesMustMatch() {
        assertRejected(() -> Constraint.foreignKey(List.of("a", "b"), "t", List.of("x")),
                "has 2 column(s) referring to 1; give one referred column per referencing column");
        assertRejected(() -> Constraint.foreignKey("a", "", "x"), "foreign key referred table must not be blank");
        assertRejected(() -> Constraint.foreignKey("a", "t", "x").onDelete(null), "ON DELETE action must not be null");
    }

    @Test
    void checkNeedsACondition() {
        assertRejected(() -> Constraint.check(" "), "a check constraint needs a SQL condition");
        assertRejected(() -> Constraint.check("a > 0").named(""), "a constraint or index name must not be blank");
    }
}
