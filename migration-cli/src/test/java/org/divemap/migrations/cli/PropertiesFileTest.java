package org.divemap.migrations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.frontend.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The properties file: what is read from it, and the configuration errors that name it. */
class PropertiesFileTest {

    @TempDir
    Path dir;

    private PropertiesFile resolve(Path config) {
        return PropertiesFile.read(config, true);
    }

    private Path file(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("divemap.properties"), bytes);
    }

    private Path file(String text) throws IOException {
        return file(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertMessage(DivemapException e, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "missing \"" + fragment + "\" in: " + e.getMessage());
        }
    }

    @Test
    void aMalformedUnicodeEscapeIsAConfigurationErrorNamingTheFileAndTheLine() throws IOException {
        Path config = file("url=jdbc:h2:mem:x\n# \\u12 in a comment is not read\nuser=sa\\u12\n");
        DivemapException e = assertThrows(DivemapException.class, () -> resolve(config));
        assertMessage(e, "The configuration file " + config + " has a malformed \\u escape at line 3:",
                "four hexadecimal digits");
        // a continued line counts as its own line; an escaped backslash before u is no escape
        Path continued = file("url=jdbc:h2:mem:x\nuser=a\\\\u12\npassword=one \\\n  two \\uXYZW\n");
        assertMessage(assertThrows(DivemapException.class, () -> resolve(continued)), "at line 4:");
        assertEquals("a\\u12", resolve(file("url=jdbc:h2:mem:x\nuser=a\\\\u12\n")).values().get(Setting.USER));
    }

    @Test
    void aBinaryFileIsNotText() throws IOException {
        Path config = file(new byte[] {'u', 'r', 'l', '=', 'x', '\n', 0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
        DivemapException e = assertThrows(DivemapException.class, () -> resolve(config));
        assertMessage(e, "The configuration file " + config + " is not a text file: line 2 holds the byte 0x7F,"
                + " which is not text in UTF-8 or ISO-8859-1.");
        // not UTF-8, and not ISO-8859-1 text either: windows-1252's euro sign
        Path euro = file(new byte[] {'u', 'r', 'l', '=', 'x', '\n', 'u', 's', 'e', 'r', '=', (byte) 0x80});
        assertMessage(assertThrows(DivemapException.class, () -> resolve(euro)),
                "line 2 holds the byte 0x80");
        // UTF-16, as some Windows editors save
        Path utf16 = file("url=x\n".getBytes(StandardCharsets.UTF_16));
        assertMessage(assertThrows(DivemapException.class, () -> resolve(utf16)),
                "is not a text file: line 1 holds the byte 0x00");
    }

    @Test
    void unknownKeysAreWarnedAboutWithADidYouMeanAndWithoutTheirValues() throws IOException {
        Path config = file("url=jdbc:h2:mem:x\nversionTabel=v\nhistory_table=h\ndivemap.schema=s\nPASSWORD=Hunter2\n"
                + "dbUser=u\ncolour=blue\n");
        PropertiesFile settings = resolve(config);
        assertEquals(List.of(
                "warning: " + config + ": unknown key \"PASSWORD\" is ignored; did you mean \"password\"?",
                "warning: " + config + ": unknown key \"colour\" is ignored; the keys are url, user, password,"
                        + " versionTable, historyTable, schema, lockWaitSeconds, connectTimeoutSeconds, recordEvery,"
                        + " retryInterrupted, validate, namingConvention.",
                "warning: " + config + ": unknown key \"dbUser\" is ignored; did you mean \"user\"?",
                "warning: " + config + ": unknown key \"divemap.schema\" is ignored; did you mean \"schema\"?",
                "warning: " + config + ": unknown key \"history_table\" is ignored; did you mean \"historyTable\"?",
                "warning: " + config + ": unknown key \"versionTabel\" is ignored; did you mean \"versionTable\"?"),
                settings.warnings());
        assertEquals(Map.of(Setting.URL, "jdbc:h2:mem:x"), settings.values(), "an unknown key is ignored, not guessed");
        assertEquals(List.of(), resolve(file("url=jdbc:h2:mem:x\nuser=sa\n")).warnings());
    }

    @Test
    void utf8WithOrWithoutAByteOrderMarkAndIso88591AreRead() throws IOException {
        assertEquals("café", resolve(file("url=jdbc:h2:mem:x\nuser=café\n")).values().get(Setting.USER));
        assertEquals("jdbc:h2:mem:x", resolve(file("\uFEFFurl=jdbc:h2:mem:x\n")).values().get(Setting.URL));
        assertEquals("café", resolve(file("url=jdbc:h2:mem:x\nuser=café\n".getBytes(StandardCharsets.ISO_8859_1)))
                .values().get(Setting.USER));
    }

    @Test
    void theNamingConventionIsReadFromTheFile() throws IOException {
        Path config = file("url=jdbc:h2:mem:x\nnamingConvention=none\n");
        PropertiesFile settings = resolve(config);
        assertEquals(List.of(), settings.warnings());
        assertEquals("none", settings.values().get(Setting.NAMING_CONVENTION));
        String configured = org.divemap.migrations.runtime.frontend.ConfigurationResolver.resolve(
                org.divemap.migrations.runtime.frontend.ConfigurationResolver.Source.empty(), Map.of(),
                settings.source(), null, org.divemap.migrations.runtime.frontend.ConfigurationResolver.Connect.ALWAYS)
                .applyTo(org.divemap.migrations.runtime.Divemap.configure()).toString();
        assertTrue(configured.endsWith(", namingConvention=none]"), configured);
    }
}
