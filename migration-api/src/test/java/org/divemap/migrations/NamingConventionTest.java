package org.divemap.migrations;

import static org.divemap.migrations.ApiAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamingConventionTest {

    private static final NamingConvention CONVENTION = NamingConvention.DEFAULT;

    @Test
    void defaultNamesIndexes() {
        assertEquals(Optional.of("ix_dive_sites_country_region"),
                CONVENTION.nameFor("dive_sites", Index.on("country", "region")));
        assertEquals(Optional.of("ix_users_email"), CONVENTION.nameFor("users", Index.uniqueOn("email")));
    }

    @Test
    void defaultNamesConstraints() {
        assertEquals(Optional.of("pk_dives"), CONVENTION.nameFor("dives", Constraint.primaryKey("id")));
        assertEquals(Optional.of("uq_dive_sites_name_country"),
                CONVENTION.nameFor("dive_sites", Constraint.unique("name", "country")));
        assertEquals(Optional.of("fk_dives_site_id_dive_sites"),
                CONVENTION.nameFor("dives", Constraint.foreignKey("site_id", "dive_sites", "id")));
        assertEquals(Optional.of("ck_dives_max_depth_positive"),
                CONVENTION.nameFor("dives", Constraint.check("max_depth > 0").named("max_depth_positive")));
    }

    @Test
    void givenNamesAreKeptUnlessTheTemplateBuildsOnThem() {
        assertEquals(Optional.of("my_index"), CONVENTION.nameFor("t", Index.on("a").named("my_index")));
        assertEquals(Optional.of("my_fk"),
                CONVENTION.nameFor("t", Constraint.foreignKey("a", "u", "id").named("my_fk")));
        assertEquals(Optional.of("ck_t_positive"), CONVENTION.nameFor("t", Constraint.check("a > 0").named("positive")));
    }

    @Test
    void finalNamesAreUsedAsWritten() {
        Operations op = RecordingOperations.create().operations();
        assertEquals(Optional.of("positive"),
                CONVENTION.nameFor("t", Constraint.check("a > 0").named(op.f("positive"))));
        assertEquals(Optional.of("ix_exact"), CONVENTION.nameFor("t", Index.on("a").named(op.f("ix_exact"))));
    }

    @Test
    void anUnnamedCheckNeedsANameUnderTheDefaultConvention() {
        assertRejected(() -> CONVENTION.nameFor("dives", Constraint.check("max_depth > 0")),
                "the check constraint on table \"dives\" needs a name",
                "\"ck_{table}_{constraint}\" uses {constraint}", ".named(");
    }

    @Test
    void allPlaceholdersAreFilledIn() {
        NamingConvention custom = NamingConvention.NONE
                .withForeignKey("{table}__{column_0}__{columns}__{referred_table}__{referred_columns}")
                .withIndex("idx:{table}:{column_0}")
                .withPrimaryKey("{table}_pkey")
                .withUnique("{table}_{columns}_key")
                .withCheck("{table}_{constraint}_check");
        Constraint fk = Constraint.foreignKey(List.of("a", "b"), "other", List.of("x", "y"));
        assertEquals(Optional.of("t__a__a_b__other__x_y"), custom.nameFor("t", fk));
        assertEquals(Optional.of("idx:t:a"), custom.nameFor("t", Index.on("a", "b")));
        assertEquals(Optional.of("t_pkey"), custom.nameFor("t", Constraint.primaryKey("a")));
        assertEquals(Optional.of("t_a_b_key"), custom.nameFor("t", Constraint.unique("a", "b")));
        assertEquals(Optional.of("t_c_check"), custom.nameFor("t", Constraint.check("a > b").named("c")));
    }

    @Test
    void withoutATemplateTheDatabaseNamesIt() {
        NamingConvention none = NamingConvention.NONE;
        assertEquals(Optional.empty(), none.nameFor("t", Index.on("a")));
        assertEquals(Optional.empty(), none.nameFor("t", Constraint.check("a > 0")));
        assertEquals(Optional.of("given"), none.nameFor("t", Constraint.unique("a").named("given")));
        assertEquals(Optional.empty(), CONVENTION.withIndex(null).nameFor("t", Index.on("a")));
    }

    @Test
    void templatesAreValidated() {
        assertRejected(() -> CONVENTION.withIndex("ix_{table}_{referred_table}"),
                "the index naming template \"ix_{table}_{referred_table}\" uses {referred_table}, which index names "
                        + "cannot use; use {column_0}, {columns}, {constraint}, {table}");
        assertRejected(() -> CONVENTION.withCheck("ck_{table}_{columns}"), "uses {columns}");
        assertRejected(() -> CONVENTION.withUnique("uq_{table"), "has a '{' without its '}' at position 3");
        assertRejected(() -> CONVENTION.withPrimaryKey("pk_table}"), "has a '}' without its '{' at position 8");
        assertRejected(() -> CONVENTION.withForeignKey("fk_{tabel}"), "uses {tabel}");
        assertRejected(() -> CONVENTION.withIndex(" "), "must not be blank; use null");
    }

    @Test
    void shortenKeepsShortNamesAndHashesLongOnes() {
        assertEquals("ix_short", NamingConvention.shorten("ix_short", 64));
        String longName = "fk_" + "a".repeat(70);
        String shortened = NamingConvention.shorten(longName, 64);
        assertEquals(64, shortened.length());
        assertTrue(shortened.startsWith("fk_aaaa"));
        assertTrue(shortened.matches("fk_a{52}_[0-9a-f]{8}"), shortened);
        assertEquals(shortened, NamingConvention.shorten(longName, 64));
        assertNotEquals(shortened, NamingConvention.shorten(longName + "b", 64));
        assertEquals(63, NamingConvention.shorten(longName, 63).length());
        assertRejected(() -> NamingConvention.shorten(longName, 15), "maxLength must be at least 16");
    }
}
