package org.divemap.migrations.runtime.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names are quoted only where needed, as SQLAlchemy quotes them: a lower-case name of
 * {@code [a-z_][a-z0-9_]*} that the database does not reserve goes unquoted; any other is quoted.
 */
class QuotingTest {

    static final Databases DATABASES = new Databases("quoting");

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    private static final Dialect MYSQL = Dialect.of(Database.MYSQL);
    private static final Dialect MARIADB = Dialect.of(Database.MARIADB);
    private static final Dialect POSTGRES = Dialect.of(Database.POSTGRESQL);
    private static final Dialect H2 = Dialect.of(Database.H2);

    /** name -> how MySQL, MariaDB, PostgreSQL and H2 write it. */
    private static void assertQuoted(String name, String mysql, String mariadb, String postgres, String h2) {
        assertEquals(List.of(mysql, mariadb, postgres, h2), List.of(MYSQL.quote(name), MARIADB.quote(name),
                POSTGRES.quote(name), H2.quote(name)), name);
    }

    @Test
    void aLowerCaseNameThatNoDatabaseReservesGoesUnquoted() {
        for (String name : List.of("dive_sites", "score", "created_at", "a1", "_tmp", "x", "version_num",
                "divemap_history", "id", "name", "host", "checksum", "error")) {
            assertQuoted(name, name, name, name, name);
        }
    }

    @Test
    void aReservedWordIsQuotedWhereTheDatabaseReservesIt() {
        assertQuoted("order", "`order`", "`order`", "\"order\"", "\"order\"");
        assertQuoted("select", "`select`", "`select`", "\"select\"", "\"select\"");
        assertQuoted("limit", "`limit`", "`limit`", "\"limit\"", "\"limit\"");
        // H2 reserves KEY and VALUE; PostgreSQL neither (VALUE is the SQL standard's, so it quotes that)
        assertQuoted("key", "`key`", "`key`", "key", "\"key\"");
        assertQuoted("value", "`value`", "`value`", "\"value\"", "\"value\"");
        // H2 reserves TOP, _ROWID_ and MINUS, which neither the standard nor the others do
        assertQuoted("top", "top", "top", "top", "\"top\"");
        assertQuoted("_rowid_", "_rowid_", "_rowid_", "_rowid_", "\"_rowid_\"");
        // MySQL reserves RANK and INDEX; RANK is the standard's too, so PostgreSQL quotes it, H2 does not
        assertQuoted("rank", "`rank`", "`rank`", "\"rank\"", "rank");
        assertQuoted("index", "`index`", "`index`", "index", "index");
        // MariaDB's own reserved words are quoted for MySQL too: one script serves both
        assertQuoted("returning", "`returning`", "`returning`", "\"returning\"", "returning");
        // PostgreSQL reserves these, unlike H2
        assertQuoted("analyse", "analyse", "analyse", "\"analyse\"", "analyse");
        assertQuoted("freeze", "freeze", "freeze", "\"freeze\"", "freeze");
        // words of the SQL standard only: quoted where that costs nothing (MySQL, PostgreSQL), not on H2
        assertQuoted("position", "`position`", "`position`", "\"position\"", "position");
        assertQuoted("count", "`count`", "`count`", "\"count\"", "count");
    }

    @Test
    void anUpperCaseLetterMakesANameQuoted() {
        assertQuoted("Users", "`Users`", "`Users`", "\"Users\"", "\"Users\"");
        assertQuoted("USERS", "`USERS`", "`USERS`", "\"USERS\"", "\"USERS\"");
        assertQuoted("diveSites", "`diveSites`", "`diveSites`", "\"diveSites\"", "\"diveSites\"");
    }

    @Test
    void aLeadingDigitOrACharacterOutsideLettersDigitsAndUnderscoresMakesANameQuoted() {
        assertQuoted("1st_place", "`1st_place`", "`1st_place`", "\"1st_place\"", "\"1st_place\"");
        assertQuoted("2024", "`2024`", "`2024`", "\"2024\"", "\"2024\"");
        assertQuoted("dive-sites", "`dive-sites`", "`dive-sites`", "\"dive-sites\"", "\"dive-sites\"");
        assertQuoted("dive sites", "`dive sites`", "`dive sites`", "\"dive sites\"", "\"dive sites\"");
        assertQuoted("price$", "`price$`", "`price$`", "\"price$\"", "\"price$\"");
        assertQuoted("a\"b`c", "`a\"b``c`", "`a\"b``c`", "\"a\"\"b`c\"", "\"a\"\"b`c\"");
    }

