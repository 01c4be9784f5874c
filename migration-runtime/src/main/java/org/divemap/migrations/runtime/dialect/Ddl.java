package org.divemap.migrations.runtime.dialect;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.divemap.migrations.Column;
import org.divemap.migrations.ColumnChange;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.DefaultValue;
import org.divemap.migrations.Index;
import org.divemap.migrations.NamingConvention;
import org.divemap.migrations.OnlineDdl;
import org.divemap.migrations.Table;
import org.divemap.migrations.Type;

/**
 * Renders each schema-changing call of {@code Operations} as the statements of one database. Every
 * identifier is quoted by the dialect where it needs quotes ({@link Dialect#quote}); every name left
 * open is given by the naming convention. The
 * statements are returned, not run, so the same rendering serves live runs and offline scripts.
 */
public abstract class Ddl {

    protected final Dialect dialect;

    protected Ddl(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The renderer for a dialect. */
    public static Ddl of(Dialect dialect) {
        return dialect.ddl();
    }

    protected String q(String identifier) {
        return dialect.quote(identifier);
    }

    protected String columns(List<String> columns) {
        return columns.stream().map(this::q).collect(Collectors.joining(", "));
    }

    /** {@code DECIMAL(precision, scale)}. */
    protected static String decimal(Type type) {
        Type.Decimal decimal = (Type.Decimal) type;
        return "DECIMAL(" + decimal.precision() + ", " + decimal.scale() + ")";
    }

    /** A temporal type's name, with its fractional digits when it has them: {@code TIMESTAMP(6)}. */
    protected static String temporal(String name, Type type) {
        Type.Temporal temporal = (Type.Temporal) type;
        return temporal.fractionalDigits().isPresent() ? name + "(" + temporal.fractionalDigits().getAsInt() + ")" : name;
    }

    /** Text in single quotes, quotes doubled: all the escaping the SQL standard needs. */
    protected static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A value as a SQL literal, for offline scripts. */
    public String literal(Object value) {
        if (value == null) {
            return "NULL";
        } else if (value instanceof Boolean bool) {
            return bool ? "TRUE" : "FALSE";
        } else if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        } else if (value instanceof Number number) {
            return number.toString();
        } else if (value instanceof CharSequence || value instanceof Character || value instanceof java.util.UUID) {
            return stringLiteral(value.toString());
        } else if (value instanceof Instant instant) {
            return instantLiteral(instant.atOffset(ZoneOffset.UTC));
        } else if (value instanceof OffsetDateTime time) {
            return instantLiteral(time);
        } else if (value instanceof ZonedDateTime time) {
            return instantLiteral(time.toOffsetDateTime());
        } else if (value instanceof LocalDateTime || value instanceof LocalTime) {
            return stringLiteral(wallClock(value));
        } else if (value instanceof TemporalAccessor temporal) {
            return stringLiteral(temporal.toString().replace('T', ' '));
        } else if (value instanceof java.sql.Timestamp || value instanceof java.sql.Date
                || value instanceof java.sql.Time) {
            return stringLiteral(value.toString()); // 2024-05-01 12:34:56.789, 2024-05-01, 12:34:56
        } else if (value instanceof byte[] bytes) {
            return binaryLiteral(HexFormat.of().withUpperCase().formatHex(bytes));
        }
        throw new IllegalArgumentException("a " + value.getClass().getName() + " value cannot be written into an"
                + " offline SQL script; use a string, number, boolean, date, time or byte[]");
    }

    /**
     * Date and time, seconds always written, a fraction only when there is one: {@code 2024-05-01 12:34:00}.
     * Built when first used, not when a run loads its dialect: java.time's formatting is a few dozen
     * classes that a run without time literals never needs.
     */
    public static DateTimeFormatter wallClockFormat() {
        return WallClock.FORMAT;
    }

    private static final class WallClock {
        static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
                .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ')
                .append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter(java.util.Locale.ROOT);
    }

    /** A {@code LocalDateTime} or {@code LocalTime} as SQL reads it (the ISO 'T' is a space). */
    public static String wallClock(Object value) {
        return value instanceof LocalTime time ? DateTimeFormatter.ISO_LOCAL_TIME.format(time)
                : wallClockFormat().format((LocalDateTime) value);
    }

