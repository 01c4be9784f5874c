package org.divemap.migrations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An index, for {@link Operations#createIndex(String, Index)} and
 * {@link Operations#dropIndex(String, Index)}:
 *
 * <pre>{@code
 * Index.on("country", "region")                        // CREATE INDEX ix_dive_sites_country_region ...
 * Index.uniqueOn("email").named("ix_users_email")      // CREATE UNIQUE INDEX ...
 * Index.on("description").prefixLength("description", 191)   // MySQL: (description(191))
 * Index.fulltextOn("name", "description")              // MySQL FULLTEXT
 * Index.spatialOn("location")                          // MySQL SPATIAL
 * Index.on("site_id").where("deleted_at IS NULL")      // PostgreSQL partial index
 * }</pre>
 *
 * <p>An index without a name is named by the {@link NamingConvention} ({@code ix_{table}_{columns}}
 * by default). To build it without blocking writes, see {@link OnlineDdl} ({@code CONCURRENTLY} on
 * PostgreSQL, {@code ALGORITHM}/{@code LOCK} on MySQL).
 *
 * @param name the name, or {@code null} for the naming convention's
 * @param columns the indexed columns, in order
 * @param kind plain, unique, full-text or spatial
 * @param prefixLengths MySQL prefix lengths by column: index only the first {@code n} characters (or
 *     bytes) of a long text column; empty for whole columns. Other databases index whole columns.
 * @param where a PostgreSQL partial-index condition ({@code WHERE ...}), passed through unchanged,
 *     or {@code null} for a full index. MySQL has no partial indexes and refuses it; H2 ignores it.
 */
public record Index(Name name, List<String> columns, Kind kind, Map<String, Integer> prefixLengths, String where) {

    /** The kinds of index. */
    public enum Kind {
        /** An ordinary index: {@code CREATE INDEX}. */
        STANDARD,
        /** {@code CREATE UNIQUE INDEX}: no two rows share the same values in the columns. */
        UNIQUE,
        /**
         * MySQL {@code FULLTEXT} (for {@code MATCH ... AGAINST}). PostgreSQL has no direct equivalent;
         * its dialect builds a GIN index over {@code to_tsvector(...)} or refuses.
         */
        FULLTEXT,
        /** MySQL {@code SPATIAL}, on one {@code NOT NULL} geometry column; PostgreSQL uses GiST. */
        SPATIAL
    }

    /**
     * Checks the index: at least one column, none blank or repeated; a spatial index has exactly one
     * column; prefix lengths name indexed columns, are positive, and are not used on full-text or
     * spatial indexes; a {@code where} condition is not blank and is only used on standard or unique
     * indexes.
     */
    public Index {
        columns = Checks.columnNames(columns, "an index");
        Checks.notNull(kind, "index kind");
        Checks.notNull(prefixLengths, "prefix lengths (use an empty map for none)");
        if (kind == Kind.SPATIAL && columns.size() != 1) {
            throw new IllegalArgumentException("a SPATIAL index covers exactly one column, but " + columns
                    + " were given; create one spatial index per column");
        }
        if (!prefixLengths.isEmpty() && (kind == Kind.FULLTEXT || kind == Kind.SPATIAL)) {
            throw new IllegalArgumentException(
                    "a " + kind + " index always covers whole columns; remove the prefix lengths " + prefixLengths);
        }
        Map<String, Integer> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : prefixLengths.entrySet()) {
            String column = entry.getKey();
            if (!columns.contains(column)) {
                throw new IllegalArgumentException("prefix length given for column \"" + column
                        + "\", which is not one of the indexed columns " + columns);
            }
            Integer length = entry.getValue();
            if (length == null || length <= 0) {
                throw new IllegalArgumentException("prefix length of column \"" + column
                        + "\" must be greater than 0 but was " + length + "; for example 191");
            }
        }
        // Keep column order, so renderers and equals see one canonical map.
        for (String column : columns) {
            if (prefixLengths.containsKey(column)) {
                copy.put(column, prefixLengths.get(column));
            }
        }
        prefixLengths = Collections.unmodifiableMap(copy);
        if (where != null) {
            if (where.isBlank()) {
                throw new IllegalArgumentException("a partial index condition must not be blank; leave where(...) out"
                        + " for a full index");
            }
            if (kind == Kind.FULLTEXT || kind == Kind.SPATIAL) {
                throw new IllegalArgumentException("a " + kind + " index cannot be partial; remove where(\"" + where
                        + "\")");
            }
        }
    }

    /** A standard index on these columns, in order, named by the naming convention. */
    public static Index on(String... columns) {
        return new Index(null, Checks.columnNames(columns, "an index"), Kind.STANDARD, Map.of(), null);
    }

    /** A unique index on these columns, in order, named by the naming convention. */
    public static Index uniqueOn(String... columns) {
        return new Index(null, Checks.columnNames(columns, "an index"), Kind.UNIQUE, Map.of(), null);
    }

    /** A MySQL {@code FULLTEXT} index on these text columns, named by the naming convention. */
    public static Index fulltextOn(String... columns) {
        return new Index(null, Checks.columnNames(columns, "an index"), Kind.FULLTEXT, Map.of(), null);
    }

    /** A MySQL {@code SPATIAL} index on one geometry column, named by the naming convention. */
    public static Index spatialOn(String column) {
        return new Index(null, List.of(Checks.identifier(column, "spatial index column")), Kind.SPATIAL, Map.of(),
                null);
    }

    /** Whether this is a {@link Kind#UNIQUE unique} index. */
    public boolean isUnique() {
        return kind == Kind.UNIQUE;
    }

    /**
     * A copy with this name. A convention template containing {@code {constraint}} still builds on
     * it; use {@link #named(Name)} with {@link Operations#f(String) op.f(name)} for a final name.
     */
    public Index named(String name) {
        return named(Name.of(name));
    }

    /** A copy with this name; see {@link Name}. */
    public Index named(Name name) {
        return new Index(Checks.notNull(name, "index name"), columns, kind, prefixLengths, where);
    }

    /**
     * A copy that indexes only the first {@code length} characters of {@code column} (MySQL
     * {@code column(length)}), as MySQL needs for {@code TEXT} and long {@code VARCHAR} columns.
     *
     * @throws IllegalArgumentException if {@code column} is not indexed here or {@code length <= 0}
     */
    public Index prefixLength(String column, int length) {
        Map<String, Integer> lengths = new LinkedHashMap<>(prefixLengths);
        lengths.put(Checks.identifier(column, "prefix length column"), length);
        return new Index(name, columns, kind, lengths, where);
    }

    /**
     * A copy that indexes only the rows matching {@code condition} (PostgreSQL
     * {@code CREATE INDEX ... WHERE condition}).
     *
     * @throws IllegalArgumentException if {@code condition} is blank, or this is a full-text or
     *     spatial index
     */
    public Index where(String condition) {
        Checks.notNull(condition, "partial index condition");
        return new Index(name, columns, kind, prefixLengths, condition);
    }
}
