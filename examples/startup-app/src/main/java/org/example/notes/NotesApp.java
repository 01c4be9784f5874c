package org.example.notes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.MigrationResult;

/**
 * A Spring-less application: at start-up it brings its database to head, then does its work.
 * Run it with {@code mvn -q compile exec:java -Dexec.args="buy fins"}; the database is an H2 file
 * under {@code target/}, or {@code NOTES_DB_URL}.
 */
public final class NotesApp {

    private NotesApp() {}

    public static void main(String[] args) throws SQLException {
        String url = System.getenv().getOrDefault("NOTES_DB_URL",
                "jdbc:h2:file:./target/notes;DATABASE_TO_LOWER=TRUE");

        // 1. Migrate before anything touches the tables. Another instance starting at the same time
        //    waits for the migration lock, then finds nothing left to do.
        try (Divemap divemap = Divemap.configure().dataSource(url, "sa", "").load()) {
            MigrationResult result = divemap.upgrade("head");
            System.out.println(result.nothingToDo() ? "Schema up to date: " + result.versionAfter()
                    : "Migrated to " + result.versionAfter());
        }

        // 2. The application's own work.
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            if (args.length > 0) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes (text) VALUES (?)")) {
                    insert.setString(1, String.join(" ", args));
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT id, text FROM notes ORDER BY id");
                    ResultSet notes = select.executeQuery()) {
                while (notes.next()) {
                    System.out.println(notes.getInt(1) + ". " + notes.getString(2));
                }
            }
        }
    }
}
