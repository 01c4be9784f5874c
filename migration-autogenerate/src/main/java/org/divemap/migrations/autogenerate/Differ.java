package org.divemap.migrations.autogenerate;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.divemap.migrations.Operations;

/**
 * Compares what the entities map to ({@code target}) with what the database holds ({@code current})
 * and lists the {@link Change}s that turn the one into the other. Indexes, unique constraints and
 * foreign keys are matched by their columns, not their names, since Hibernate's names are hashes.
 */
final class Differ {

    private final Operations.Database database;
    private final SqlTypes types;
    private final boolean compareDefaults;

    Differ(Operations.Database database, boolean compareDefaults) {
        this.database = database;
        this.types = new SqlTypes(database);
        this.compareDefaults = compareDefaults;
    }

    List<Change> diff(SchemaModel current, SchemaModel target) {
        current = normalized(current);
        target = normalized(target);
        List<Change> changes = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (SchemaModel.TableDef table : target.tables().values()) {
            if (current.table(table.name()).isEmpty()) {
                added.add(table.name());
            }
        }
        for (SchemaModel.TableDef table : current.tables().values()) {
            if (target.table(table.name()).isEmpty()) {
                dropped.add(table.name());
            }
        }
        String renameHint = added.size() == 1 && dropped.size() == 1 ? "Maybe table " + dropped.get(0)
                + " was renamed to " + added.get(0) + "? Autogenerate cannot tell a rename from a drop and a create."
                + " If so, replace both with op.renameTable(\"" + dropped.get(0) + "\", \"" + added.get(0)
                + "\") to keep the rows." : null;
        for (String name : added) {
            createTable(changes, target.table(name).orElseThrow(), renameHint);
        }
        for (String name : dropped) {
            dropTable(changes, current.table(name).orElseThrow(), renameHint);
        }
        for (SchemaModel.TableDef table : target.tables().values()) {
            current.table(table.name()).ifPresent(existing -> alterTable(changes, existing, table));
        }
        changes.sort(Change.ORDER);
        return changes;
    }

    /** On MySQL a unique index is a unique constraint: compare them as one. */
    private SchemaModel normalized(SchemaModel model) {
        if (database != Operations.Database.MYSQL && database != Operations.Database.MARIADB) {
            return model;
        }
        Map<String, SchemaModel.TableDef> tables = new TreeMap<>();
        for (SchemaModel.TableDef t : model.tables().values()) {
            List<SchemaModel.IndexDef> indexes = new ArrayList<>();
            List<SchemaModel.UniqueDef> uniques = new ArrayList<>(t.uniques());
            for (SchemaModel.IndexDef index : t.indexes()) {
                if (index.unique()) {
                    if (uniques.stream().noneMatch(u -> SchemaModel.lower(u.columns())
                            .equals(SchemaModel.lower(index.columns())))) {
                        uniques.add(new SchemaModel.UniqueDef(index.name(), index.columns()));
                    }
                } else {
                    indexes.add(index);
                }
            }
            tables.put(t.name(), new SchemaModel.TableDef(t.name(), t.columns(), t.primaryKey(), indexes, uniques,
                    t.foreignKeys(), t.comment()));
        }
        return new SchemaModel(tables);
    }

    // ---------------------------------------------------------------- whole tables

    private void createTable(List<Change> changes, SchemaModel.TableDef table, String renameHint) {
        changes.add(new Change(Change.Phase.CREATE_TABLE, table.name(), createTableCode(table),
                CodeBlock.of("op.dropTable($S)", table.name()), renameHint == null ? List.of() : List.of(renameHint)));
        for (SchemaModel.IndexDef index : table.indexes()) {
            changes.add(createIndex(table.name(), index));
        }
        for (SchemaModel.ForeignKeyDef fk : table.foreignKeys()) {
            changes.add(addForeignKey(table.name(), fk));
        }
    }

    private void dropTable(List<Change> changes, SchemaModel.TableDef table, String renameHint) {
        for (SchemaModel.ForeignKeyDef fk : table.foreignKeys()) {
            changes.add(dropForeignKey(table.name(), fk));
        }
        for (SchemaModel.IndexDef index : table.indexes()) {
            changes.add(dropIndex(table.name(), index));
        }
        List<String> comments = new ArrayList<>();
        comments.add("Destructive: drops table " + table.name() + " and every row in it.");
        if (renameHint != null) {
            comments.add(renameHint);
        }
        changes.add(new Change(Change.Phase.DROP_TABLE, table.name(), CodeBlock.of("op.dropTable($S)", table.name()),
                createTableCode(table), comments));
    }

