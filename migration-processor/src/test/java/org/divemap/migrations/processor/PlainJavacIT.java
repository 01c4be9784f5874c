package org.divemap.migrations.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged processor jar works on plain javac with migration-api beside it and nothing else on
 * the processor path, as Gradle without Maven's resolution, Bazel or a shell script would run it:
 * JavaPoet is inside it, relocated, so it cannot clash with another processor's copy.
 */
class PlainJavacIT {

    @Test
    void theJarAndTheApiAreAllAPlainJavacNeeds(@TempDir Path dir) throws Exception {
        Path processor = Path.of(System.getProperty("processor.jar"));
        Path api = Path.of(System.getProperty("api.jar"));
        assertTrue(Files.isRegularFile(processor), processor + " is missing: run the package phase first");
        try (JarFile jar = new JarFile(processor.toFile())) {
            assertTrue(jar.stream().anyMatch(e -> e.getName().startsWith(
                    "org/divemap/migrations/processor/shaded/javapoet/")), "JavaPoet is relocated inside");
            assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("com/palantir/")), "and not left as is");
        }
        Path source = dir.resolve("src/com/example/db/CreateUsers.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package com.example.db;

                import org.divemap.migrations.*;

                @Revision(id = "0001_create_users", message = "Create users")
                public final class CreateUsers implements Migration {
                    @Override public void upgrade(Operations op) {
                        op.createTable("users", Column.of("id", Type.bigint()).primaryKey());
                    }
                    @Override public void downgrade(Operations op) {
                        op.dropTable("users");
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, log, log, "-classpath", api.toString(),
                "-processorpath", processor + File.pathSeparator + api,
                "-d", classes.toString(), source.toString());
        String output = log.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, output);
        assertFalse(output.contains("NoClassDefFoundError"), output);
        Path services = classes.resolve("META-INF/services/org.divemap.migrations.RevisionRegistry");
        assertTrue(Files.isRegularFile(services), "the registry's service file is written:\n" + output);
        String registry = Files.readString(services).strip();
        assertTrue(Files.isRegularFile(classes.resolve(registry.replace('.', '/') + ".class")), registry);
    }
}
