package org.divemap.migrations.runtime.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H2 database that an earlier version migrated, quoting every name, keeps its names in lower case.
 * Opened as it was created, without {@code DATABASE_TO_LOWER=TRUE}, the unquoted names Divemap now
 * writes would not find them: Divemap refuses it and names the setting that helps,
 * {@code CASE_INSENSITIVE_IDENTIFIERS=TRUE}. With it, old and new names work together.
 */
class EarlierH2NamesTest {

    /** 0001 created dive_sites, under an earlier version; 0002 adds a column to it and fills it by hand. */
    public static final class AddRating implements Migration {
        @Override
        public void upgrade(Operations op) {
            op.addColumn("dive_sites", Column.of("rating", Type.integer()).nullable());
            op.execute("UPDATE dive_sites SET rating = 5");
        }

        @Override
        public void downgrade(Operations op) {
            op.dropColumn("dive_sites", "rating");
        }
    }

    /** The revision the earlier version applied: what it rendered, with every name quoted. */
    public static final class CreateSites implements Migration {
        @Override
        public void upgrade(Operations op) {
            op.createTable("dive_sites", Column.of("id", Type.integer()).primaryKey());
        }

        @Override
        public void downgrade(Operations op) {
            op.dropTable("dive_sites");
        }
    }

    private static final List<RegisteredRevision> REVISIONS = List.of(
            new RegisteredRevision("0001_sites", List.of(), List.of(), List.of(), "", CreateSites.class.getName(),
                    null, CreateSites::new),
            new RegisteredRevision("0002_rating", List.of("0001_sites"), List.of(), List.of(), "",
                    AddRating.class.getName(), null, AddRating::new));

    @Test
    void aDatabaseWhoseNamesAnEarlierVersionQuotedNamesTheSettingThatOpensIt(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("earlier").toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            // what an earlier version left: its tables and 0001's, every name quoted, so in lower case
            Dialect earlier = Dialect.of(Database.H2).quotingEveryName();
            VersionTable versions = new VersionTable(earlier, null, "divemap_version");
            versions.create(connection);
            versions.insert(connection, "0001_sites");
            new HistoryTable(earlier, null, "divemap_history").create(connection);
            statement.execute("CREATE TABLE \"dive_sites\" (\"id\" INTEGER NOT NULL, CONSTRAINT \"pk_dive_sites\""
                    + " PRIMARY KEY (\"id\"))");
            statement.execute("INSERT INTO \"dive_sites\" VALUES (1)");
        }
        try (Divemap divemap = Divemap.configure().dataSource(url, "sa", "").registries(() -> REVISIONS).load()) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(DivemapException.Kind.CONFIGURATION, e.kind());
            assertTrue(e.getMessage().startsWith("The version table divemap_version is stored as \"divemap_version\","
                    + " in lower case, as earlier versions of Divemap created every name by quoting it; but this H2"
                    + " connection reads unquoted names as DIVEMAP_VERSION"), e.getMessage());
            assertTrue(e.getMessage().endsWith("Add ;CASE_INSENSITIVE_IDENTIFIERS=TRUE to the URL: H2 then matches"
                    + " names regardless of case, and finds the lower-case names along with the new ones."),
                    e.getMessage());
        }
        // as the message says (DATABASE_TO_LOWER=TRUE would not open this database at all)
        String insensitive = url + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE";
        try (Divemap divemap = Divemap.configure().dataSource(insensitive, "sa", "").registries(() -> REVISIONS)
                .load()) {
            assertEquals(List.of("0002_rating"), divemap.upgrade("head").versionAfter());
            CheckResult check = divemap.check();
            assertTrue(check.ok(), check.toString());
        }
        try (Connection connection = DriverManager.getConnection(insensitive, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id, rating FROM dive_sites")) {
            assertTrue(rs.next(), "unquoted names find the lower-case table and the new column");
            assertEquals(5, rs.getInt(2));
        }
    }

    @Test
    void aDatabaseThisVersionCreatedNeedsNoSetting() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:earlier_names_new", "sa", "")) {
            Dialect dialect = Dialect.of(Database.H2);
            VersionTable versions = new VersionTable(dialect, null, "divemap_version");
            versions.create(connection);
            versions.insert(connection, "0001_sites");
            assertEquals(List.of("0001_sites"), new VersionTable(dialect, null, "divemap_version").read(connection));
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT version_num FROM divemap_version")) {
                assertTrue(rs.next());
                assertEquals("0001_sites", rs.getString(1));
            }
        }
    }
}
