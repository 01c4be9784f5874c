package org.example.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Starts the application twice on a fresh database: it migrates the first time only. */
class NotesAppTest {

    @Test
    void migratesOnFirstStartAndNotAgain() throws Exception {
        Path target = Path.of("target");
        try (Stream<Path> old = Files.list(target)) {
            for (Path file : old.filter(p -> p.getFileName().toString().startsWith("notes.")).toList()) {
                Files.delete(file);
            }
        }
        assertEquals("Migrated to [0001_create_notes]\n1. buy fins\n", run("buy", "fins"));
        assertEquals("Schema up to date: [0001_create_notes]\n1. buy fins\n2. log the dive\n", run("log the dive"));
    }

    private static String run(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            NotesApp.main(args);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

}
