package org.divemap.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionWriterTest {

    @Test
    void numberedHistoriesGetTheNextNumberAndASlug() {
        assertEquals("0004_add_phone_to_users", RevisionWriter.freshId(List.of("0001_a", "0003_b", "0002_c"),
                "Add phone to users!"));
        assertEquals("0001_initial", RevisionWriter.freshId(List.of(), "Initial"));
        assertEquals("00011_x", RevisionWriter.freshId(List.of("00010_y"), "x"));
    }

    @Test
    void hexHistoriesGetTwelveHexDigits() {
        String id = RevisionWriter.freshId(List.of("ae1027a6acf2"), "whatever");
        assertTrue(id.matches("[0-9a-f]{12}"), id);
    }

    @Test
    void classNamesComeFromTheMessage() {
        assertEquals("AddPhoneToUsers", RevisionWriter.className("add_phone_to_users", "0004"));
        assertEquals("Revision2faCodes", RevisionWriter.className("2fa_codes", "0005"));
    }

    @Test
    void neverOverwrites(@TempDir Path root) throws Exception {
        var file = RevisionWriter.source("com.example.db", "AddPhone", "0004_add_phone", List.of("0003_x"), "Add phone");
        Path written = RevisionWriter.write(root, file);
        String source = java.nio.file.Files.readString(written);
        for (String member : List.of("id = \"0004_add_phone\"", "revises = \"0003_x\"", "message = \"Add phone\"",
                "public final class AddPhone implements Migration", "public void downgrade(Operations op)")) {
            assertTrue(source.contains(member), () -> member + " missing in:\n" + source);
        }
        assertTrue(!source.contains("import java.lang"), source);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RevisionWriter.write(root, file));
        assertTrue(e.getMessage().contains("already exists; it was not overwritten"), e.getMessage());
    }

    @Test
    void commonPackageOfTheMigrations() {
        assertEquals("com.example.db", RevisionWriter.commonPackage(List.of("com.example.db.migrations.A",
                "com.example.db.B", "com.example.db.other.C$D")));
    }
}
