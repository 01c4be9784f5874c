package org.divemap.migrations.autogenerate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.math.BigDecimal;
import java.util.List;
import org.divemap.migrations.DefaultValue;
import org.divemap.migrations.NamingConvention;
import org.divemap.migrations.ReferentialAction;
import org.divemap.migrations.Type;

/** The Java expressions that build Divemap's column, type, index and constraint values. */
final class Code {

    static final ClassName COLUMN = ClassName.get("org.divemap.migrations", "Column");
    static final ClassName COLUMN_CHANGE = ClassName.get("org.divemap.migrations", "ColumnChange");
    static final ClassName CONSTRAINT = ClassName.get("org.divemap.migrations", "Constraint");
    static final ClassName DEFAULT_VALUE = ClassName.get("org.divemap.migrations", "DefaultValue");
    static final ClassName INDEX = ClassName.get("org.divemap.migrations", "Index");
    static final ClassName REFERENTIAL_ACTION = ClassName.get("org.divemap.migrations", "ReferentialAction");
    static final ClassName TABLE = ClassName.get("org.divemap.migrations", "Table");
    static final ClassName TYPE = ClassName.get("org.divemap.migrations", "Type");
    static final ClassName BIG_DECIMAL = ClassName.get(BigDecimal.class);
    static final ClassName LIST = ClassName.get(List.class);

    /** Names longer than this fail on PostgreSQL (63) and MySQL (64); longer ones are shortened with a hash. */
    private static final int MAX_NAME = 63;

    private Code() {}

    static CodeBlock type(Type type) {
        return switch (type.kind()) {
            case TINYINT -> CodeBlock.of("$T.tinyint()", TYPE);
            case SMALLINT -> CodeBlock.of("$T.smallint()", TYPE);
            case INTEGER -> CodeBlock.of("$T.integer()", TYPE);
            case BIGINT -> CodeBlock.of("$T.bigint()", TYPE);
            case BOOLEAN -> CodeBlock.of("$T.bool()", TYPE);
            case DECIMAL -> CodeBlock.of("$T.decimal($L, $L)", TYPE, ((Type.Decimal) type).precision(),
                    ((Type.Decimal) type).scale());
            case REAL -> CodeBlock.of("$T.real()", TYPE);
            case DOUBLE -> CodeBlock.of("$T.doublePrecision()", TYPE);
            case CHAR -> CodeBlock.of("$T.fixedChar($L)", TYPE, ((Type.Sized) type).length());
            case VARCHAR -> CodeBlock.of("$T.varchar($L)", TYPE, ((Type.Sized) type).length());
            case TEXT -> CodeBlock.of("$T.text()", TYPE);
            case MEDIUM_TEXT -> CodeBlock.of("$T.mediumText()", TYPE);
            case LONG_TEXT -> CodeBlock.of("$T.longText()", TYPE);
            case BINARY -> CodeBlock.of("$T.binary($L)", TYPE, ((Type.Sized) type).length());
            case VARBINARY -> CodeBlock.of("$T.varbinary($L)", TYPE, ((Type.Sized) type).length());
            case BLOB -> CodeBlock.of("$T.blob()", TYPE);
            case MEDIUM_BLOB -> CodeBlock.of("$T.mediumBlob()", TYPE);
            case LONG_BLOB -> CodeBlock.of("$T.longBlob()", TYPE);
            case DATE -> CodeBlock.of("$T.date()", TYPE);
            case TIME -> temporal("time", type);
            case DATETIME -> temporal("datetime", type);
            case TIMESTAMP -> temporal("timestamp", type);
            case TIMESTAMP_WITH_TIME_ZONE -> temporal("timestampWithTimeZone", type);
            case UUID -> CodeBlock.of("$T.uuid()", TYPE);
            case JSON -> CodeBlock.of("$T.json()", TYPE);
            case ENUM -> CodeBlock.of("$T.enumeration($L)", TYPE, strings(((Type.Enumeration) type).values()));
            case CUSTOM -> CodeBlock.of("$T.custom($S)", TYPE, ((Type.Custom) type).sql());
        };
    }

    private static CodeBlock temporal(String factory, Type type) {
        Type.Temporal temporal = (Type.Temporal) type;
        return temporal.fractionalDigits().isPresent()
                ? CodeBlock.of("$T.$L($L)", TYPE, factory, temporal.fractionalDigits().getAsInt())
                : CodeBlock.of("$T.$L()", TYPE, factory);
    }

    static CodeBlock strings(List<String> values) {
        return CodeBlock.join(values.stream().map(v -> CodeBlock.of("$S", v)).toList(), ", ");
    }