    @Test
    void aLetterOutsideAsciiMakesANameQuoted() {
        assertQuoted("größe", "`größe`", "`größe`", "\"größe\"", "\"größe\"");
        assertQuoted("café", "`café`", "`café`", "\"café\"", "\"café\"");
        assertQuoted("名前", "`名前`", "`名前`", "\"名前\"", "\"名前\"");
        // a Turkish dotless i is no ASCII letter, and a Kelvin sign no K
        assertQuoted("kapı", "`kapı`", "`kapı`", "\"kapı\"", "\"kapı\"");
        assertQuoted("\u212Aey", "`\u212Aey`", "`\u212Aey`", "\"\u212Aey\"", "\"\u212Aey\"");
    }

    @Test
    void qualifyQuotesEachPartByTheRuleAndQuoteExactQuotesAlways() {
        assertEquals("shop.dive_sites", MYSQL.qualify("shop", "dive_sites"));
        assertEquals("\"Shop\".\"order\"", POSTGRES.qualify("Shop", "order"));
        assertEquals("shop.\"DIVE_SITES\"", H2.qualifyExact("shop", "DIVE_SITES"));
        assertEquals("`dive_sites`", MARIADB.quoteExact("dive_sites"));
        assertEquals("\"dive_sites\"", H2.quoteExact("dive_sites"));
    }

    @Test
    void theEarlierRuleQuotedEveryName() {
        for (Dialect dialect : List.of(MYSQL, MARIADB, POSTGRES, H2)) {
            Dialect every = dialect.quotingEveryName();
            assertEquals(dialect.getClass(), every.getClass());
            assertEquals(dialect.quoteExact("dive_sites"), every.quote("dive_sites"));
            assertEquals(dialect.quoteExact("order"), every.quote("order"));
            assertEquals("dive_sites", dialect.quote("dive_sites"), "the dialect itself is unchanged");
        }
    }

    @Test
    void eachReservedWordIsQuotedInLowerCase() {
        for (Map.Entry<Dialect, List<String>> entry : Map.of(MYSQL, List.of("window", "groups", "database"),
                POSTGRES, List.of("user", "table", "verbose"), H2, List.of("year", "row", "qualify")).entrySet()) {
            for (String word : entry.getValue()) {
                assertTrue(entry.getKey().needsQuotes(word), entry.getKey() + ": " + word);
                assertTrue(entry.getKey().reservedWords().contains(word.toUpperCase(java.util.Locale.ROOT)));
            }
        }
        assertFalse(H2.needsQuotes("user_id"));
        assertFalse(POSTGRES.needsQuotes("users"));
    }

    /**
     * On each database, what Divemap creates with unquoted names is what hand-written SQL that does
     * not quote them finds, H2 included (it keeps both in upper case); the catalog holds the name
     * {@link Dialect#storedName} gives; and a reserved word, quoted, works as a name.
     */
    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void handWrittenSqlFindsWhatDivemapCreated(Database kind) throws SQLException {
        TestDatabase db = DATABASES.get(kind);
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            Dialect dialect = Dialect.detect(connection);
            statement.execute("CREATE TABLE " + dialect.quote("dive_site_ratings") + " (" + dialect.quote("score")
                    + " INT NOT NULL, " + dialect.quote("order") + " INT, " + dialect.quote("Note") + " INT,"
                    + " CONSTRAINT " + dialect.quote("ck_score") + " CHECK (score BETWEEN 1 AND 10))");
            statement.execute("INSERT INTO dive_site_ratings (score) VALUES (7)");
            statement.execute("UPDATE dive_site_ratings SET score = score + 1");
            try (ResultSet rs = statement.executeQuery("SELECT score FROM dive_site_ratings")) {
                assertTrue(rs.next());
                assertEquals(8, rs.getInt(1));
            }
            assertEquals(List.of(dialect.storedName(connection, "dive_site_ratings")),
                    tables(connection, db.schema(), "dive_site_ratings"));
            assertEquals("order", dialect.storedName(connection, "order"));
            assertEquals("Note", dialect.storedName(connection, "Note"));
            statement.execute("DROP TABLE dive_site_ratings");
        }
    }

    @Test
    void h2KeepsUnquotedNamesInTheCaseItsUrlAsksFor() throws SQLException {
        try (Connection upper = DriverManager.getConnection("jdbc:h2:mem:quoting_upper", "sa", "");
                Connection lower = DriverManager.getConnection("jdbc:h2:mem:quoting_lower;DATABASE_TO_LOWER=TRUE",
                        "sa", "")) {
            assertEquals("DIVE_SITES", H2.storedName(upper, "dive_sites"));
            assertEquals("dive_sites", H2.storedName(lower, "dive_sites"));
            assertEquals("Dive", H2.storedName(upper, "Dive"));
            assertEquals("dive_sites", H2.quotingEveryName().storedName(upper, "dive_sites"));
        }
    }

    private static List<String> tables(Connection connection, String schema, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = ? AND LOWER(table_name) = ?")) {
            select.setString(1, schema);
            select.setString(2, name);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        }
    }
}
