package org.divemap.migrations.test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.divemap.migrations.SchemaInspector;
import org.divemap.migrations.SchemaInspector.CheckConstraintInfo;
import org.divemap.migrations.SchemaInspector.ColumnInfo;
import org.divemap.migrations.SchemaInspector.ForeignKeyInfo;
import org.divemap.migrations.SchemaInspector.IndexInfo;
import org.divemap.migrations.SchemaInspector.UniqueConstraintInfo;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.sql.JdbcSchemaInspector;

/**
 * What a schema holds, read by introspection, as sorted lines that two snapshots can be compared
 * and diffed by: its tables; each column's type, nullability, default and auto-increment; indexes;
 * primary keys; unique constraints; check constraints with their conditions; foreign keys with their
 * actions. Column order is not part of
 * it (a column dropped and added again comes back last), and neither is data.
 *
 * <pre>{@code
 * table dive_sites
 * column dive_sites.name VARCHAR(255) not null
 * index dive_sites.idx_dive_sites_rating (rating)
 * foreign key dive_site_aliases.fk_dive_site_aliases_dive_site_id_dive_sites (dive_site_id) -> dive_sites (id) on delete CASCADE on update NO_ACTION
 * }</pre>
 */
public final class SchemaSnapshot {

    private final List<String> lines;

    private SchemaSnapshot(Collection<String> lines) {
        this.lines = List.copyOf(new TreeSet<>(lines));
    }

    /**
     * Reads the current schema of {@code connection} (the database, on MySQL), leaving out the
     * tables in {@code ignoredTables} (compared ignoring case): Divemap's version and history tables.
     */
    public static SchemaSnapshot of(Connection connection, Collection<String> ignoredTables) {
        Set<String> ignored = ignoredTables.stream().map(t -> t.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        SchemaInspector inspector = new JdbcSchemaInspector(connection, Dialect.detect(connection), null);
        List<String> lines = new ArrayList<>();
        for (String table : inspector.tableNames()) {
            if (ignored.contains(table.toLowerCase(Locale.ROOT))) {
                continue;
            }
            lines.add("table " + table);
            for (ColumnInfo column : inspector.columns(table)) {
                lines.add("column " + table + "." + column.name() + " " + column.typeName()
                        + (column.nullable() ? " null" : " not null")
                        + (column.defaultValue() != null ? " default " + column.defaultValue() : "")
                        + (column.autoIncrement() ? " auto-increment" : ""));
            }
            inspector.primaryKey(table).ifPresent(key ->
                    lines.add("primary key " + table + "." + key.name() + " " + columns(key.columns())));
            for (IndexInfo index : inspector.indexes(table)) {
                lines.add((index.unique() ? "unique index " : "index ") + table + "." + index.name() + " "
                        + columns(index.columns()));
            }
            for (UniqueConstraintInfo unique : inspector.uniqueConstraints(table)) {
                lines.add("unique constraint " + table + "." + unique.name() + " " + columns(unique.columns()));
            }
            for (CheckConstraintInfo check : inspector.checkConstraints(table)) {
                lines.add("check " + table + "." + check.name() + " " + check.condition());
            }
            for (ForeignKeyInfo key : inspector.foreignKeys(table)) {
                lines.add("foreign key " + table + "." + key.name() + " " + columns(key.columns()) + " -> "
                        + key.referredTable() + " " + columns(key.referredColumns()) + " on delete " + key.onDelete()
                        + " on update " + key.onUpdate());
            }
        }
        return new SchemaSnapshot(lines);
    }

    private static String columns(List<String> columns) {
        return "(" + String.join(", ", columns) + ")";
    }

    /** The snapshot's lines, sorted. */
    public List<String> lines() {
        return lines;
    }

    /** Whether the schema has no tables (besides the ignored ones). */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /**
     * How {@code actual} differs from this snapshot, one line per difference: {@code "- "} for what
     * this one has and {@code actual} lacks, {@code "+ "} for what {@code actual} has in addition.
     * Empty when they are equal.
     */
    public List<String> diff(SchemaSnapshot actual) {
        List<String> diff = new ArrayList<>();
        Set<String> ours = new TreeSet<>(lines);
        Set<String> theirs = new TreeSet<>(actual.lines);
        Set<String> both = new TreeSet<>(ours);
        both.addAll(theirs);
        for (String line : both) { // sorted, so a changed column's two lines sit together
            if (!theirs.contains(line)) {
                diff.add("- " + line);
            } else if (!ours.contains(line)) {
                diff.add("+ " + line);
            }
        }
        return List.copyOf(diff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchemaSnapshot other && lines.equals(other.lines);
    }

    @Override
    public int hashCode() {
        return lines.hashCode();
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