    /**
     * A point in time, with its offset: a {@code TIMESTAMP WITH TIME ZONE} literal, which the database
     * converts as it converts a bound {@code OffsetDateTime} (for a column without a time zone, to the
     * session's time zone), so that the script stores what a live run stores.
     */
    protected String instantLiteral(OffsetDateTime time) {
        return "TIMESTAMP WITH TIME ZONE " + stringLiteral(wallClockFormat().format(time.toLocalDateTime())
                + time.getOffset().getId().replace("Z", "+00:00"));
    }

    /** Bytes, given as hexadecimal digits: the standard's binary string literal (MySQL, MariaDB, H2). */
    protected String binaryLiteral(String hex) {
        return "X'" + hex + "'";
    }

    /** A string literal, for values, defaults, comments and enumerations; MySQL also escapes backslashes. */
    protected String stringLiteral(String text) {
        return quoted(text);
    }

    /**
     * The statement with each {@code ?} placeholder replaced by its parameter as a literal, for offline
     * scripts (and for the checksum of a live run). A {@code ?} counts as the driver counts it: not
     * inside a string, a quoted name or a comment, nor PostgreSQL's {@code ??}, which the driver sends
     * as a {@code ?} operator.
     */
    public String inline(String sql, Object... params) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < sql.length()) {
            int end = skipQuotedOrComment(sql, i);
            if (end > i) {
                out.append(sql, i, end);
                i = end;
                continue;
            }
            char c = sql.charAt(i);
            if (c == '?' && doubledQuestionMarkIsOperator() && i + 1 < sql.length() && sql.charAt(i + 1) == '?') {
                out.append('?');
                i += 2;
                continue;
            }
            if (c == '?') {
                if (next >= params.length) {
                    throw new IllegalArgumentException("the statement has more ? placeholders than the " + params.length
                            + " parameters given: " + sql);
                }
                out.append(literal(params[next++]));
            } else {
                out.append(c);
            }
            i++;
        }
        if (next != params.length) {
            throw new IllegalArgumentException("the statement has " + next + " ? placeholders but " + params.length
                    + " parameters were given: " + sql);
        }
        return out.toString();
    }

    /**
     * Where the string, quoted name or comment starting at {@code start} ends (exclusive), or
     * {@code start} if none starts there. Unterminated, it runs to the end, as the database would read it.
     */
    protected int skipQuotedOrComment(String sql, int start) {
        char c = sql.charAt(start);
        if (c == '\'' || c == '"' || (c == '`' && backtickQuotes())) {
            int i = start + 1;
            while (i < sql.length()) {
                char d = sql.charAt(i);
                if (d == '\\' && c == '\'' && backslashEscapes()) {
                    i += 2;
                } else if (d == c) {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == c) {
                        i += 2; // doubled: the quote itself
                    } else {
                        return i + 1;
                    }
                } else {
                    i++;
                }
            }
            return sql.length();
        }
        if (sql.startsWith("--", start) && lineCommentAt(sql, start) || c == '#' && hashComments()) {
            int end = sql.indexOf('\n', start);
            return end < 0 ? sql.length() : end;
        }
        if (sql.startsWith("/*", start)) {
            int end = sql.indexOf("*/", start + 2);
            return end < 0 ? sql.length() : end + 2;
        }
        return start;
    }

    /** Whether {@code --} at {@code start} opens a comment (MySQL wants a space or the line's end after it). */
    protected boolean lineCommentAt(String sql, int start) {
        return true;
    }

    /** Whether a backslash escapes the next character in a string (MySQL's default). */
    protected boolean backslashEscapes() {
        return false;
    }

    /** Whether backticks quote names (MySQL). */
    protected boolean backtickQuotes() {
        return false;
    }

    /** Whether {@code #} starts a comment (MySQL). */
    protected boolean hashComments() {
        return false;
    }

    /** Whether {@code ??} is the {@code ?} operator and no placeholder (PostgreSQL's driver). */
    protected boolean doubledQuestionMarkIsOperator() {
        return false;
    }

    /** INSERT statements with literal rows (1,000 rows each), for offline scripts. */
    public List<String> insertRows(String table, List<String> columns, List<List<Object>> rows) {
        List<String> statements = new ArrayList<>();
        for (int start = 0; start < rows.size(); start += 1000) {
            StringBuilder sql = new StringBuilder("INSERT INTO " + q(table) + " (" + columns(columns) + ") VALUES");
            List<List<Object>> chunk = rows.subList(start, Math.min(rows.size(), start + 1000));
            for (int i = 0; i < chunk.size(); i++) {
                List<Object> row = chunk.get(i);
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("row " + (start + i) + " of the insert into " + table + " has "
                            + row.size() + " values but there are " + columns.size() + " columns " + columns);
                }
                sql.append(i == 0 ? "\n    (" : ",\n    (")
                        .append(row.stream().map(this::literal).collect(Collectors.joining(", "))).append(')');
            }
            statements.add(sql.toString());
        }
        return statements;
    }

    protected static UnsupportedOperationException unsupported(String what, String database, String instead) {
        return new UnsupportedOperationException(what + " is not available on " + database + ". " + instead);
    }

    // ---------------------------------------------------------------- types and columns

    /** The database's spelling of a type. */
    protected abstract String type(Type type);

    /**
     * How this database spells {@code type} in a column definition ({@code VARCHAR(100)},
     * {@code BYTEA}), for tools that compare a model's types with the database's.
     */
    public String typeSql(Type type) {
        return type(type);
    }

    /** A column's default; MySQL matches {@code CURRENT_TIMESTAMP} to the column's fractional digits. */
    protected String defaultValue(Column column, DefaultValue value) {
        return defaultValue(value);
    }

    protected String defaultValue(DefaultValue value) {
        if (value instanceof DefaultValue.Text text) {
            return stringLiteral(text.value());
        } else if (value instanceof DefaultValue.Numeric number) {
            return number.value().toPlainString();
        } else if (value instanceof DefaultValue.Bool bool) {
            return bool.value() ? "TRUE" : "FALSE";
        } else if (value instanceof DefaultValue.Expression expression) {
            return expression.sql();
        }
        return "CURRENT_TIMESTAMP";
    }

    /** The column's definition inside CREATE TABLE or ADD COLUMN, without table-level constraints. */
    protected String columnDefinition(Column column) {
        StringBuilder sql = new StringBuilder(q(column.name())).append(' ');
        sql.append(column.isAutoIncrement() ? autoIncrementType(column.type()) : type(column.type()));
        sql.append(column.isNullable() ? " NULL" : " NOT NULL");
        column.defaultValue().ifPresent(value -> sql.append(" DEFAULT ").append(defaultValue(column, value)));
        sql.append(columnSuffix(column));
        return sql.toString();
    }

    /** The type of an auto-incrementing column, with its identity clause. */
    protected abstract String autoIncrementType(Type type);

    /** What follows a column definition (MySQL: ON UPDATE, COMMENT). */
    protected String columnSuffix(Column column) {
        return "";
    }

    /** Comments on a new table and its columns, where they are separate statements. */
    protected List<String> comments(String table, Optional<String> tableComment, List<Column> columns) {
        List<String> statements = new ArrayList<>();
        tableComment.ifPresent(c -> statements.add("COMMENT ON TABLE " + q(table) + " IS " + stringLiteral(c)));
        for (Column column : columns) {
            column.comment().ifPresent(c -> statements.add("COMMENT ON COLUMN " + q(table) + "." + q(column.name())
                    + " IS " + stringLiteral(c)));
        }
        return statements;
    }

    // ---------------------------------------------------------------- tables

    /** CREATE TABLE with its columns and constraints (column-level keys become named constraints). */
    public List<String> createTable(Table table, NamingConvention names) {
        List<String> parts = new ArrayList<>();
        List<String> primary = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        for (Column column : table.columns()) {
            parts.add(columnDefinition(column));
            if (column.isPrimaryKey()) {
                primary.add(column.name());
            }
            if (column.isUnique()) {
                constraints.add(Constraint.unique(column.name()));
            }
        }
        if (!primary.isEmpty()) {
            constraints.add(0, Constraint.primaryKey(primary.toArray(String[]::new)));
        }
        constraints.addAll(table.constraints());
        for (Constraint constraint : constraints) {
            parts.add(constraint(table.name(), constraint, names));
        }
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE " + q(table.name()) + " (\n    " + String.join(",\n    ", parts) + "\n)"
                + tableOptions(table));
        statements.addAll(comments(table.name(), Optional.ofNullable(table.options().comment()), table.columns()));
        return statements;
    }

    /** What follows the closing parenthesis of CREATE TABLE (MySQL: ENGINE, CHARSET, COMMENT). */
    protected String tableOptions(Table table) {
        return "";
    }

    public List<String> dropTable(String table) {
        return List.of("DROP TABLE " + q(table));
    }

    public List<String> renameTable(String from, String to) {
        return List.of("ALTER TABLE " + q(from) + " RENAME TO " + q(to));
    }

    // ---------------------------------------------------------------- columns

    public List<String> addColumn(String table, Column column, OnlineDdl online, NamingConvention names) {
        List<String> statements = new ArrayList<>();
        String key = "ADD PRIMARY KEY (" + q(column.name()) + ")";
        boolean keyWithColumn = column.isPrimaryKey() && addsKeyWithColumn();
        statements.add("ALTER TABLE " + q(table) + " ADD COLUMN " + columnDefinition(column)
                + (keyWithColumn ? ", " + key : "") + alterOptions(online));
        if (column.isPrimaryKey() && !keyWithColumn) {
            statements.add("ALTER TABLE " + q(table) + " " + key);
        }
        if (column.isUnique()) {
            statements.add("ALTER TABLE " + q(table) + " ADD " + constraint(table, Constraint.unique(column.name()),
                    names));
        }
        statements.addAll(comments(table, Optional.empty(), List.of(column)));
        return statements;
    }

    /**
     * Whether a new primary-key column gets its key in the same {@code ALTER TABLE}: MySQL refuses an
     * {@code AUTO_INCREMENT} column that is not a key yet.
     */
    protected boolean addsKeyWithColumn() {
        return false;
    }

    public List<String> dropColumn(String table, String column, OnlineDdl online) {
        return List.of("ALTER TABLE " + q(table) + " DROP COLUMN " + q(column) + alterOptions(online));
    }

    /** Renders a column change; each database says in its own way what it can change in place. */
    public abstract List<String> alterColumn(String table, ColumnChange change, OnlineDdl online);

    /** MySQL's {@code , ALGORITHM=..., LOCK=...}; nothing elsewhere. */
    protected String alterOptions(OnlineDdl online) {
        return "";
    }

    // ---------------------------------------------------------------- indexes and constraints

    protected String indexName(String table, Index index, NamingConvention names) {
        return names.nameFor(table, index).orElseThrow(() -> new IllegalArgumentException("the index on " + table
                + index.columns() + " needs a name: the naming convention gives none; name it with named(...)"));
    }

    protected String constraintName(String table, Constraint constraint, NamingConvention names) {
        return names.nameFor(table, constraint).orElse(null);
    }

    public abstract List<String> createIndex(String table, Index index, NamingConvention names, OnlineDdl online);

    public abstract List<String> dropIndex(String table, String name, OnlineDdl online);

    /** A constraint clause: {@code CONSTRAINT name PRIMARY KEY (...)} and so on. */
    protected String constraint(String table, Constraint constraint, NamingConvention names) {
        String name = constraintName(table, constraint, names);
        String prefix = name == null ? "" : "CONSTRAINT " + q(name) + " ";
        if (constraint instanceof Constraint.ForeignKey fk) {
            return prefix + "FOREIGN KEY (" + columns(fk.columns()) + ") REFERENCES " + q(fk.referredTable()) + " ("
                    + columns(fk.referredColumns()) + ")"
                    + (fk.onDelete() != null ? " ON DELETE " + fk.onDelete().sql() : "")
                    + (fk.onUpdate() != null ? " ON UPDATE " + fk.onUpdate().sql() : "");
        } else if (constraint instanceof Constraint.Check check) {
            return prefix + "CHECK (" + check.condition() + ")";
        }
        return prefix + (constraint.kind() == Constraint.Kind.PRIMARY_KEY ? "PRIMARY KEY (" : "UNIQUE (")
                + columns(constraint.columns()) + ")";
    }

    public List<String> addConstraint(String table, Constraint constraint, NamingConvention names) {
        return List.of("ALTER TABLE " + q(table) + " ADD " + constraint(table, constraint, names));
    }

    public List<String> dropConstraint(String table, String name, Constraint.Kind kind) {
        return List.of("ALTER TABLE " + q(table) + " DROP CONSTRAINT " + q(name));
    }
}
