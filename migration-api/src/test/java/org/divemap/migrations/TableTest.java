package org.divemap.migrations;

import static org.divemap.migrations.ApiAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableTest {

    private static final Column ID = Column.of("id", Type.bigint()).autoIncrement().primaryKey();
    private static final Column SITE_ID = Column.of("site_id", Type.bigint());

    @Test
    void ofSplitsColumnsFromConstraintsKeepingOrder() {
        Constraint.ForeignKey fk = Constraint.foreignKey("site_id", "dive_sites", "id");
        Constraint.Check check = Constraint.check("max_depth > 0").named("max_depth_positive");
        Column depth = Column.of("max_depth", Type.decimal(5, 1)).nullable();

        Table table = Table.of("dives", ID, fk, SITE_ID, check, depth);

        assertEquals("dives", table.name());
        assertEquals(List.of(ID, SITE_ID, depth), table.columns());
        assertEquals(List.of(fk, check), table.constraints());
        assertEquals(TableOptions.NONE, table.options());
        assertEquals(Optional.of(SITE_ID), table.column("SITE_ID"));
        assertEquals(Optional.empty(), table.column("nope"));
        assertThrows(UnsupportedOperationException.class, () -> table.columns().add(ID));
    }

    @Test
    void optionsWithersReturnCopies() {
        Table table = Table.of("dives", ID);
        Table commented = table.comment("One logged dive");
        assertEquals(TableOptions.NONE, table.options());
        assertEquals("One logged dive", commented.options().comment());
        Table withOptions = commented.options(TableOptions.NONE.engine("InnoDB"));
        assertEquals("InnoDB", withOptions.options().engine());
        assertEquals(null, withOptions.options().comment());
    }

    @Test
    void aTableNeedsColumns() {
        assertRejected(() -> Table.of("dives"), "table \"dives\" needs at least one column");
        assertRejected(() -> Table.of(" ", ID), "table name must not be blank");
        assertRejected(() -> Table.of("dives", ID, null), "a column or constraint of table \"dives\" must not be null");
    }

    @Test
    void columnNamesAreUniqueIgnoringCase() {
        assertRejected(() -> Table.of("dives", ID, Column.of("ID", Type.integer())),
                "table \"dives\" defines column \"ID\" twice");
    }

    @Test
    void constraintsMustNameDefinedColumns() {
        assertRejected(() -> Table.of("dives", ID, Constraint.unique("site_id")),
                "table \"dives\": the unique constraint [site_id] names column \"site_id\", which the table does not define");
        assertRejected(() -> Table.of("dives", ID, SITE_ID, Constraint.foreignKey("parent_id", "dives", "id")),
                "names column \"parent_id\"");
        assertRejected(() -> Table.of("dives", ID, SITE_ID, Constraint.foreignKey("site_id", "dives", "nope")),
                "refers to column \"nope\" of the same table");
    }

    @Test
    void thePrimaryKeyIsDeclaredOnce() {
        assertRejected(() -> Table.of("dives", ID, SITE_ID, Constraint.primaryKey("site_id")),
                "table \"dives\" declares its primary key twice: on column(s) [id]");
        Column plainId = Column.of("id", Type.bigint());
        assertRejected(() -> Table.of("dives", plainId, SITE_ID, Constraint.primaryKey("id"),
                Constraint.primaryKey("site_id")), "declares two primary keys");
        assertRejected(() -> Table.of("dives", plainId.nullable(), Constraint.primaryKey("id")),
                "primary key column \"id\" is nullable");
    }

    @Test
    void compositePrimaryKeysFromColumnsAreAllowed() {
        Table table = Table.of("dive_tags", Column.of("dive_id", Type.bigint()).primaryKey(),
                Column.of("tag", Type.varchar(50)).primaryKey());
        assertEquals(2, table.columns().size());
    }

    @Test
    void atMostOneAutoIncrementColumn() {
        assertRejected(() -> Table.of("dives", ID, Column.of("seq", Type.integer()).autoIncrement()),
                "two auto-increment columns, \"id\" and \"seq\"");
    }

    @Test
    void constraintNamesAreUnique() {
        assertRejected(() -> Table.of("dives", ID, SITE_ID, Constraint.unique("site_id").named("x"),
                Constraint.check("site_id > 0").named("X")), "two constraints named \"X\"");
    }

    @Test
    void tableOptionsAreChecked() {
        TableOptions options = TableOptions.NONE.comment("c").engine("InnoDB").charset("utf8mb4")
                .collation("utf8mb4_0900_ai_ci").mysqlOption("row_format", "DYNAMIC").mysqlOption("AUTO_INCREMENT", "5");
        assertEquals(Map.of("ROW_FORMAT", "DYNAMIC", "AUTO_INCREMENT", "5"), options.mysqlOptions());
        assertEquals(List.of("AUTO_INCREMENT", "ROW_FORMAT"), List.copyOf(options.mysqlOptions().keySet()));
        assertEquals(Map.of(), TableOptions.NONE.mysqlOptions());
        assertRejected(() -> TableOptions.NONE.mysqlOption("engine", "InnoDB"),
                "MySQL table option ENGINE has its own method; use TableOptions.engine(...)");
        assertRejected(() -> TableOptions.NONE.mysqlOption("ROW FORMAT", "DYNAMIC"), "must be a word");
        assertRejected(() -> TableOptions.NONE.mysqlOption("ROW_FORMAT", " "),
                "the value of MySQL table option ROW_FORMAT must not be blank");
        assertRejected(() -> TableOptions.NONE.engine(""), "table engine must not be blank");
    }
}
