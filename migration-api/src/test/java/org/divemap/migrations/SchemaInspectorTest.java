package org.divemap.migrations;

import static org.divemap.migrations.ApiAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.divemap.migrations.SchemaInspector.ColumnInfo;
import org.divemap.migrations.SchemaInspector.ForeignKeyInfo;
import org.divemap.migrations.SchemaInspector.IndexInfo;
import org.divemap.migrations.SchemaInspector.PrimaryKeyInfo;
import org.divemap.migrations.SchemaInspector.TableInfo;
import org.divemap.migrations.SchemaInspector.UniqueConstraintInfo;
import org.junit.jupiter.api.Test;

class SchemaInspectorTest {

    /** An H2-like schema: names reported in upper case. */
    private static final SchemaInspector H2 = new SchemaInspector() {
        @Override
        public List<String> tableNames() {
            return List.of("DIVES");
        }

        @Override
        public List<ColumnInfo> columns(String table) {
            return table.equalsIgnoreCase("dives")
                    ? List.of(new ColumnInfo("ID", "BIGINT", false, null, true),
                            new ColumnInfo("SITE_ID", "BIGINT", true, "0", false))
                    : List.of();
        }

        @Override
        public List<IndexInfo> indexes(String table) {
            return List.of(new IndexInfo("IX_DIVES_SITE_ID", List.of("SITE_ID"), false));
        }

        @Override
        public List<ForeignKeyInfo> foreignKeys(String table) {
            return List.of(new ForeignKeyInfo("FK_DIVES_SITE_ID_DIVE_SITES", List.of("SITE_ID"), "DIVE_SITES",
                    List.of("ID"), ReferentialAction.CASCADE, ReferentialAction.NO_ACTION));
        }

        @Override
        public List<UniqueConstraintInfo> uniqueConstraints(String table) {
            return List.of(new UniqueConstraintInfo("UQ_DIVES_ID", List.of("ID")));
        }

        @Override
        public Optional<PrimaryKeyInfo> primaryKey(String table) {
            return Optional.of(new PrimaryKeyInfo("PK_DIVES", List.of("ID")));
        }

        @Override
        public List<CheckConstraintInfo> checkConstraints(String table) {
            return List.of(new CheckConstraintInfo("CK_DIVES_SITE", "\"SITE_ID\" > 0"));
        }
    };

    @Test
    void lookupsIgnoreCase() {
        assertTrue(H2.hasTable("dives"));
        assertFalse(H2.hasTable("dive_sites"));
        assertTrue(H2.hasColumn("dives", "site_id"));
        assertFalse(H2.hasColumn("dives", "country"));
        assertFalse(H2.hasColumn("nope", "id"));
        assertTrue(H2.hasIndex("dives", "ix_dives_site_id"));
        assertFalse(H2.hasIndex("dives", "ix_other"));
        assertTrue(H2.hasForeignKey("dives", "fk_dives_site_id_dive_sites"));
        assertTrue(H2.hasUniqueConstraint("dives", "uq_dives_id"));
        assertFalse(H2.hasUniqueConstraint("dives", "uq_other"));
        assertTrue(H2.hasCheckConstraint("dives", "ck_dives_site"));
        assertFalse(H2.hasCheckConstraint("dives", "ck_other"));
    }

    @Test
    void recordsDescribeTheSchema() {
        assertEquals(Optional.of(new ColumnInfo("SITE_ID", "BIGINT", true, "0", false)), H2.column("dives", "site_id"));
        TableInfo table = H2.table("dives").orElseThrow();
        assertEquals("DIVES", table.name());
        assertEquals(2, table.columns().size());
        assertEquals(Optional.empty(), H2.table("nope"));
    }

    @Test
    void recordsAreValidated() {
        assertRejected(() -> new ColumnInfo(" ", "INT", true, null, false), "column name must not be blank");
        assertRejected(() -> new ColumnInfo("a", "", true, null, false), "the type name of column \"a\" must not be blank");
        assertRejected(() -> new IndexInfo("ix", null, false), "columns must not be null");
    }
}