    private CodeBlock createTableCode(SchemaModel.TableDef table) {
        boolean inlineKey = table.primaryKey().size() == 1;
        List<CodeBlock> elements = new ArrayList<>();
        for (SchemaModel.ColumnDef column : table.columns()) {
            boolean key = inlineKey && column.name().equalsIgnoreCase(table.primaryKey().get(0));
            elements.add(Code.column(column, key));
        }
        if (table.primaryKey().size() > 1) {
            elements.add(CodeBlock.of("$T.primaryKey($L)", Code.CONSTRAINT, Code.strings(table.primaryKey())));
        }
        for (SchemaModel.UniqueDef unique : table.uniques()) {
            elements.add(Code.unique(table.name(), unique));
        }
        CodeBlock list = CodeBlock.join(elements.stream().map(e -> CodeBlock.of("\n$L", e)).toList(), ",");
        if (table.comment() != null) {
            return CodeBlock.of("op.createTable($T.of($S,$L).comment($S))", Code.TABLE, table.name(), list,
                    table.comment());
        }
        return CodeBlock.of("op.createTable($S,$L)", table.name(), list);
    }

    // ---------------------------------------------------------------- within a table

    private void alterTable(List<Change> changes, SchemaModel.TableDef current, SchemaModel.TableDef target) {
        String table = target.name();
        List<SchemaModel.ColumnDef> addedColumns = new ArrayList<>();
        List<SchemaModel.ColumnDef> droppedColumns = new ArrayList<>();
        for (SchemaModel.ColumnDef column : target.columns()) {
            if (current.column(column.name()).isEmpty()) {
                addedColumns.add(column);
            }
        }
        for (SchemaModel.ColumnDef column : current.columns()) {
            if (target.column(column.name()).isEmpty()) {
                droppedColumns.add(column);
            }
        }
        String renameHint = addedColumns.size() == 1 && droppedColumns.size() == 1 ? "Maybe column "
                + droppedColumns.get(0).name() + " was renamed to " + addedColumns.get(0).name()
                + "? Autogenerate cannot tell a rename from a drop and an add. If so, replace both with"
                + " op.alterColumn(\"" + table + "\", ColumnChange.of(\"" + droppedColumns.get(0).name()
                + "\").rename(\"" + addedColumns.get(0).name() + "\")) to keep the values." : null;
        int position = 0;
        for (SchemaModel.ColumnDef column : target.columns()) {
            position++;
            if (!addedColumns.contains(column)) {
                continue;
            }
            List<String> comments = new ArrayList<>();
            if (!column.nullable() && column.defaultValue() == null && !column.autoIncrement()) {
                comments.add("NOT NULL without a default: fails if " + table + " has rows. Add a default, or add it"
                        + " nullable, fill it in, then make it NOT NULL.");
            }
            if (renameHint != null) {
                comments.add(renameHint);
            }
            changes.add(new Change(Change.Phase.ADD_COLUMN, table + String.format(".%04d", position),
                    CodeBlock.of("op.addColumn($S, $L)", table, Code.column(column, false)),
                    CodeBlock.of("op.dropColumn($S, $S)", table, column.name()), comments));
        }
        for (SchemaModel.ColumnDef column : droppedColumns) {
            List<String> comments = new ArrayList<>();
            comments.add("Destructive: drops column " + table + "." + column.name() + " and its values.");
            if (renameHint != null) {
                comments.add(renameHint);
            }
            changes.add(new Change(Change.Phase.DROP_COLUMN, table + "." + column.name(),
                    CodeBlock.of("op.dropColumn($S, $S)", table, column.name()),
                    CodeBlock.of("op.addColumn($S, $L)", table, Code.column(column, false)), comments));
        }
        for (SchemaModel.ColumnDef column : target.columns()) {
            current.column(column.name()).ifPresent(existing ->
                    alterColumn(changes, table, existing, column, target.primaryKey()));
        }
        primaryKey(changes, current, target);
        uniques(changes, current, target);
        indexes(changes, current, target);
        foreignKeys(changes, current, target);
    }

