package org.divemap.migrations.runtime.dialect.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.divemap.migrations.Column;
import org.divemap.migrations.ColumnChange;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.DefaultValue;
import org.divemap.migrations.Index;
import org.divemap.migrations.NamingConvention;
import org.divemap.migrations.OnlineDdl;
import org.divemap.migrations.Table;
import org.divemap.migrations.TableOptions;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.dialect.Ddl;

/** MySQL 8 and MariaDB 10.5+: inline comments, AUTO_INCREMENT, MODIFY/CHANGE, ALGORITHM/LOCK. */
final class MySqlDdl extends Ddl {

    private final MySqlDialect mysql;

    MySqlDdl(MySqlDialect dialect) {
        super(dialect);
        this.mysql = dialect;
    }

    @Override
    protected String type(Type type) {
        return switch (type.kind()) {
            case TINYINT -> "TINYINT";
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INT";
            case BIGINT -> "BIGINT";
            case BOOLEAN -> "BOOLEAN";
            case DECIMAL -> decimal(type);
            case REAL -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case CHAR -> "CHAR(" + ((Type.Sized) type).length() + ")";
            case VARCHAR -> "VARCHAR(" + ((Type.Sized) type).length() + ")";
            case TEXT -> "TEXT";
            case MEDIUM_TEXT -> "MEDIUMTEXT";
            case LONG_TEXT -> "LONGTEXT";
            case BINARY -> "BINARY(" + ((Type.Sized) type).length() + ")";
            case VARBINARY -> "VARBINARY(" + ((Type.Sized) type).length() + ")";
            case BLOB -> "BLOB";
            case MEDIUM_BLOB -> "MEDIUMBLOB";
            case LONG_BLOB -> "LONGBLOB";
            case DATE -> "DATE";
            case TIME -> temporal("TIME", type);
            case DATETIME -> temporal("DATETIME", type);
            case TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE -> temporal("TIMESTAMP", type);
            case UUID -> "CHAR(36)";
            case JSON -> "JSON";
            case ENUM -> "ENUM(" + String.join(", ", ((Type.Enumeration) type).values().stream().map(this::stringLiteral)
                    .toList()) + ")";
            case CUSTOM -> ((Type.Custom) type).sql();
        };
    }

    /** MySQL keeps no time zone: a point in time is written, as it is bound, as its UTC date and time. */
    @Override
    protected String instantLiteral(java.time.OffsetDateTime time) {
        return stringLiteral(wallClockFormat().format(time.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime()));
    }

    @Override
    protected boolean addsKeyWithColumn() {
        return true;
    }

    @Override
    protected boolean lineCommentAt(String sql, int start) {
        return start + 2 >= sql.length() || Character.isWhitespace(sql.charAt(start + 2));
    }

    @Override
    protected boolean backslashEscapes() {
        return true;
    }

    @Override
    protected boolean backtickQuotes() {
        return true;
    }

    @Override
    protected boolean hashComments() {
        return true;
    }

    @Override
    protected String stringLiteral(String text) {
        return quoted(text.replace("\\", "\\\\"));
    }

    @Override
    protected String autoIncrementType(Type type) {
        return type(type);
    }

    /** MySQL 8 wants {@code DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6)}: the same precision throughout. */
    @Override
    protected String defaultValue(Column column, DefaultValue value) {
        if (value instanceof DefaultValue.CurrentTimestamp && column.type() instanceof Type.Temporal temporal
                && temporal.fractionalDigits().isPresent()) {
            return "CURRENT_TIMESTAMP(" + temporal.fractionalDigits().getAsInt() + ")";
        }
        return defaultValue(value);
    }

    @Override
    protected String columnSuffix(Column column) {
        StringBuilder suffix = new StringBuilder();
        if (column.isOnUpdateCurrentTimestamp()) {
            String fraction = column.type() instanceof Type.Temporal temporal && temporal.fractionalDigits().isPresent()
                    ? "(" + temporal.fractionalDigits().getAsInt() + ")" : "";
            suffix.append(" ON UPDATE CURRENT_TIMESTAMP").append(fraction);
        }
        if (column.isAutoIncrement()) {
            suffix.append(" AUTO_INCREMENT");
        }
        column.comment().ifPresent(comment -> suffix.append(" COMMENT ").append(stringLiteral(comment)));
        return suffix.toString();
    }

    @Override
    protected List<String> comments(String table, Optional<String> tableComment, List<Column> columns) {
        return List.of(); // inline, in the column definitions and table options
    }

