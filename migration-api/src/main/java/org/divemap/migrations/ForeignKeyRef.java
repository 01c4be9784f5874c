package org.divemap.migrations;

import java.util.List;
import java.util.Locale;

/**
 * Which foreign key of a table is meant, by its columns rather than its name: for a constraint
 * the database named ({@link Constraint#serverNamed()}, or one created by Alembic's
 * {@code op.create_foreign_key(None, ...)}), whose name differs between databases and between
 * servers.
 *
 * <pre>{@code
 * op.dropForeignKey("dives", ForeignKeyRef.on("diving_center_id"));
 * op.dropForeignKey("dives", ForeignKeyRef.on("site_id").referring("dive_sites"));
 * }</pre>
 *
 * <p>Names are compared ignoring case, as {@link SchemaInspector} compares them.
 *
 * @param columns the referencing columns, in order
 * @param referredTable the referenced table, or {@code null} for any
 */
public record ForeignKeyRef(List<String> columns, String referredTable) {

    /** Checks the columns (at least one, none blank or repeated) and the referred table if given. */
    public ForeignKeyRef {
        columns = Checks.columnNames(columns, "a foreign key reference");
        Checks.optionalIdentifier(referredTable, "the referred table of a foreign key reference");
    }

    /** The foreign key on these referencing columns, in order, whatever table it refers to. */
    public static ForeignKeyRef on(String... columns) {
        return new ForeignKeyRef(Checks.columnNames(columns, "a foreign key reference"), null);
    }

    /** A copy that matches only a foreign key referring to {@code table}. */
    public ForeignKeyRef referring(String table) {
        return new ForeignKeyRef(columns, Checks.identifier(table, "the referred table of a foreign key reference"));
    }

    /** Whether {@code key} is the foreign key this reference means. */
    public boolean matches(SchemaInspector.ForeignKeyInfo key) {
        return sameNames(columns, key.columns())
                && (referredTable == null || referredTable.equalsIgnoreCase(key.referredTable()));
    }

    static boolean sameNames(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).toLowerCase(Locale.ROOT).equals(b.get(i).toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /** {@code on(diving_center_id)}, {@code on(site_id) referring dive_sites}. */
    @Override
    public String toString() {
        return "ForeignKeyRef.on(" + String.join(", ", columns) + ")"
                + (referredTable == null ? "" : ".referring(" + referredTable + ")");
    }
}
