package org.divemap.migrations.autogenerate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.divemap.migrations.DefaultValue;
import org.divemap.migrations.ReferentialAction;
import org.divemap.migrations.Type;

/**
 * A schema in Divemap's own terms, as the entities map it or as the database holds it: tables with
 * their columns ({@link Type}s), primary key, indexes, unique constraints and foreign keys. Both
 * sides are read into this shape so that one comparison serves every database. Names are kept as
 * written; look-ups ignore case, since H2 stores unquoted names in upper case.
 */
record SchemaModel(Map<String, TableDef> tables) {

    SchemaModel {
        Map<String, TableDef> sorted = new TreeMap<>();
        tables.values().forEach(t -> sorted.put(key(t.name()), t));
        tables = Collections.unmodifiableMap(sorted);
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    Optional<TableDef> table(String name) {
        return Optional.ofNullable(tables.get(key(name)));
    }

    /** A column: its type as a {@link Type}, and what else a migration states about it. */
    record ColumnDef(String name, Type type, boolean nullable, DefaultValue defaultValue, boolean autoIncrement,
            String comment) {
        ColumnDef {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** An index; {@code explicitName} when the entity (or the database) gave it its name on purpose. */
    record IndexDef(String name, List<String> columns, boolean unique) {
        IndexDef {
            columns = List.copyOf(columns);
        }
    }

    /** A unique constraint. */
    record UniqueDef(String name, List<String> columns) {
        UniqueDef {
            columns = List.copyOf(columns);
        }
    }

    /** A foreign key; actions are {@code null} when none is given ({@code NO ACTION}/{@code RESTRICT}). */
    record ForeignKeyDef(String name, List<String> columns, String referredTable, List<String> referredColumns,
            ReferentialAction onDelete, ReferentialAction onUpdate) {
        ForeignKeyDef {
            columns = List.copyOf(columns);
            referredColumns = List.copyOf(referredColumns);
            onDelete = effective(onDelete);
            onUpdate = effective(onUpdate);
        }

        /** {@code RESTRICT} and {@code NO ACTION} behave alike on every supported database and are stored either way. */
        private static ReferentialAction effective(ReferentialAction action) {
            return action == ReferentialAction.NO_ACTION || action == ReferentialAction.RESTRICT ? null : action;
        }

        /** What identifies the key whatever its name: columns, referred table and columns, lower case. */
        String signature() {
            return lower(columns) + "->" + key(referredTable) + lower(referredColumns);
        }
    }

    /** A table. */
    record TableDef(String name, List<ColumnDef> columns, List<String> primaryKey, List<IndexDef> indexes,
            List<UniqueDef> uniques, List<ForeignKeyDef> foreignKeys, String comment) {
        TableDef {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            indexes = sortedBy(indexes, i -> lower(i.columns()) + i.unique() + i.name());
            uniques = sortedBy(uniques, u -> lower(u.columns()) + u.name());
            foreignKeys = sortedBy(foreignKeys, f -> f.signature() + f.name());
        }

        Optional<ColumnDef> column(String name) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
        }
    }

    static String lower(List<String> names) {
        List<String> lower = new ArrayList<>();
        names.forEach(n -> lower.add(key(n)));
        return lower.toString();
    }

    private static <T> List<T> sortedBy(List<T> items, java.util.function.Function<T, String> key) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(java.util.Comparator.comparing(key));
        return List.copyOf(sorted);
    }
}
