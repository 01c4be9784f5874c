package org.divemap.migrations.autogenerate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.dialect.Ddl;
import org.divemap.migrations.runtime.dialect.Dialect;

/**
 * Turns a SQL type as Hibernate writes it for a dialect ({@code varchar(255)}, {@code numeric(38,2)},
 * {@code timestamp(6) with time zone}, {@code enum ('A','B')}) or as a database reports it into a
 * {@link Type}, and says whether two types are the same on a database: the same once the runtime's
 * dialect has rendered them, with the database's own defaults filled in (MySQL's {@code DATETIME} is
 * {@code DATETIME(0)}, PostgreSQL's {@code TIMESTAMP} is {@code TIMESTAMP(6)}). A type with no
 * {@code Type} factory becomes {@link Type#custom(String)}.
 */
final class SqlTypes {

    private static final Pattern SHAPE =
            Pattern.compile("^([a-z][a-z0-9_ ]*?)\\s*(?:\\(([^)]*)\\))?\\s*([a-z ]*)$", Pattern.DOTALL);
    private static final Pattern ENUM = Pattern.compile("^enum\\s*\\((.*)\\)$", Pattern.DOTALL);

    private final Operations.Database database;
    private final Ddl ddl;

    SqlTypes(Operations.Database database) {
        this.database = database;
        this.ddl = Ddl.of(Dialect.of(database));
    }

