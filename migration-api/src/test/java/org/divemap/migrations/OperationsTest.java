package org.divemap.migrations;

import static org.divemap.migrations.ApiAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationsTest {

    private final RecordingOperations recorder = RecordingOperations.create();
    private final Operations op = recorder.operations();

    @Test
    void theDesignExampleCompilesAndPassesTheColumn() {
        op.addColumn("dive_sites", Column.of("country", Type.varchar(100)).nullable());
        op.dropColumn("dive_sites", "country");
        assertEquals(List.of(
                List.of("addColumn", "dive_sites", Column.of("country", Type.varchar(100)).nullable()),
                List.of("dropColumn", "dive_sites", "country")), recorder.calls());
    }

    @Test
    void createTableWithElementsBuildsATable() {
        Column id = Column.of("id", Type.bigint()).autoIncrement().primaryKey();
        Constraint unique = Constraint.unique("id").named("x");
        op.createTable("t", id, unique);
        assertEquals(List.of(List.of("createTable", new Table("t", List.of(id), List.of(unique), TableOptions.NONE))),
                recorder.calls());
        assertRejected(() -> op.createTable("t"), "table \"t\" needs at least one column");
    }

    @Test
    void fMarksANameFinal() {
        assertEquals(new Name("ix_exact", true), op.f("ix_exact"));
        assertRejected(() -> op.f(" "), "a constraint or index name must not be blank");
    }

    @Test
    void dropIndexAndDropConstraintNameObjectsAsTheConventionDoes() {
        op.dropIndex("dive_sites", Index.on("country", "region"));
        op.dropConstraint("dives", Constraint.foreignKey("site_id", "dive_sites", "id"));
        op.dropConstraint("dives", Constraint.check("max_depth > 0").named(op.f("exact_name")));
        assertEquals(List.of(
                List.of("dropIndex", "dive_sites", "ix_dive_sites_country_region"),
                List.of("dropConstraint", "dives", "fk_dives_site_id_dive_sites", Constraint.Kind.FOREIGN_KEY),
                List.of("dropConstraint", "dives", "exact_name", Constraint.Kind.CHECK)), recorder.calls());
    }

    @Test
    void droppingAnUnnamedObjectWithoutAConventionIsRejected() {
        Operations none = RecordingOperations.create(NamingConvention.NONE).operations();
        assertRejected(() -> none.dropIndex("t", Index.on("a")),
                "cannot drop the unnamed index on t[a]", "Name it with .named(...)");
        assertRejected(() -> none.dropConstraint("t", Constraint.unique("a")),
                "cannot drop the unnamed UNIQUE constraint on t[a]");
    }

    @Test
    void bulkInsertOfMapsUsesSortedColumnsAndKeepsNulls() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("name", "Blue Hole");
        first.put("country", "BZ");
        first.put("id", 1);
        Map<String, Object> second = new HashMap<>();
        second.put("id", 2);
        second.put("country", null);
        second.put("name", "Thistlegorm");

        op.bulkInsert("dive_sites", List.of(first, second));

        List<Object> call = recorder.calls().get(0);
        assertEquals("bulkInsert", call.get(0));
        assertEquals("dive_sites", call.get(1));
        assertEquals(List.of("country", "id", "name"), call.get(2));
        assertEquals(List.of(List.of("BZ", 1, "Blue Hole"), java.util.Arrays.asList(null, 2, "Thistlegorm")),
                call.get(3));
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = (List<List<Object>>) call.get(3);
        assertThrows(UnsupportedOperationException.class, () -> rows.get(0).set(0, "x"));
    }

    @Test
    void bulkInsertOfMapsRejectsRowsWithOtherKeys() {
        assertRejected(() -> op.bulkInsert("t", List.of(Map.of("a", 1, "b", 2), Map.of("a", 3))),
                "row 1 of the insert into t has columns [a] but row 0 has [a, b]", "with null for NULL");
        assertRejected(() -> op.bulkInsert("t", List.of(Map.of())), "must name at least one column");
    }

    @Test
    void bulkInsertOfNoMapsInsertsNothing() {
        op.bulkInsert("t", List.of());
        assertEquals(List.of(), recorder.calls());
    }
}
