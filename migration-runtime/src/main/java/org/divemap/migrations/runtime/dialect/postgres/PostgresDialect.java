package org.divemap.migrations.runtime.dialect.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.dialect.CatalogQueries;
import org.divemap.migrations.runtime.dialect.Ddl;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.dialect.DumpTarget;
import org.divemap.migrations.runtime.dialect.NamedLock;

/** PostgreSQL: transactional DDL, double quotes, session-level advisory locks. */
public final class PostgresDialect extends Dialect {

    @Override
    public Operations.Database database() {
        return Operations.Database.POSTGRESQL;
    }

    /** NAMEDATALEN - 1: PostgreSQL cuts a longer name short, with only a notice. */
    @Override
    public int maxNameLength() {
        return 63;
    }

    @Override
    public int nameLength(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    @Override
    public String nameLengthUnit() {
        return "bytes";
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    /**
     * Text goes as an untyped value, as the offline script's quoted literal does (and as psycopg sends
     * it for Alembic): the server reads it as the column or operator needs, {@code json}, {@code uuid},
     * a date, where a {@code varchar} parameter would be refused. A {@code UUID} goes as its text the
     * same way, so that it also compares with a text column.
     */
    @Override
    public void bind(java.sql.PreparedStatement statement, int index, Object value) throws java.sql.SQLException {
        if (value instanceof CharSequence || value instanceof Character || value instanceof java.util.UUID) {
            statement.setObject(index, value.toString(), java.sql.Types.OTHER);
        } else {
            super.bind(statement, index, value);
        }
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    /**
     * True: pgjdbc splits a prepared statement's text at its semicolons and sends every part, then
     * one Sync, so one round trip, and reads the transaction's state from the server's
     * ReadyForQuery (so {@code commit()} after a {@code COMMIT} in the text sends nothing). Counted
     * with pgjdbc 42.7.8, before and after it prepares the statement on the server. A failure before
     * the {@code COMMIT} leaves nothing committed in every mode: the server skips the rest up to the
     * Sync; with {@code preferQueryMode=simple}, where each part is a Query message of its own (sent
     * without waiting in between), the {@code COMMIT} of the aborted transaction rolls it back.
     */
    @Override
    public boolean commitsInStatementText() {
        return true;
    }

    /**
     * A transaction aborted by a failed statement refuses every statement until it is rolled back
     * (SQLState 25P02), while after a failed {@code COMMIT} the server has already rolled it back and
     * ended it, so a {@code SELECT 1} tells the two apart. Only sent after a failure.
     */
    @Override
    public boolean commitFailed(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    protected char quoteCharacter() {
        return '"';
    }

    @Override
    protected Set<String> reservedWords() {
        return PostgresReservedWords.WORDS;
    }

    @Override
    protected String currentSchemaQuery() {
        return "SELECT current_schema()";
    }

    /** Advisory locks belong to the database, not the schema, so the scope names both. */
    @Override
    public String lockScope(Connection connection, String schema) {
        if (schema != null) {
            return PostgresNamedLock.currentDatabase(connection, this) + "." + schema;
        }
        // both in one round trip
        try (java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rs = statement.executeQuery("SELECT current_database(), current_schema()")) {
            rs.next();
            String scoped = rs.getString(2);
            return scoped == null ? null : rs.getString(1) + "." + scoped;
        } catch (java.sql.SQLException e) {
            throw new org.divemap.migrations.runtime.DivemapException(
                    org.divemap.migrations.runtime.DivemapException.Kind.DATABASE, "Could not read the current database"
                            + " and schema from " + displayName() + ": " + e.getMessage()
                            + ". Check that the connection works.", e);
        }
    }

    @Override
    public String timestampType() {
        return "TIMESTAMP WITH TIME ZONE";
    }

    @Override
    public String textType() {
        return "TEXT";
    }

    @Override
    public String identityColumn(String name) {
        return quote(name) + " BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    }

    @Override
    public String widenVarchar(String qualifiedTable, String column, int length) {
        return "ALTER TABLE " + qualifiedTable + " ALTER COLUMN " + quoteExact(column) + " TYPE VARCHAR(" + length + ")";
    }

    @Override
    public NamedLock namedLock(String schema) {
        return new PostgresNamedLock(this);
    }

    @Override
    protected Ddl ddl() {
        return new PostgresDdl(this);
    }

    @Override
    protected String urlPrefix() {
        return "jdbc:postgresql:";
    }

    @Override
    public String driverClass() {
        return "org.postgresql.Driver";
    }

    /** PgJDBC takes {@code connectTimeout} in whole seconds: rounded up, at least one. */
    @Override
    public void connectTimeout(Properties properties, Duration timeout) {
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000)));
    }

    /** {@code pg_dump} of the whole database; PGPASSWORD holds the password. */
    @Override
    public Optional<List<String>> dumpCommand(DumpTarget target, Path file, Map<String, String> environment) {
        if (target.password() != null && !target.password().isEmpty()) {
            environment.put("PGPASSWORD", target.password());
        }
        List<String> argv = new ArrayList<>(List.of("pg_dump", "--host=" + target.host(),
                "--port=" + target.portOr(5432), "--file=" + file));
        if (target.user() != null) {
            argv.add("--username=" + target.user());
        }
        argv.add(target.database());
        return Optional.of(argv);
    }

    @Override
    public CatalogQueries catalog() {
        return new Catalog();
    }

    /**
     * PostgreSQL's catalog: {@code data_type} with the length added, the type's own name for enums
     * and arrays; serial columns count as numbered; its own catalog for checks, since
     * {@code information_schema} lists NOT NULL among them.
     */
    private static final class Catalog extends CatalogQueries {

        @Override
        public String columns() {
            return "SELECT c.column_name,"
                    + " CASE WHEN c.data_type IN ('USER-DEFINED', 'ARRAY') THEN c.udt_name ELSE c.data_type END" + SIZE
                    + ", c.is_nullable, c.column_default,"
                    + " CASE WHEN c.is_identity = 'YES' OR c.column_default LIKE 'nextval(%' THEN 'YES' ELSE 'NO' END"
                    + TYPE_FACTS + ", (SELECT string_agg(e.enumlabel, chr(31) ORDER BY e.enumsortorder)"
                    + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    + " JOIN pg_enum e ON e.enumtypid = t.oid"
                    + " WHERE t.typname = c.udt_name AND n.nspname = c.udt_schema)"
                    + COLUMNS_OF_TABLE;
        }

        /**
         * {@code data_type} in the standard's words; a time or timestamp without a precision has 6
         * fractional digits. Divemap's enumeration is a checked {@code varchar} here, and reads back
         * as one; an enum type made with {@code CREATE TYPE} reads back with its values.
         */
        @Override
        protected Type typeOf(TypeFacts facts, String dataType) {
            if (!facts.enumValues().isEmpty()) {
                return Type.enumeration(facts.enumValues().toArray(String[]::new));
            }
            return switch (dataType) {
                case "smallint" -> Type.smallint();
                case "integer" -> Type.integer();
                case "bigint" -> Type.bigint();
                case "boolean" -> Type.bool();
                case "numeric" -> Type.decimal(facts.precision(), facts.scale());
                case "real" -> Type.real();
                case "double precision" -> Type.doublePrecision();
                case "character" -> Type.fixedChar(facts.size());
                case "character varying" -> Type.varchar(facts.size());
                case "text" -> Type.text();
                case "bytea" -> Type.blob();
                case "date" -> Type.date();
                case "time without time zone" -> temporal(facts, Type::time, Type.time(), 6);
                case "timestamp without time zone" -> temporal(facts, Type::timestamp, Type.timestamp(), 6);
                case "timestamp with time zone" -> temporal(facts, Type::timestampWithTimeZone,
                        Type.timestampWithTimeZone(), 6);
                case "uuid" -> Type.uuid();
                case "json" -> Type.json();
                default -> null;
            };
        }

        /** A primary key's or unique constraint's index has the constraint's name. */
        @Override
        public Set<String> constraintIndexes(Connection connection, String schema, String table) throws SQLException {
            return new HashSet<>(strings(connection, "SELECT constraint_name FROM information_schema.table_constraints"
                    + " WHERE table_schema = ? AND table_name = ? AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')",
                    schema, table));
        }

        @Override
        public String checkConstraints() {
            return "SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c"
                    + " JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                    + " WHERE n.nspname = ? AND t.relname = ? AND c.contype = 'c'";
        }
    }
}