    private void alterColumn(List<Change> changes, String table, SchemaModel.ColumnDef existing,
            SchemaModel.ColumnDef target, List<String> primaryKey) {
        boolean typeChanges = !types.same(existing.type(), target.type());
        boolean nullChanges = existing.nullable() != target.nullable();
        boolean defaultChanges = compareDefaults && !existing.autoIncrement()
                && !sameDefault(existing, target);
        boolean commentChanges = !Objects.equals(blank(existing.comment()), blank(target.comment()));
        if (!typeChanges && !nullChanges && !defaultChanges && !commentChanges) {
            return;
        }
        SchemaModel.ColumnDef after = new SchemaModel.ColumnDef(existing.name(),
                typeChanges ? target.type() : existing.type(), nullChanges ? target.nullable() : existing.nullable(),
                defaultChanges ? target.defaultValue() : existing.defaultValue(), existing.autoIncrement(),
                commentChanges ? blank(target.comment()) : existing.comment());
        List<String> comments = new ArrayList<>();
        if (typeChanges && SqlTypes.narrows(existing.type(), target.type())) {
            comments.add("Destructive: narrows the type from " + types.stored(existing.type()) + " to "
                    + types.stored(target.type()) + "; values that do not fit are rejected or cut.");
        }
        if (nullChanges && !target.nullable()) {
            comments.add("NOT NULL: fails if " + table + "." + existing.name() + " holds NULL; update those rows first.");
        }
        changes.add(new Change(Change.Phase.ALTER_COLUMN, table + "." + existing.name(),
                CodeBlock.of("op.alterColumn($S, $L)", table, columnChange(existing, after, typeChanges, nullChanges,
                        defaultChanges, commentChanges)),
                CodeBlock.of("op.alterColumn($S, $L)", table, columnChange(after, existing, typeChanges, nullChanges,
                        defaultChanges, commentChanges)),
                comments));
    }

    private boolean sameDefault(SchemaModel.ColumnDef a, SchemaModel.ColumnDef b) {
        if (a.defaultValue() == null || b.defaultValue() == null) {
            return a.defaultValue() == b.defaultValue();
        }
        return Defaults.same(a.defaultValue(), b.defaultValue());
    }

    private static String blank(String comment) {
        return comment == null || comment.isEmpty() ? null : comment;
    }

    private static CodeBlock columnChange(SchemaModel.ColumnDef from, SchemaModel.ColumnDef to, boolean type,
            boolean nullable, boolean defaultValue, boolean comment) {
        CodeBlock.Builder code = CodeBlock.builder().add("$T.of($L)", Code.COLUMN_CHANGE, Code.column(from, false));
        if (type) {
            code.add(".type($L)", Code.type(to.type()));
        }
        if (nullable) {
            code.add(".nullable($L)", to.nullable());
        }
        if (defaultValue) {
            if (to.defaultValue() == null) {
                code.add(".dropDefault()");
            } else {
                code.add(".defaultValue($L)", Code.defaultValue(to.defaultValue()));
            }
        }
        if (comment) {
            code.add(".comment($S)", to.comment() == null ? "" : to.comment());
        }
        return code.build();
    }

    private void primaryKey(List<Change> changes, SchemaModel.TableDef current, SchemaModel.TableDef target) {
        if (SchemaModel.lower(current.primaryKey()).equals(SchemaModel.lower(target.primaryKey()))) {
            return;
        }
        String table = target.name();
        if (!current.primaryKey().isEmpty()) {
            CodeBlock key = CodeBlock.of("$T.primaryKey($L)", Code.CONSTRAINT, Code.strings(current.primaryKey()));
            changes.add(new Change(Change.Phase.DROP_PRIMARY_KEY, table, CodeBlock.of("op.dropConstraint($S, $L)",
                    table, key), CodeBlock.of("op.addConstraint($S, $L)", table, key), List.of()));
        }
        if (!target.primaryKey().isEmpty()) {
            CodeBlock key = CodeBlock.of("$T.primaryKey($L)", Code.CONSTRAINT, Code.strings(target.primaryKey()));
            changes.add(new Change(Change.Phase.ADD_PRIMARY_KEY, table, CodeBlock.of("op.addConstraint($S, $L)",
                    table, key), CodeBlock.of("op.dropConstraint($S, $L)", table, key), List.of()));
        }
    }