    @Override
    protected String tableOptions(Table table) {
        TableOptions options = table.options();
        StringBuilder sql = new StringBuilder();
        if (options.engine() != null) {
            sql.append(" ENGINE=").append(options.engine());
        }
        if (options.charset() != null) {
            sql.append(" DEFAULT CHARSET=").append(options.charset());
        }
        if (options.collation() != null) {
            sql.append(" COLLATE=").append(options.collation());
        }
        if (options.comment() != null) {
            sql.append(" COMMENT=").append(stringLiteral(options.comment()));
        }
        for (Map.Entry<String, String> option : options.mysqlOptions().entrySet()) {
            sql.append(' ').append(option.getKey()).append('=').append(option.getValue());
        }
        return sql.toString();
    }

    @Override
    public List<String> renameTable(String from, String to) {
        return List.of("RENAME TABLE " + q(from) + " TO " + q(to));
    }

    @Override
    protected String alterOptions(OnlineDdl online) {
        StringBuilder sql = new StringBuilder();
        if (online.algorithm() != OnlineDdl.Algorithm.DEFAULT) {
            sql.append(", ALGORITHM=").append(online.algorithm().name());
        }
        if (online.lock() != OnlineDdl.Lock.DEFAULT) {
            sql.append(", LOCK=").append(online.lock().name());
        }
        return sql.toString();
    }

    private String indexOptions(OnlineDdl online) {
        return alterOptions(online).replace(",", "");
    }

    @Override
    public List<String> alterColumn(String table, ColumnChange change, OnlineDdl online) {
        if (change.isEmpty()) {
            throw new IllegalArgumentException("the change to column \"" + change.column() + "\" changes nothing");
        }
        boolean restates = change.type() != null || change.nullable() != null || change.comment() != null
                || change.autoIncrement() != null;
        List<String> statements = new ArrayList<>();
        if (restates) {
            Column result = change.result().orElseThrow(() -> new IllegalArgumentException("On MySQL, changing the"
                    + " type, nullability, comment or auto-increment of \"" + change.column()
                    + "\" restates the whole column"
                    + " (CHANGE COLUMN), so its current definition is needed: write ColumnChange.of(existingColumn) or"
                    + " .existing(column)."));
            statements.add("ALTER TABLE " + q(table) + " CHANGE COLUMN " + q(change.column()) + " "
                    + columnDefinition(result) + alterOptions(online));
            return statements;
        }
        if (change.defaultValue() != null) {
            String value = change.existing() != null ? defaultValue(change.existing(), change.defaultValue())
                    : defaultValue(change.defaultValue());
            // MySQL 8 takes only a literal or a parenthesised expression after SET DEFAULT (MariaDB either)
            boolean expression = change.defaultValue() instanceof DefaultValue.CurrentTimestamp
                    || change.defaultValue() instanceof DefaultValue.Expression;
            statements.add("ALTER TABLE " + q(table) + " ALTER COLUMN " + q(change.column()) + " SET DEFAULT "
                    + (expression ? "(" + value + ")" : value) + alterOptions(online));
        } else if (change.defaultDropped()) {
            statements.add("ALTER TABLE " + q(table) + " ALTER COLUMN " + q(change.column()) + " DROP DEFAULT"
                    + alterOptions(online));
        }
        if (change.newName() != null) {
            statements.add("ALTER TABLE " + q(table) + " RENAME COLUMN " + q(change.column()) + " TO "
                    + q(change.newName()) + alterOptions(online));
        }
        return statements;
    }

    @Override
    public List<String> createIndex(String table, Index index, NamingConvention names, OnlineDdl online) {
        if (index.where() != null) {
            throw unsupported("A partial index (WHERE " + index.where() + ")", dialect.displayName(),
                    "Index the whole column, or create it only when op.database() is POSTGRESQL.");
        }
        String kind = switch (index.kind()) {
            case UNIQUE -> "UNIQUE ";
            case FULLTEXT -> "FULLTEXT ";
            case SPATIAL -> "SPATIAL ";
            case STANDARD -> "";
        };
        List<String> columns = new ArrayList<>();
        for (String column : index.columns()) {
            Integer prefix = index.prefixLengths().get(column);
            columns.add(q(column) + (prefix != null ? "(" + prefix + ")" : ""));
        }
        return List.of("CREATE " + kind + "INDEX " + q(indexName(table, index, names)) + " ON " + q(table) + " ("
                + String.join(", ", columns) + ")" + indexOptions(online));
    }

    @Override
    public List<String> dropIndex(String table, String name, OnlineDdl online) {
        return List.of("DROP INDEX " + q(name) + " ON " + q(table) + indexOptions(online));
    }

    @Override
    public List<String> dropConstraint(String table, String name, Constraint.Kind kind) {
        String drop = switch (kind) {
            case PRIMARY_KEY -> "DROP PRIMARY KEY";
            case FOREIGN_KEY -> "DROP FOREIGN KEY " + q(name);
            case UNIQUE -> "DROP INDEX " + q(name);
            case CHECK -> mysql.dropCheck() + " " + q(name);
        };
        return List.of("ALTER TABLE " + q(table) + " " + drop);
    }
}
