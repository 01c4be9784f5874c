package org.divemap.migrations.autogenerate;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;
import org.divemap.migrations.DefaultValue;
import org.divemap.migrations.Type;

/**
 * Reads a server default as a database reports it ({@code 'open'}, {@code 'open'::character varying},
 * {@code current_timestamp()}, {@code 0}) or as {@code @ColumnDefault} writes it, into a
 * {@link DefaultValue}; what is neither a literal nor the current time stays an expression.
 */
final class Defaults {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern CAST = Pattern.compile("::[a-z ]+(\\(\\d+(,\\d+)?\\))?( with(out)? time zone)?$",
            Pattern.CASE_INSENSITIVE);

    private Defaults() {}

    /**
     * @param raw the default's text, or null for none
     * @param type the column's type, which says how an unquoted literal reads (MySQL stores text
     *     defaults without quotes)
     * @return the default, or null when there is none (or it is the sequence behind an identity column)
     */
    static DefaultValue parse(String raw, Type type) {
        if (raw == null) {
            return null;
        }
        String text = raw.strip();
        while (text.startsWith("(") && text.endsWith(")") && balanced(text.substring(1, text.length() - 1))) {
            text = text.substring(1, text.length() - 1).strip();
        }
        text = CAST.matcher(text).replaceFirst("");
        String lower = text.toLowerCase(Locale.ROOT);
        if (text.isEmpty() && !isText(type) || lower.equals("null") || lower.startsWith("nextval(")) {
            return null;
        }
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            String value = text.substring(1, text.length() - 1).replace("''", "'");
            return literal(value, type);
        }
        if (lower.matches("current_timestamp(\\(\\d?\\))?|now\\(\\)|localtimestamp(\\(\\d?\\))?")) {
            return DefaultValue.currentTimestamp();
        }
        if (lower.equals("true") || lower.equals("false")) {
            return DefaultValue.of(Boolean.parseBoolean(lower));
        }
        if (NUMBER.matcher(text).matches()) {
            return literal(text, type);
        }
        if (isText(type)) { // MySQL keeps a text default without its quotes
            return DefaultValue.of(text);
        }
        return DefaultValue.expression(text);
    }

    private static DefaultValue literal(String value, Type type) {
        if (type.kind() == Type.Kind.BOOLEAN && (value.equals("0") || value.equals("1")
                || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
            return DefaultValue.of(value.equals("1") || value.equalsIgnoreCase("true"));
        }
        if (!isText(type) && NUMBER.matcher(value).matches()) {
            return DefaultValue.of(new BigDecimal(value));
        }
        return DefaultValue.of(value);
    }

    private static boolean isText(Type type) {
        return switch (type.kind()) {
            case CHAR, VARCHAR, TEXT, MEDIUM_TEXT, LONG_TEXT, ENUM -> true;
            default -> false;
        };
    }

    private static boolean balanced(String text) {
        int depth = 0;
        for (char c : text.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /** Whether two defaults are the same value: numbers compare by value. */
    static boolean same(DefaultValue a, DefaultValue b) {
        if (a instanceof DefaultValue.Numeric x && b instanceof DefaultValue.Numeric y) {
            return x.value().compareTo(y.value()) == 0;
        }
        if (a instanceof DefaultValue.Expression x && b instanceof DefaultValue.Expression y) {
            return x.sql().replace(" ", "").equalsIgnoreCase(y.sql().replace(" ", ""));
        }
        return java.util.Objects.equals(a, b);
    }
}