    /** The {@link Type} that {@code sql} stands for on this database. */
    Type parse(String sql) {
        String text = sql.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Matcher enumMatch = ENUM.matcher(text);
        if (enumMatch.matches()) {
            return Type.enumeration(enumValues(sql.strip().substring(sql.indexOf('(') + 1, sql.lastIndexOf(')'))).toArray(String[]::new));
        }
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return Type.custom(sql.strip());
        }
        String name = m.group(1).strip();
        List<Integer> args = numbers(m.group(2));
        String suffix = m.group(3).strip();
        if (m.group(2) == null) { // no parentheses: the whole text is the name (a suffix needs them)
            name = text;
            suffix = "";
        }
        if (name.endsWith(" unsigned") || name.endsWith(" zerofill")) {
            return Type.custom(sql.strip());
        }
        boolean mysql = database == Operations.Database.MYSQL || database == Operations.Database.MARIADB;
        if (suffix.equals("unsigned") || suffix.equals("zerofill")) {
            return Type.custom(sql.strip());
        }
        if (name.startsWith("timestamp") || name.equals("datetime") || name.startsWith("time")) {
            boolean zoned = name.endsWith("with time zone") || suffix.equals("with time zone")
                    || name.equals("timestamptz");
            boolean withoutZone = name.endsWith("without time zone") || suffix.equals("without time zone");
            String base = name.replace("with time zone", "").replace("without time zone", "").strip();
            OptionalInt digits = args.isEmpty() ? OptionalInt.empty() : OptionalInt.of(args.get(0));
            if (!(suffix.isEmpty() || zoned || withoutZone) || digits.isPresent() && digits.getAsInt() > 6) {
                return Type.custom(sql.strip());
            }
            switch (base) {
                case "timestamp", "timestamptz":
                    return zoned ? temporal(Type.Kind.TIMESTAMP_WITH_TIME_ZONE, digits)
                            : temporal(Type.Kind.TIMESTAMP, digits);
                case "datetime":
                    return temporal(Type.Kind.DATETIME, digits);
                case "time":
                    return zoned ? Type.custom(sql.strip()) : temporal(Type.Kind.TIME, digits);
                default:
                    return Type.custom(sql.strip());
            }
        }
        if (!suffix.isEmpty()) {
            return Type.custom(sql.strip());
        }
        switch (name) {
            case "tinyint", "int1":
                return mysql && args.size() == 1 && args.get(0) == 1 ? Type.bool() : Type.tinyint();
            case "smallint", "int2":
                return Type.smallint();
            case "int", "integer", "int4":
                return Type.integer();
            case "bigint", "int8":
                return Type.bigint();
            case "boolean", "bool":
                return Type.bool();
            case "bit":
                return args.isEmpty() || args.get(0) == 1 ? Type.bool() : Type.custom(sql.strip());
            case "decimal", "numeric", "dec":
                if (args.isEmpty()) {
                    return Type.custom(sql.strip());
                }
                return Type.decimal(args.get(0), args.size() > 1 ? args.get(1) : 0);
            case "real", "float4":
                return Type.real();
            case "float":
                if (args.isEmpty()) {
                    return mysql ? Type.real() : Type.doublePrecision();
                }
                return args.get(0) <= 24 ? Type.real() : Type.doublePrecision();
            case "double", "double precision", "float8":
                return Type.doublePrecision();
            case "varchar", "character varying", "varchar2", "nvarchar", "national character varying":
                return args.isEmpty() ? Type.custom(sql.strip()) : Type.varchar(args.get(0));
            case "char", "character", "nchar", "bpchar":
                return Type.fixedChar(args.isEmpty() ? 1 : args.get(0));
            case "text", "clob", "character large object", "tinytext":
                return name.equals("tinytext") ? Type.custom("tinytext") : Type.text();
            case "mediumtext":
                return Type.mediumText();
            case "longtext":
                return Type.longText();
            case "binary":
                return Type.binary(args.isEmpty() ? 1 : args.get(0));
            case "varbinary", "binary varying":
                return args.isEmpty() ? Type.custom(sql.strip()) : Type.varbinary(args.get(0));
            case "blob", "binary large object", "bytea":
                return Type.blob();
            case "mediumblob":
                return Type.mediumBlob();
            case "longblob":
                return Type.longBlob();
            case "date":
                return Type.date();
            case "uuid":
                return Type.uuid();
            case "json":
                return Type.json();
            default:
                return Type.custom(sql.strip());
        }
    }

    private static Type temporal(Type.Kind kind, OptionalInt digits) {
        return switch (kind) {
            case TIME -> digits.isPresent() ? Type.time(digits.getAsInt()) : Type.time();
            case DATETIME -> digits.isPresent() ? Type.datetime(digits.getAsInt()) : Type.datetime();
            case TIMESTAMP -> digits.isPresent() ? Type.timestamp(digits.getAsInt()) : Type.timestamp();
            default -> digits.isPresent() ? Type.timestampWithTimeZone(digits.getAsInt()) : Type.timestampWithTimeZone();
        };
    }

    private static List<Integer> numbers(String args) {
        List<Integer> numbers = new ArrayList<>();
        if (args == null || args.isBlank()) {
            return numbers;
        }
        for (String part : args.split(",")) {
            try {
                numbers.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return numbers;
    }

    /** The values of {@code 'A','B'}, quotes undone. */
    static List<String> enumValues(String list) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < list.length()) {
            int start = list.indexOf('\'', i);
            if (start < 0) {
                break;
            }
            StringBuilder value = new StringBuilder();
            int j = start + 1;
            while (j < list.length()) {
                char c = list.charAt(j);
                if (c == '\'' && j + 1 < list.length() && list.charAt(j + 1) == '\'') {
                    value.append('\'');
                    j += 2;
                } else if (c == '\'') {
                    break;
                } else {
                    value.append(c);
                    j++;
                }
            }
            values.add(value.toString());
            i = j + 1;
        }
        return values;
    }

    /** Whether {@code a} and {@code b} are stored as the same type on this database. */
    boolean same(Type a, Type b) {
        return stored(a).equals(stored(b));
    }

    /** The type as the database spells it once created: the runtime's rendering, defaults filled in. */
    String stored(Type type) {
        return ddl.typeSql(withDefaultDigits(type)).toUpperCase(Locale.ROOT).replace(" ", "");
    }

    private Type withDefaultDigits(Type type) {
        if (type instanceof Type.Temporal temporal && temporal.fractionalDigits().isEmpty()) {
            boolean mysql = database == Operations.Database.MYSQL || database == Operations.Database.MARIADB;
            int digits = mysql || temporal.kind() == Type.Kind.TIME && database == Operations.Database.H2 ? 0 : 6;
            return temporal(temporal.kind(), OptionalInt.of(digits));
        }
        return type;
    }

    /** Whether changing {@code from} into {@code to} can lose data: a shorter text, fewer digits, another kind. */
    static boolean narrows(Type from, Type to) {
        if (from instanceof Type.Sized a && to instanceof Type.Sized b && a.kind() == b.kind()) {
            return b.length() < a.length();
        }
        if (from instanceof Type.Decimal a && to instanceof Type.Decimal b) {
            return b.precision() - b.scale() < a.precision() - a.scale() || b.scale() < a.scale();
        }
        if (from instanceof Type.Temporal a && to instanceof Type.Temporal b && a.kind() == b.kind()) {
            return b.fractionalDigits().orElse(0) < a.fractionalDigits().orElse(0);
        }
        if (from instanceof Type.Enumeration a && to instanceof Type.Enumeration b) {
            return !b.values().containsAll(a.values());
        }
        List<Type.Kind> integers = List.of(Type.Kind.TINYINT, Type.Kind.SMALLINT, Type.Kind.INTEGER, Type.Kind.BIGINT);
        if (integers.contains(from.kind()) && integers.contains(to.kind())) {
            return integers.indexOf(to.kind()) < integers.indexOf(from.kind());
        }
        if (from.kind() == Type.Kind.VARCHAR && (to.kind() == Type.Kind.TEXT || to.kind() == Type.Kind.MEDIUM_TEXT
                || to.kind() == Type.Kind.LONG_TEXT)) {
            return false;
        }
        return from.kind() != to.kind();
    }
}
