package org.divemap.migrations.runtime.dialect.mysql;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.dialect.CatalogQueries;

/**
 * MySQL's and MariaDB's catalog: {@code column_type} has the whole type with its length, and a
 * unique constraint is a unique index, so only the primary key's index belongs to a constraint.
 */
class MySqlCatalogQueries extends CatalogQueries {

    @Override
    public String columns() {
        return "SELECT c.column_name, c.column_type, c.is_nullable, c.column_default,"
                + " CASE WHEN LOWER(c.extra) LIKE '%auto_increment%' THEN 'YES' ELSE 'NO' END" + TYPE_FACTS
                + ", NULL" + COLUMNS_OF_TABLE;
    }

    /** {@code column_type} has it all: {@code tinyint(1)} for BOOLEAN, {@code enum('a','b')}, {@code int unsigned}. */
    @Override
    protected Type typeOf(TypeFacts facts, String dataType) {
        String full = facts.typeName().toLowerCase(Locale.ROOT);
        return switch (dataType) {
            case "tinyint" -> full.startsWith("tinyint(1)") ? Type.bool() : Type.tinyint();
            case "smallint" -> Type.smallint();
            case "int", "integer" -> Type.integer();
            case "bigint" -> Type.bigint();
            case "decimal", "numeric" -> Type.decimal(facts.precision(), facts.scale());
            case "float" -> Type.real();
            case "double" -> Type.doublePrecision();
            case "char" -> Type.fixedChar(facts.size());
            case "varchar" -> Type.varchar(facts.size());
            case "text", "tinytext" -> Type.text();
            case "mediumtext" -> Type.mediumText();
            case "longtext" -> Type.longText();
            case "binary" -> Type.binary(facts.size());
            case "varbinary" -> Type.varbinary(facts.size());
            case "blob", "tinyblob" -> Type.blob();
            case "mediumblob" -> Type.mediumBlob();
            case "longblob" -> Type.longBlob();
            case "date" -> Type.date();
            case "time" -> temporal(facts, Type::time, Type.time(), 0);
            case "datetime" -> temporal(facts, Type::datetime, Type.datetime(), 0);
            case "timestamp" -> temporal(facts, Type::timestamp, Type.timestamp(), 0);
            case "json" -> Type.json();
            case "enum" -> Type.enumeration(enumValues(facts.typeName()).toArray(String[]::new));
            default -> null;
        };
    }

    @Override
    public boolean unsigned(TypeFacts facts) {
        return facts.typeName().toLowerCase(Locale.ROOT).contains(" unsigned");
    }

    /** The values of {@code enum('a','it''s')}: quotes doubled (or backslash-escaped) inside. */
    static List<String> enumValues(String columnType) {
        List<String> values = new ArrayList<>();
        int i = columnType.indexOf('(') + 1;
        while (i > 0 && i < columnType.length()) {
            if (columnType.charAt(i) != '\'') {
                i++;
                continue;
            }
            StringBuilder value = new StringBuilder();
            i++;
            while (i < columnType.length()) {
                char c = columnType.charAt(i);
                if (c == '\\' && i + 1 < columnType.length()) {
                    value.append(columnType.charAt(i + 1));
                    i += 2;
                } else if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                } else if (c == '\'') {
                    i++;
                    break;
                } else {
                    value.append(c);
                    i++;
                }
            }
            values.add(value.toString());
        }
        return values;
    }

    @Override
    public Set<String> constraintIndexes(Connection connection, String schema, String table) {
        return Set.of("PRIMARY");
    }

    /** Connector/J calls databases catalogs (unless {@code databaseTerm=SCHEMA}, when it reads the schema argument). */
    @Override
    public String metadataCatalog(String schema) {
        return schema;
    }

    /** MariaDB names check constraints per table, so two tables' checks may share a name. */
    static final class MariaDb extends MySqlCatalogQueries {
        @Override
        protected String checkTableCondition() {
            return " AND cc.table_name = ?";
        }
    }
}
