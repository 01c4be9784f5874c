package org.divemap.migrations;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Options of a new table beyond its columns and constraints: a comment on every database, and the
 * MySQL/MariaDB table options that PostgreSQL and H2 do not have (and ignore).
 *
 * <pre>{@code
 * TableOptions.NONE.comment("Places people dive").engine("InnoDB").charset("utf8mb4").collation("utf8mb4_0900_ai_ci")
 * TableOptions.NONE.mysqlOption("ROW_FORMAT", "DYNAMIC")
 * }</pre>
 *
 * @param comment the table comment ({@code COMMENT '...'} on MySQL, {@code COMMENT ON TABLE}
 *     elsewhere), or {@code null} for none
 * @param engine the MySQL storage engine ({@code ENGINE=InnoDB}), or {@code null} for the server's
 *     default
 * @param charset the MySQL default character set ({@code DEFAULT CHARSET=utf8mb4}), or {@code null}
 * @param collation the MySQL default collation ({@code COLLATE=utf8mb4_0900_ai_ci}), or {@code null}
 * @param mysqlOptions further MySQL table options rendered as {@code KEY=value}, sorted by key so the
 *     SQL is the same on every run; never {@code null}
 */
public record TableOptions(String comment, String engine, String charset, String collation,
        Map<String, String> mysqlOptions) {

    /** No options: no comment, and the server's defaults for everything else. */
    public static final TableOptions NONE = new TableOptions(null, null, null, null, Map.of());

    private static final Pattern OPTION_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Set<String> DEDICATED_KEYS = Set.of(
            "ENGINE", "CHARSET", "DEFAULT_CHARSET", "CHARACTER_SET", "COLLATE", "COLLATION", "COMMENT");

    /**
     * Checks that the named options are null or non-blank, and that each further MySQL option has a
     * key like {@code ROW_FORMAT} (letters, digits, underscores), a non-blank value, and is not one of
     * the options that have their own component.
     */
    public TableOptions {
        if (engine != null) {
            Checks.text(engine, "table engine");
        }
        if (charset != null) {
            Checks.text(charset, "table charset");
        }
        if (collation != null) {
            Checks.text(collation, "table collation");
        }
        Checks.notNull(mysqlOptions, "MySQL table options (use an empty map for none)");
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> option : mysqlOptions.entrySet()) {
            String key = option.getKey();
            if (key == null || !OPTION_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("MySQL table option key \"" + key
                        + "\" must be a word such as ROW_FORMAT or KEY_BLOCK_SIZE");
            }
            String upper = key.toUpperCase(Locale.ROOT);
            if (DEDICATED_KEYS.contains(upper)) {
                throw new IllegalArgumentException("MySQL table option " + key + " has its own method; use "
                        + "TableOptions." + dedicatedMethod(upper) + "(...) instead of mysqlOption(\"" + key + "\", ...)");
            }
            Checks.text(option.getValue(), "the value of MySQL table option " + key);
            sorted.put(upper, option.getValue());
        }
        mysqlOptions = Collections.unmodifiableMap(sorted);
    }

    private static String dedicatedMethod(String key) {
        switch (key) {
            case "ENGINE":
                return "engine";
            case "COMMENT":
                return "comment";
            case "COLLATE":
            case "COLLATION":
                return "collation";
            default:
                return "charset";
        }
    }

    /** A copy with this table comment. */
    public TableOptions comment(String comment) {
        Checks.notNull(comment, "table comment");
        return new TableOptions(comment, engine, charset, collation, mysqlOptions);
    }

    /** A copy with this MySQL storage engine, e.g. {@code "InnoDB"}. */
    public TableOptions engine(String engine) {
        return new TableOptions(comment, Checks.text(engine, "table engine"), charset, collation, mysqlOptions);
    }

    /** A copy with this MySQL default character set, e.g. {@code "utf8mb4"}. */
    public TableOptions charset(String charset) {
        return new TableOptions(comment, engine, Checks.text(charset, "table charset"), collation, mysqlOptions);
    }

    /** A copy with this MySQL default collation, e.g. {@code "utf8mb4_0900_ai_ci"}. */
    public TableOptions collation(String collation) {
        return new TableOptions(comment, engine, charset, Checks.text(collation, "table collation"), mysqlOptions);
    }

    /**
     * A copy with one more MySQL table option, rendered {@code KEY=value}: {@code ROW_FORMAT=DYNAMIC},
     * {@code AUTO_INCREMENT=1000}. Replaces an earlier value for the same key.
     *
     * @throws IllegalArgumentException if the key is not a word, is one with its own method
     *     ({@code ENGINE}, {@code CHARSET}, {@code COLLATE}, {@code COMMENT}), or the value is blank
     */
    public TableOptions mysqlOption(String key, String value) {
        Checks.notNull(key, "MySQL table option key (e.g. ROW_FORMAT)");
        Map<String, String> options = new TreeMap<>(mysqlOptions);
        options.put(key.toUpperCase(Locale.ROOT), value);
        return new TableOptions(comment, engine, charset, collation, options);
    }
}