    private void uniques(List<Change> changes, SchemaModel.TableDef current, SchemaModel.TableDef target) {
        String table = target.name();
        for (SchemaModel.UniqueDef unique : target.uniques()) {
            if (current.uniques().stream().noneMatch(u -> sameColumns(u.columns(), unique.columns()))) {
                CodeBlock constraint = Code.unique(table, unique);
                changes.add(new Change(Change.Phase.ADD_UNIQUE, table + "." + Code.uniqueName(table, unique),
                        CodeBlock.of("op.addConstraint($S, $L)", table, constraint),
                        CodeBlock.of("op.dropConstraint($S, $L)", table, constraint), List.of()));
            }
        }
        for (SchemaModel.UniqueDef unique : current.uniques()) {
            if (target.uniques().stream().noneMatch(u -> sameColumns(u.columns(), unique.columns()))) {
                CodeBlock constraint = Code.unique(table, unique);
                changes.add(new Change(Change.Phase.DROP_UNIQUE, table + "." + unique.name(),
                        CodeBlock.of("op.dropConstraint($S, $L)", table, constraint),
                        CodeBlock.of("op.addConstraint($S, $L)", table, constraint), List.of()));
            }
        }
    }

    private void indexes(List<Change> changes, SchemaModel.TableDef current, SchemaModel.TableDef target) {
        String table = target.name();
        for (SchemaModel.IndexDef index : target.indexes()) {
            if (current.indexes().stream().noneMatch(i -> sameIndex(i, index))) {
                changes.add(createIndex(table, index));
            }
        }
        for (SchemaModel.IndexDef index : current.indexes()) {
            if (target.indexes().stream().noneMatch(i -> sameIndex(i, index))) {
                changes.add(dropIndex(table, index));
            }
        }
    }

    private void foreignKeys(List<Change> changes, SchemaModel.TableDef current, SchemaModel.TableDef target) {
        String table = target.name();
        for (SchemaModel.ForeignKeyDef fk : target.foreignKeys()) {
            if (current.foreignKeys().stream().noneMatch(f -> sameForeignKey(f, fk))) {
                changes.add(addForeignKey(table, fk));
            }
        }
        for (SchemaModel.ForeignKeyDef fk : current.foreignKeys()) {
            if (target.foreignKeys().stream().noneMatch(f -> sameForeignKey(f, fk))) {
                changes.add(dropForeignKey(table, fk));
            }
        }
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        return SchemaModel.lower(a).equals(SchemaModel.lower(b));
    }

    private static boolean sameIndex(SchemaModel.IndexDef a, SchemaModel.IndexDef b) {
        return a.unique() == b.unique() && sameColumns(a.columns(), b.columns());
    }

    private static boolean sameForeignKey(SchemaModel.ForeignKeyDef a, SchemaModel.ForeignKeyDef b) {
        return a.signature().equals(b.signature()) && a.onDelete() == b.onDelete() && a.onUpdate() == b.onUpdate();
    }

    private static Change createIndex(String table, SchemaModel.IndexDef index) {
        return new Change(Change.Phase.CREATE_INDEX, table + "." + Code.indexName(table, index),
                CodeBlock.of("op.createIndex($S, $L)", table, Code.index(table, index)),
                CodeBlock.of("op.dropIndex($S, $S)", table, Code.indexName(table, index)), List.of());
    }

    private static Change dropIndex(String table, SchemaModel.IndexDef index) {
        return new Change(Change.Phase.DROP_INDEX, table + "." + Code.indexName(table, index),
                CodeBlock.of("op.dropIndex($S, $S)", table, Code.indexName(table, index)),
                CodeBlock.of("op.createIndex($S, $L)", table, Code.index(table, index)), List.of());
    }

    private static Change addForeignKey(String table, SchemaModel.ForeignKeyDef fk) {
        CodeBlock constraint = Code.foreignKey(table, fk);
        return new Change(Change.Phase.ADD_FOREIGN_KEY, table + "." + Code.foreignKeyName(table, fk),
                CodeBlock.of("op.addConstraint($S, $L)", table, constraint),
                CodeBlock.of("op.dropConstraint($S, $L)", table, constraint), List.of());
    }

    private static Change dropForeignKey(String table, SchemaModel.ForeignKeyDef fk) {
        CodeBlock constraint = Code.foreignKey(table, fk);
        return new Change(Change.Phase.DROP_FOREIGN_KEY, table + "." + Code.foreignKeyName(table, fk),
                CodeBlock.of("op.dropConstraint($S, $L)", table, constraint),
                CodeBlock.of("op.addConstraint($S, $L)", table, constraint), List.of());
    }
}
