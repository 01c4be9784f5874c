package org.divemap.backend.migrations;

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
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.MigrationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's whole history on an H2 file opened with a plain URL, without
 * {@code DATABASE_TO_LOWER=TRUE}: what
 * {@code java -jar divemap-cli.jar upgrade head --classpath examples/divemap-backend/target/classes
 * --url jdbc:h2:file:/tmp/x --user sa} does. ratings_0001's hand-written {@code CHECK (score BETWEEN 1
 * AND 10)} used to fail there with {@code Column "SCORE" not found}, since every name was quoted.
 */
class PlainH2UrlTest {

    @Test
    void theExampleMigratesToHeadOnAPlainH2Url(@TempDir Path dir) throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("x").toAbsolutePath();
        try (Divemap divemap = Divemap.configure().dataSource(url, "sa", "").load()) {
            MigrationResult result = divemap.upgrade("head");
            assertEquals(List.of("0007_add_dive_sites_rating_index"), result.versionAfter());
            assertTrue(result.revisions().size() >= 9, result.revisions().toString());
            CheckResult check = divemap.check();
            assertEquals(List.of(), check.pending());
            assertEquals(List.of(), check.changed());
        }
        // hand-written SQL, as an application or a console writes it, finds what the migrations created
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO users (username, email, password_hash) VALUES ('ana', 'ana@x.org', 'h')");
            statement.execute("INSERT INTO dive_sites (name, country) VALUES ('Blue Hole', 'Egypt')");
            statement.execute("INSERT INTO dive_site_ratings (dive_site_id, user_id, score) VALUES (1, 1, 9)");
            SQLException outOfRange = assertThrows(SQLException.class, () -> statement.execute(
                    "INSERT INTO dive_site_ratings (dive_site_id, user_id, score) VALUES (1, 1, 11)"));
            assertTrue(outOfRange.getMessage().toLowerCase().contains("ck_dive_site_ratings_score_range"),
                    outOfRange.getMessage());
            try (ResultSet rs = statement.executeQuery("SELECT s.name, r.score FROM dive_site_ratings r"
                    + " JOIN dive_sites s ON s.id = r.dive_site_id")) {
                assertTrue(rs.next());
                assertEquals("Blue Hole 9", rs.getString(1) + " " + rs.getInt(2));
            }
            try (ResultSet rs = statement.executeQuery("SELECT version_num FROM divemap_version")) {
                assertTrue(rs.next());
                assertEquals("0007_add_dive_sites_rating_index", rs.getString(1));
            }
        }
    }
}
