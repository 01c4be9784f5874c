package org.divemap.migrations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Argument checks shared by the value types of {@link Operations}. Messages say what is wrong and what to do. */
final class Checks {

    private Checks() {}

    /** Returns {@code value} if it is a non-blank identifier, else throws naming {@code what}. */
    static String identifier(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null; pass a name such as \"dive_sites\"");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank; pass a name such as \"dive_sites\"");
        }
        return value;
    }

    /** Returns {@code value} if it is null or a non-blank identifier. */
    static String optionalIdentifier(String value, String what) {
        return value == null ? null : identifier(value, what);
    }

    /** Returns {@code value} if it is non-null and not blank. */
    static String text(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be " + (value == null ? "null" : "blank"));
        }
        return value;
    }

    /** Returns {@code value} if it is non-null. */
    static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    /**
     * Copies a list of column names: non-empty, each non-blank, no name twice (ignoring case, since
     * MySQL and H2 compare column names that way).
     */
    static List<String> columnNames(Collection<String> columns, String what) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException(what + " must name at least one column");
        }
        List<String> copy = new ArrayList<>(columns.size());
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            identifier(column, "a column name in " + what);
            if (!seen.add(column.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        what + " names column \"" + column + "\" twice; list each column once");
            }
            copy.add(column);
        }
        return List.copyOf(copy);
    }

    /** Varargs form of {@link #columnNames(Collection, String)}. */
    static List<String> columnNames(String[] columns, String what) {
        if (columns == null) {
            throw new IllegalArgumentException(what + " must name at least one column");
        }
        return columnNames(Arrays.asList(columns), what);
    }

    /** Refuses a constraint that has a name and is also left for the server to name. */
    static void notBothNamed(Name name, boolean namedByServer) {
        if (name != null && namedByServer) {
            throw new IllegalArgumentException("constraint \"" + name.value() + "\" both has a name and is left for"
                    + " the server to name; keep named(...) or serverNamed(), not both");
        }
    }
}
