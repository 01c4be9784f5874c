package org.divemap.migrations.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The runtime logs through SLF4J, each case in a JVM of its own (SLF4J picks its provider once per
 * JVM): progress at INFO, each statement at DEBUG with bound values masked, and nothing at all, not
 * even SLF4J's own warning, in an application without a provider.
 */
class LoggingTest {

    @Test
    void progressAtInfoAndStatementsAtDebugWithBoundValuesMasked() throws Exception {
        Output out = run(classPath(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "-Dorg.slf4j.simpleLogger.log.com.zaxxer.hikari=info", "-Dorg.slf4j.simpleLogger.logFile=System.out");
        assertEquals(0, out.exit, out.text);
        assertTrue(out.text.contains("INFO org.divemap.migrations.runtime.Divemap - Upgrade to head: 1 revision to run:"
                + " 0001_secrets"), out.text);
        assertTrue(out.text.contains("INFO org.divemap.migrations.runtime.Divemap - Applied 0001_secrets in "), out.text);
        assertTrue(out.text.contains("DEBUG org.divemap.migrations.runtime.sql - CREATE TABLE secrets"), out.text);
        assertTrue(out.text.contains("DEBUG org.divemap.migrations.runtime.sql - INSERT INTO secrets (id, val) VALUES"
                + " (?, ?) -- 2 bound values masked"), out.text);
        assertFalse(out.text.contains(LoggedUpgrade.SECRET_VALUE), out.text);
        assertFalse(out.text.contains(LoggedUpgrade.PASSWORD), out.text);
        assertFalse(out.text.contains("Registered driver"), out.text);
    }

    @Test
    void progressOnlyAtTheDefaultLevel() throws Exception {
        Output out = run(classPath(), "-Dorg.slf4j.simpleLogger.logFile=System.out");
        assertEquals(0, out.exit, out.text);
        assertTrue(out.text.contains("Applied 0001_secrets in "), out.text);
        assertFalse(out.text.contains("org.divemap.migrations.runtime.sql"), out.text);
    }

    @Test
    void withoutAnySlf4jProviderNothingIsPrinted() throws Exception {
        String withoutProvider = Arrays.stream(classPath().split(File.pathSeparator))
                .filter(entry -> !entry.contains("slf4j-simple")).collect(Collectors.joining(File.pathSeparator));
        Output out = run(withoutProvider);
        assertEquals(0, out.exit, out.text);
        assertEquals("", out.text, "an application without SLF4J provider sees no SLF4J or HikariCP line");
    }

    private static String classPath() {
        return System.getProperty("java.class.path");
    }

    private record Output(int exit, String text) {}

    private static Output run(String classPath, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-cp");
        command.add(classPath);
        command.addAll(List.of(options));
        command.add(LoggedUpgrade.class.getName());
        command.add("jdbc:h2:mem:logging;DB_CLOSE_DELAY=-1");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) { // a bound against a hung child, not a timing assumption
            process.destroyForcibly();
        }
        return new Output(process.exitValue(), text);
    }
}
