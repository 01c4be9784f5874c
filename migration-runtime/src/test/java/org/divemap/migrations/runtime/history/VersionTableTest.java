package org.divemap.migrations.runtime.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VersionTableTest {

    static final Databases DATABASES = new Databases("version_table");

    /** The statement Alembic runs to create its version table. */
    static final String ALEMBIC_DDL = "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
            + "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))";

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void createsOnceThenInsertsUpdatesAndDeletesRows(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect()) {
            VersionTable versions = new VersionTable(Dialect.detect(connection), null, "v_rows");
            assertFalse(versions.exists(connection));
            assertEquals(List.of(), versions.read(connection));
            versions.create(connection);
            versions.create(connection);
            assertTrue(versions.exists(connection));
            assertEquals(List.of(), versions.read(connection));

            versions.insert(connection, "0001_initial");
            versions.insert(connection, "0002_branch");
            assertEquals(Set.of("0001_initial", "0002_branch"), Set.copyOf(versions.read(connection)));
            assertEquals(2, versions.read(connection).size());
            versions.update(connection, "0001_initial", "0003_next");
            assertEquals(Set.of("0003_next", "0002_branch"), Set.copyOf(versions.read(connection)));
            versions.delete(connection, "0002_branch");
            assertEquals(List.of("0003_next"), versions.read(connection));
            assertEquals(VersionTable.LENGTH, versions.maxIdLength(connection));
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void newTableHasAlembicsLayout(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        try (Connection connection = db.connect()) {
            Dialect dialect = Dialect.detect(connection);
            new VersionTable(dialect, db.schema(), "v_layout").create(connection);
            try (PreparedStatement select = connection.prepareStatement("SELECT column_name, data_type,"
                    + " character_maximum_length, is_nullable FROM information_schema.columns"
                    + " WHERE table_schema = ? AND table_name = ?")) {
                select.setString(1, db.schema());
                select.setString(2, dialect.storedName(connection, "v_layout"));
                try (ResultSet rs = select.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(dialect.storedName(connection, "version_num"), rs.getString(1));
                    assertTrue(rs.getString(2).toLowerCase().matches("varchar|character varying"), rs.getString(2));
                    assertEquals(255, rs.getInt(3));
                    assertEquals("NO", rs.getString(4));
                    assertFalse(rs.next(), "one column only");
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT constraint_name FROM"
                    + " information_schema.table_constraints WHERE table_schema = ? AND table_name = ?"
                    + " AND constraint_type = 'PRIMARY KEY'")) {
                select.setString(1, db.schema());
                select.setString(2, dialect.storedName(connection, "v_layout"));
                try (ResultSet rs = select.executeQuery()) {
                    assertTrue(rs.next());
                    // MySQL and MariaDB call every primary key PRIMARY, as they do for Alembic's table
                    String expected = dialect.quoteExact("x").startsWith("`") ? "PRIMARY"
                            : dialect.storedName(connection, "v_layout_pkc");
                    assertEquals(expected, rs.getString(1));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void adoptsAnAlembicVersionTableAsItIs(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(ALEMBIC_DDL); // unquoted, as Alembic writes it: H2 stores ALEMBIC_VERSION
            statement.execute("INSERT INTO alembic_version (version_num) VALUES ('ae1027a6acf')");
            VersionTable versions = new VersionTable(Dialect.detect(connection), null, "alembic_version");
            assertTrue(versions.exists(connection));
            versions.create(connection);
            assertEquals(32, versions.maxIdLength(connection));
            assertEquals(List.of("ae1027a6acf"), versions.read(connection));

            String fits = "0002_" + "x".repeat(27);
            versions.update(connection, "ae1027a6acf", fits);
            assertEquals(List.of(fits), versions.read(connection));

            String tooLong = "0003_add_country_region_fields_to_sites"; // 39 characters
            DivemapException update = assertThrows(DivemapException.class,
                    () -> versions.update(connection, fits, tooLong));
            assertEquals(DivemapException.Kind.DATABASE, update.kind());
            assertTrue(update.getMessage().contains(tooLong + " has 39 characters"), update.getMessage());
            assertTrue(update.getMessage().contains("at most 32"), update.getMessage());
            assertTrue(update.getMessage().contains("ALTER TABLE"), update.getMessage());
            DivemapException insert = assertThrows(DivemapException.class, () -> versions.insert(connection, tooLong));
            assertEquals(DivemapException.Kind.DATABASE, insert.kind());
            DivemapException check = assertThrows(DivemapException.class,
                    () -> versions.requireFits(connection, List.of(fits, tooLong)));
            assertEquals(update.getMessage(), check.getMessage());
            assertEquals(List.of(fits), versions.read(connection), "nothing changed");

            statement.execute("DROP TABLE alembic_version");
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void anUpdateOrDeleteThatMatchesNoRowMeansSomeoneElseChangedTheTable(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect()) {
            VersionTable versions = new VersionTable(Dialect.detect(connection), null, "v_races");
            versions.create(connection);
            versions.insert(connection, "0001_initial");

            DivemapException update = assertThrows(DivemapException.class,
                    () -> versions.update(connection, "0009_gone", "0010_next"));
            assertEquals(DivemapException.Kind.DATABASE, update.kind());
            assertTrue(update.getMessage().contains("but 0 matched"), update.getMessage());
            assertTrue(update.getMessage().contains("Another process changed the table"), update.getMessage());

            DivemapException delete = assertThrows(DivemapException.class,
                    () -> versions.delete(connection, "0009_gone"));
            assertEquals(DivemapException.Kind.DATABASE, delete.kind());

            DivemapException duplicate = assertThrows(DivemapException.class,
                    () -> versions.insert(connection, "0001_initial"));
            assertEquals(DivemapException.Kind.DATABASE, duplicate.kind());
            assertTrue(duplicate.getMessage().contains("already has that row"), duplicate.getMessage());
            assertEquals(List.of("0001_initial"), versions.read(connection));
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void runsInsideTheCallersTransactionWithAnExplicitSchema(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        try (Connection connection = db.connect()) {
            VersionTable versions = new VersionTable(Dialect.detect(connection), db.schema(), "v_tx");
            versions.create(connection);
            connection.setAutoCommit(false);
            versions.insert(connection, "0001_initial");
            assertEquals(List.of("0001_initial"), versions.read(connection));
            connection.rollback();
            assertEquals(List.of(), versions.read(connection));
            connection.setAutoCommit(true);
        }
    }

    /** The ids of issue #14: one ends in a backslash, the next holds SQL after a quote. */
    static final String BACKSLASH = "q1_a\\";
    static final String INJECTION = "q2_;DROP/**/TABLE/**/q1;#";

    @Test
    void offlineStatementsWriteIdsAsTheDialectsTextLiterals() {
        VersionTable mysql = new VersionTable(Dialect.of(Database.MARIADB), null, "v_offline");
        assertEquals(List.of("UPDATE v_offline SET version_num = 'q1_a\\\\' WHERE version_num ="
                + " 'q2_;DROP/**/TABLE/**/q1;#'"), mysql.changeStatements(List.of(INJECTION), List.of(BACKSLASH)));
        assertEquals(List.of("INSERT INTO v_offline (version_num) VALUES ('it''s\\\\')"),
                mysql.changeStatements(List.of(), List.of("it's\\")));
        // standard strings: a backslash is a character like any other
        VersionTable postgres = new VersionTable(Dialect.of(Database.POSTGRESQL), null, "v_offline");
        assertEquals(List.of("DELETE FROM v_offline WHERE version_num = 'q1_a\\'"),
                postgres.changeStatements(List.of(BACKSLASH), List.of()));
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void offlineStatementsStoreTheExactIdsAndRunNothingElse(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE q1 (id INT)");
            VersionTable versions = new VersionTable(Dialect.of(kind), null, "v_offline");
            List<String> script = new java.util.ArrayList<>();
            script.add(versions.createStatement());
            script.addAll(versions.changeStatements(List.of(), List.of(INJECTION)));
            script.addAll(versions.changeStatements(List.of(INJECTION), List.of(BACKSLASH)));
            for (String sql : script) {
                statement.execute(sql);
            }
            assertEquals(List.of(BACKSLASH), new VersionTable(Dialect.of(kind), null, "v_offline").read(connection));
            statement.executeQuery("SELECT COUNT(*) FROM q1").close();
            for (String sql : versions.changeStatements(List.of(BACKSLASH), List.of())) {
                statement.execute(sql);
            }
            assertEquals(List.of(), new VersionTable(Dialect.of(kind), null, "v_offline").read(connection));
            statement.execute("DROP TABLE q1");
            statement.execute("DROP TABLE " + Dialect.of(kind).quote("v_offline"));
        }
    }

    /**
     * Issue #14 as reported: the offline script piped into {@code mysql --force}, which splits
     * statements itself and goes on after an error. A backslash left unescaped ended the quoted id
     * early, and the next id's text ran as a statement that dropped {@code q1}.
     */
    @Test
    void anOfflineScriptPipedIntoTheMysqlClientDropsNothing() throws Exception {
        TestDatabase db = DATABASES.other(Database.MARIADB); // a q1 of its own
        java.util.regex.Matcher server = java.util.regex.Pattern.compile("//([^/:?]+)(?::(\\d+))?").matcher(db.jdbcUrl());
        Assumptions.assumeTrue(server.find() && onPath("mysql"), "needs the mysql client and a host in the URL");
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE q1 (id INT)");
            VersionTable versions = new VersionTable(Dialect.of(Database.MARIADB), null, "v_client");
            StringBuilder script = new StringBuilder(versions.createStatement()).append(";\n");
            for (String sql : versions.changeStatements(List.of(), List.of(INJECTION))) {
                script.append(sql).append(";\n");
            }
            for (String sql : versions.changeStatements(List.of(INJECTION), List.of(BACKSLASH))) {
                script.append(sql).append(";\n");
            }
            List<String> command = new java.util.ArrayList<>(List.of("mysql", "--force", "--protocol=TCP", "-h",
                    server.group(1), "-P", server.group(2) == null ? "3306" : server.group(2), db.schema()));
            if (db.user() != null) {
                command.addAll(2, List.of("-u", db.user()));
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (db.password() != null && !db.password().isEmpty()) {
                builder.environment().put("MYSQL_PWD", db.password());
            }
            Process client = builder.start();
            try (java.io.OutputStream in = client.getOutputStream()) {
                in.write(script.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String output = new String(client.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(client.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "the mysql client did not finish");
            assertEquals(0, client.exitValue(), script + "\n" + output);
            statement.executeQuery("SELECT COUNT(*) FROM q1").close(); // still there
            assertEquals(List.of(BACKSLASH), versions.read(connection));
            statement.execute("DROP TABLE q1");
            statement.execute("DROP TABLE v_client");
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void refusesATableWithoutVersionNum(Database kind) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE not_versions (id INT)");
            VersionTable versions = new VersionTable(Dialect.detect(connection), null, "not_versions");
            DivemapException e = assertThrows(DivemapException.class, () -> versions.create(connection));
            assertEquals(DivemapException.Kind.DATABASE, e.kind());
            assertTrue(e.getMessage().contains("has no version_num column"), e.getMessage());
        }
    }
}