    /** {@code Column.of("name", Type.varchar(100)).nullable()...}; {@code primaryKey} adds {@code .primaryKey()}. */
    static CodeBlock column(SchemaModel.ColumnDef column, boolean primaryKey) {
        CodeBlock.Builder code = CodeBlock.builder().add("$T.of($S, $L)", COLUMN, column.name(), type(column.type()));
        if (column.nullable()) {
            code.add(".nullable()");
        }
        if (column.defaultValue() != null) {
            code.add(".defaultValue($L)", defaultValue(column.defaultValue()));
        }
        if (column.autoIncrement() && autoIncrementable(column)) {
            code.add(".autoIncrement()");
        }
        if (primaryKey) {
            code.add(".primaryKey()");
        }
        if (column.comment() != null) {
            code.add(".comment($S)", column.comment());
        }
        return code.build();
    }

    /** Only non-null integer columns without a default can auto-increment in a {@code Column}. */
    static boolean autoIncrementable(SchemaModel.ColumnDef column) {
        return !column.nullable() && column.defaultValue() == null && switch (column.type().kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, CUSTOM -> true;
            default -> false;
        };
    }

    static CodeBlock defaultValue(DefaultValue value) {
        if (value instanceof DefaultValue.Text text) {
            return CodeBlock.of("$T.of($S)", DEFAULT_VALUE, text.value());
        } else if (value instanceof DefaultValue.Numeric numeric) {
            BigDecimal number = numeric.value();
            if (number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
                return CodeBlock.of("$T.of($LL)", DEFAULT_VALUE, number.longValueExact());
            }
            return CodeBlock.of("$T.of(new $T($S))", DEFAULT_VALUE, BIG_DECIMAL, number.toPlainString());
        } else if (value instanceof DefaultValue.Bool bool) {
            return CodeBlock.of("$T.of($L)", DEFAULT_VALUE, bool.value());
        } else if (value instanceof DefaultValue.CurrentTimestamp) {
            return CodeBlock.of("$T.currentTimestamp()", DEFAULT_VALUE);
        }
        return CodeBlock.of("$T.expression($S)", DEFAULT_VALUE, ((DefaultValue.Expression) value).sql());
    }

    static CodeBlock action(ReferentialAction action) {
        return CodeBlock.of("$T.$L", REFERENTIAL_ACTION, action.name());
    }

    /** {@code op.f("name")}: the name exactly as written, as Alembic's autogenerate writes it. */
    static CodeBlock name(String name) {
        return CodeBlock.of("op.f($S)", name);
    }

    static String indexName(String table, SchemaModel.IndexDef index) {
        if (index.name() != null) {
            return index.name();
        }
        org.divemap.migrations.Index plain = index.unique()
                ? org.divemap.migrations.Index.uniqueOn(index.columns().toArray(String[]::new))
                : org.divemap.migrations.Index.on(index.columns().toArray(String[]::new));
        return NamingConvention.shorten(NamingConvention.DEFAULT.nameFor(table, plain).orElseThrow(), MAX_NAME);
    }

    static String uniqueName(String table, SchemaModel.UniqueDef unique) {
        if (unique.name() != null) {
            return unique.name();
        }
        return NamingConvention.shorten(NamingConvention.DEFAULT.nameFor(table,
                org.divemap.migrations.Constraint.unique(unique.columns().toArray(String[]::new))).orElseThrow(),
                MAX_NAME);
    }

    static String foreignKeyName(String table, SchemaModel.ForeignKeyDef fk) {
        if (fk.name() != null) {
            return fk.name();
        }
        return NamingConvention.shorten(NamingConvention.DEFAULT.nameFor(table, org.divemap.migrations.Constraint
                .foreignKey(fk.columns(), fk.referredTable(), fk.referredColumns())).orElseThrow(), MAX_NAME);
    }

    static CodeBlock unique(String table, SchemaModel.UniqueDef unique) {
        return CodeBlock.of("$T.unique($L).named($L)", CONSTRAINT, strings(unique.columns()),
                name(uniqueName(table, unique)));
    }

    static CodeBlock index(String table, SchemaModel.IndexDef index) {
        return CodeBlock.of("$T.$L($L).named($L)", INDEX, index.unique() ? "uniqueOn" : "on", strings(index.columns()),
                name(indexName(table, index)));
    }

    static CodeBlock foreignKey(String table, SchemaModel.ForeignKeyDef fk) {
        CodeBlock.Builder code = CodeBlock.builder();
        if (fk.columns().size() == 1) {
            code.add("$T.foreignKey($S, $S, $S)", CONSTRAINT, fk.columns().get(0), fk.referredTable(),
                    fk.referredColumns().get(0));
        } else {
            code.add("$T.foreignKey($T.of($L), $S, $T.of($L))", CONSTRAINT, LIST, strings(fk.columns()),
                    fk.referredTable(), LIST, strings(fk.referredColumns()));
        }
        code.add(".named($L)", name(foreignKeyName(table, fk)));
        if (fk.onDelete() != null) {
            code.add(".onDelete($L)", action(fk.onDelete()));
        }
        if (fk.onUpdate() != null) {
            code.add(".onUpdate($L)", action(fk.onUpdate()));
        }
        return code.build();
    }

    /** The statement as a reader sees it: simple class names. */
    static String text(CodeBlock code) {
        return code.toString().replace("org.divemap.migrations.", "").replace("java.util.", "")
                .replace("java.math.", "");
    }
}
