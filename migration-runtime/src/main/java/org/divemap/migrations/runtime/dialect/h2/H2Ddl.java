package org.divemap.migrations.runtime.dialect.h2;

import java.util.List;
import org.divemap.migrations.Column;
import org.divemap.migrations.ColumnChange;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.Index;
import org.divemap.migrations.NamingConvention;
import org.divemap.migrations.OnlineDdl;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.dialect.postgres.PostgresDdl;

/** H2 2.x: PostgreSQL's rendering, with H2's own types and ALTER COLUMN spellings. */
final class H2Ddl extends PostgresDdl {

    H2Ddl(Dialect dialect) {
        super(dialect);
    }

    /** H2 has a real ENUM type: no CHECK stands for it. */
    @Override
    protected List<String> enumCheckChange(String table, ColumnChange change, boolean before) {
        return List.of();
    }

    /** H2's driver has no {@code ??} escape; dollar quotes it reads as PostgreSQL does. */
    @Override
    protected boolean doubledQuestionMarkIsOperator() {
        return false;
    }

    /** H2 reads {@code X'..'} as bytes, as the standard does. */
    @Override
    protected String binaryLiteral(String hex) {
        return "X'" + hex + "'";
    }

    @Override
    protected String type(Type type) {
        return switch (type.kind()) {
            case TINYINT -> "TINYINT";
            case DECIMAL -> decimal(type);
            case TEXT, MEDIUM_TEXT, LONG_TEXT -> "CLOB";
            case BINARY -> "BINARY(" + ((Type.Sized) type).length() + ")";
            case VARBINARY -> "VARBINARY(" + ((Type.Sized) type).length() + ")";
            case BLOB, MEDIUM_BLOB, LONG_BLOB -> "BLOB";
            case ENUM -> "ENUM(" + String.join(", ", ((Type.Enumeration) type).values().stream().map(this::stringLiteral)
                    .toList()) + ")";
            default -> super.type(type);
        };
    }

    @Override
    protected String columnSuffix(Column column) {
        // H2 has MySQL's ON UPDATE clause (and ENUM is a native type here, so no CHECK is needed)
        return column.isOnUpdateCurrentTimestamp() ? " ON UPDATE CURRENT_TIMESTAMP" : "";
    }

    @Override
    protected String typeChange(Type type) {
        return "SET DATA TYPE " + type(type);
    }

    @Override
    protected String rename(String table, String column, String newName) {
        return "ALTER TABLE " + q(table) + " ALTER COLUMN " + q(column) + " RENAME TO " + q(newName);
    }

    @Override
    public List<String> createIndex(String table, Index index, NamingConvention names, OnlineDdl online) {
        if (index.kind() == Index.Kind.FULLTEXT) {
            throw unsupported("A FULLTEXT index", dialect.displayName(), "Use H2's FullText functions through"
                    + " op.execute when op.database() is H2.");
        }
        String kind = index.isUnique() ? "UNIQUE " : index.kind() == Index.Kind.SPATIAL ? "SPATIAL " : "";
        return List.of("CREATE " + kind + "INDEX " + q(indexName(table, index, names)) + " ON " + q(table) + " ("
                + columns(index.columns()) + ")");
    }

    @Override
    public List<String> dropIndex(String table, String name, OnlineDdl online) {
        return List.of("DROP INDEX " + q(name));
    }

    @Override
    public List<String> dropConstraint(String table, String name, Constraint.Kind kind) {
        if (kind == Constraint.Kind.PRIMARY_KEY) {
            return List.of("ALTER TABLE " + q(table) + " DROP PRIMARY KEY");
        }
        return super.dropConstraint(table, name, kind);
    }
}
