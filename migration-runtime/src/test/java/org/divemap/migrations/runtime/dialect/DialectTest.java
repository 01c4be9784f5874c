package org.divemap.migrations.runtime.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.runtime.dialect.mysql.MariaDbDialect;
import org.divemap.migrations.runtime.dialect.mysql.MySqlDialect;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DialectTest {

    static final Databases DATABASES = new Databases("dialect");

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void detectsTheDatabaseFromJdbcMetadata(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect()) {
            Dialect dialect = Dialect.detect(connection);
            Database expected = kind;
            if (kind == Database.MARIADB) { // the server at DIVEMAP_TEST_MYSQL_URL may be either
                expected = version(connection).contains("MariaDB") ? Database.MARIADB : Database.MYSQL;
            }
            assertEquals(expected, dialect.database());
            assertEquals(Dialect.of(expected).getClass(), dialect.getClass());
            if (expected == Database.MARIADB) {
                assertInstanceOf(MariaDbDialect.class, dialect);
                assertInstanceOf(MySqlDialect.class, dialect);
            }
        }
    }

    @Test
    void writesEachKindOfParameterAsALiteral() {
        Ddl mysql = Ddl.of(Dialect.of(Database.MARIADB));
        Ddl postgres = Ddl.of(Dialect.of(Database.POSTGRESQL));
        assertEquals("INSERT INTO t VALUES (X'00FF5C27', NULL, 'it''s \\\\', TRUE, 2.50, '2024-05-01 12:34:56.789',"
                + " '2024-05-01', '12:34:56')", mysql.inline("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        new byte[] {0, (byte) 0xFF, '\\', '\''}, null, "it's \\", true, new java.math.BigDecimal("2.50"),
                        java.sql.Timestamp.valueOf("2024-05-01 12:34:56.789"), java.sql.Date.valueOf("2024-05-01"),
                        java.sql.Time.valueOf("12:34:56")));
        assertEquals("SELECT decode('', 'hex'), decode('0A', 'hex'), '?'", postgres.inline("SELECT ?, ?, '?'",
                new byte[0], new byte[] {10}));
        java.time.Instant instant = java.time.Instant.parse("2024-05-01T12:34:00Z");
        assertEquals("SELECT TIMESTAMP WITH TIME ZONE '2024-05-01 12:34:00+00:00',"
                + " TIMESTAMP WITH TIME ZONE '2024-05-01 14:34:00+02:00', '2024-05-01 12:34:00', '12:34:00'",
                postgres.inline("SELECT ?, ?, ?, ?", instant, instant.atOffset(java.time.ZoneOffset.ofHours(2)),
                        java.time.LocalDateTime.of(2024, 5, 1, 12, 34), java.time.LocalTime.of(12, 34)));
        assertEquals("SELECT '2024-05-01 12:34:00', '2024-05-01 12:34:00'", mysql.inline("SELECT ?, ?", instant,
                instant.atZone(java.time.ZoneId.of("Asia/Tokyo"))));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> postgres.inline("SELECT ?", new Object()));
        assertTrue(e.getMessage().startsWith("a java.lang.Object value cannot be written"), e.getMessage());
    }

    @Test
    void countsPlaceholdersAsTheDriversDo() {
        Ddl mysql = Ddl.of(Dialect.of(Database.MARIADB));
        Ddl postgres = Ddl.of(Dialect.of(Database.POSTGRESQL));
        Ddl h2 = Ddl.of(Dialect.of(Database.H2));
        String sql = "UPDATE \"t?\" SET a = ? /* why? */ WHERE b = 'it''s?' -- really?\n AND c = ?";
        for (Ddl ddl : List.of(postgres, h2)) {
            assertEquals("UPDATE \"t?\" SET a = 1 /* why? */ WHERE b = 'it''s?' -- really?\n AND c = 2",
                    ddl.inline(sql, 1, 2));
        }
        assertEquals("UPDATE `t?` SET a = 1 # why?\n WHERE b = 'don\\'t?' AND c = 5--2",
                mysql.inline("UPDATE `t?` SET a = ? # why?\n WHERE b = 'don\\'t?' AND c = 5--?", 1, 2));
        assertEquals("SELECT data ? 'a', $$it's ? here$$, $f$?$f$, x$y FROM t WHERE id = 7",
                postgres.inline("SELECT data ?? 'a', $$it's ? here$$, $f$?$f$, x$y FROM t WHERE id = ?", 7));
        assertEquals("SELECT 12", h2.inline("SELECT ??", 1, 2), "H2's driver reads ?? as two placeholders");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> postgres.inline("SELECT ? -- and ?", 1, 2));
        assertTrue(e.getMessage().startsWith("the statement has 1 ? placeholders but 2 parameters were given"),
                e.getMessage());
    }

    @Test
    void answersTheSameQuestionsForEachDatabase() {
        assertEquals(List.of(false, false, true, false), List.of(Dialect.of(Database.MYSQL).transactionalDdl(),
                Dialect.of(Database.MARIADB).transactionalDdl(), Dialect.of(Database.POSTGRESQL).transactionalDdl(),
                Dialect.of(Database.H2).transactionalDdl()));
        assertEquals(List.of(true, true, false, false), List.of(Dialect.of(Database.MYSQL).commitsEachStatement(),
                Dialect.of(Database.MARIADB).commitsEachStatement(), Dialect.of(Database.POSTGRESQL)
                        .commitsEachStatement(), Dialect.of(Database.H2).commitsEachStatement()));
        assertEquals("MariaDB", Dialect.of(Database.MARIADB).displayName());
        assertEquals(Database.POSTGRESQL, Dialect.of(Database.POSTGRESQL).database());
    }

    @Test
    void knowsEachDriverByItsUrlAndEachDatabaseByTheNameUsersGive() {
        assertEquals(List.of("com.mysql.cj.jdbc.Driver", "org.mariadb.jdbc.Driver", "org.postgresql.Driver",
                "org.h2.Driver"), java.util.stream.Stream.of("jdbc:mysql://db/shop", "jdbc:mariadb://db/shop",
                        "jdbc:postgresql://db/shop", "jdbc:h2:mem:x")
                .map(url -> Dialect.forUrl(url).orElseThrow().driverClass()).toList());
        assertEquals(java.util.Optional.empty(), Dialect.forUrl("jdbc:oracle:thin:@db:1521/orcl"));
        for (String name : Dialect.names()) { // forUrl tests the prefixes without an instance of each dialect
            Dialect dialect = Dialect.named(name);
            assertEquals(name, Dialect.forUrl(dialect.urlPrefix() + "//db/shop").orElseThrow().name());
        }
        assertEquals(List.of("mysql", "mariadb", "postgresql", "h2"), Dialect.names());
        assertEquals(Database.POSTGRESQL, Dialect.named("PostgreSQL").database());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Dialect.named("oracle"));
        assertEquals("oracle is not one of mysql, mariadb, postgresql, h2.", e.getMessage());
        java.util.Properties properties = new java.util.Properties();
        Dialect.of(Database.POSTGRESQL).connectTimeout(properties, java.time.Duration.ofMillis(1500));
        assertEquals("2", properties.getProperty("connectTimeout"), "PgJDBC counts whole seconds");
        Dialect.of(Database.MARIADB).connectTimeout(properties, java.time.Duration.ofMillis(1500));
        assertEquals("1500", properties.getProperty("connectTimeout"));
    }

    @Test
    void dumpsWithTheDatabasesOwnToolAndKeepsThePasswordOutOfTheArguments() {
        DumpTarget target = new DumpTarget("db", 0, "shop", "app", "s3cret");
        java.nio.file.Path file = java.nio.file.Path.of("/backups/shop.sql");
        java.util.Map<String, String> env = new java.util.HashMap<>();
        assertEquals(List.of("mysqldump", "--single-transaction", "--routines", "--host=db", "--port=3306",
                "--user=app", "--result-file=/backups/shop.sql", "shop"),
                Dialect.of(Database.MARIADB).dumpCommand(target, file, env).orElseThrow());
        assertEquals(java.util.Map.of("MYSQL_PWD", "s3cret"), env);
        env.clear();
        assertEquals(List.of("pg_dump", "--host=db", "--port=5433", "--file=/backups/shop.sql", "--username=app",
                "shop"), Dialect.of(Database.POSTGRESQL).dumpCommand(new DumpTarget("db", 5433, "shop", "app",
                        "s3cret"), file, env).orElseThrow());
        assertEquals(java.util.Map.of("PGPASSWORD", "s3cret"), env);
        assertEquals(java.util.Optional.empty(), Dialect.of(Database.H2).dumpCommand(target, file, env));
        assertFalse(target.toString().contains("s3cret"), target.toString());
    }

    @Test
    void recognisesTheStatementsMySqlCommitsByItself() {
        Dialect mysql = Dialect.of(Database.MARIADB);
        for (String ddl : List.of("CREATE TABLE t (id INT)", "  create index i on t (a);", "ALTER TABLE t ADD c INT",
                "DROP TABLE t", "RENAME TABLE a TO b", "TRUNCATE t", "CREATE OR REPLACE VIEW v AS SELECT 1",
                "-- why\n/* note */ # more\nCREATE TABLE t (id INT)", "DROP TABLE IF EXISTS t;\n",
                "CREATE TABLE temporary_notes (id INT)", "Drop\tTable t", "ALTER TABLE t ADD note_temporary INT ;  \n")) {
            assertTrue(mysql.commitsImplicitly(ddl), ddl);
        }
        // not recognised, so committed after they run: data changes, temporary tables (which MySQL does
        // not commit), several statements in one string, code in /*! comments, and unknown comment forms
        for (String other : List.of("INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "SELECT 1",
                "CREATE TEMPORARY TABLE t (id INT)", "DROP TEMPORARY TABLE t",
                "CREATE OR REPLACE TEMPORARY TABLE t (id INT)", "CREATE TABLE t (id INT); INSERT INTO t VALUES (1)",
                "/*!40101 CREATE TABLE t (id INT) */", "--\tCREATE TABLE t (id INT)", "CREATED", "",
                "CREATE TABLE t (id INT);;", "create temporary table t (id INT)", "DROP_TABLE t", "ALTERS")) {
            assertFalse(mysql.commitsImplicitly(other), other);
        }
        for (Database kind : List.of(Database.POSTGRESQL, Database.H2)) {
            assertFalse(Dialect.of(kind).commitsImplicitly("CREATE TABLE t (id INT)"), kind.name());
        }
        assertTrue(Dialect.of(Database.MYSQL).commitsImplicitly("ALTER TABLE t DROP COLUMN c"));
    }

    @Test
    void quoteDoublesTheQuoteCharacterOnly() {
        assertEquals("`a``b\"c`", Dialect.of(Database.MYSQL).quote("a`b\"c"));
        assertEquals("`dive_sites`", Dialect.of(Database.MARIADB).quoteExact("dive_sites"));
        assertEquals("\"a\"\"b`c\"", Dialect.of(Database.POSTGRESQL).quote("a\"b`c"));
        assertEquals("\"Mixed Case\"", Dialect.of(Database.H2).quote("Mixed Case"));
    }

    @Test
    void qualifyLeavesOutAMissingSchema() {
        assertEquals("shop.dive_sites", Dialect.of(Database.MYSQL).qualify("shop", "dive_sites"));
        assertEquals("dive_sites", Dialect.of(Database.POSTGRESQL).qualify(null, "dive_sites"));
        assertEquals("\"dive_sites\"", Dialect.of(Database.POSTGRESQL).qualifyExact(null, "dive_sites"));
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void quotedNamesReachTheDatabaseExactlyAsWritten(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        List<String> names = List.of("order", "we\"ird", "back`tick", "Mixed Case", "dive_sites");
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            Dialect dialect = Dialect.detect(connection);
            for (String name : names) {
                String table = dialect.qualifyExact(db.schema(), name);
                statement.execute("CREATE TABLE " + table + " (" + dialect.quoteExact("select") + " INT)");
                statement.execute("INSERT INTO " + table + " (" + dialect.quoteExact("select") + ") VALUES (7)");
                try (ResultSet rs = statement.executeQuery("SELECT " + dialect.quoteExact("select") + " FROM " + table)) {
                    assertTrue(rs.next());
                    assertEquals(7, rs.getInt(1));
                }
            }
            List<String> stored = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
                select.setString(1, db.schema());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
            }
            assertTrue(stored.containsAll(names), "stored " + stored);
            for (String name : names) {
                statement.execute("DROP TABLE " + dialect.qualifyExact(null, name));
            }
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void currentSchemaIsTheTestSchema(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        try (Connection connection = db.connect()) {
            Dialect dialect = Dialect.detect(connection);
            assertEquals(db.schema(), dialect.currentSchema(connection));
            String scope = dialect.lockScope(connection, null);
            assertTrue(scope.endsWith(db.schema()), scope);
            assertEquals(scope.replace(db.schema(), "elsewhere"), dialect.lockScope(connection, "elsewhere"));
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void transactionalDdlSaysWhetherRollbackUndoesCreateTable(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect()) {
            Dialect dialect = Dialect.detect(connection);
            String table = dialect.quote("ddl_probe");
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + table + " (x INT)");
                connection.rollback();
                connection.setAutoCommit(true);
                boolean survived = tableExists(connection, DATABASES.get(kind).schema(),
                        dialect.storedName(connection, "ddl_probe"));
                assertEquals(!dialect.transactionalDdl(), survived, "CREATE TABLE survived a rollback on " + kind);
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void widenVarcharKeepsRowsAndNotNull(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect();
                Statement statement = connection.createStatement()) {
            Dialect dialect = Dialect.detect(connection);
            String table = dialect.quote("narrow");
            statement.execute("CREATE TABLE " + table + " (" + dialect.quote("version_num") + " VARCHAR(32) NOT NULL)");
            statement.execute("INSERT INTO " + table + " VALUES ('abc')");
            statement.execute(dialect.widenVarchar(table, dialect.storedName(connection, "version_num"), 255));
            String wide = "x".repeat(200);
            statement.execute("INSERT INTO " + table + " VALUES ('" + wide + "')");
            try (ResultSet rs = statement.executeQuery("SELECT character_maximum_length, is_nullable"
                    + " FROM information_schema.columns WHERE table_name = '" + dialect.storedName(connection, "narrow")
                    + "' AND table_schema = '" + DATABASES.get(kind).schema() + "'")) {
                assertTrue(rs.next());
                assertEquals(255, rs.getInt(1));
                assertEquals("NO", rs.getString(2));
            }
            statement.execute("DROP TABLE " + table);
        }
    }

    private static boolean tableExists(Connection connection, String schema, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            select.setString(1, schema);
            select.setString(2, name);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    private static String version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
