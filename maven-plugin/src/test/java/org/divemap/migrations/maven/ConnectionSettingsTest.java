package org.divemap.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameter resolution without Maven: POM or property, settings.xml server, environment, default. */
class ConnectionSettingsTest {

    private static final Path TARGET = Path.of("/project/target");
    private static final ConnectionSettings.Server SERVER = new ConnectionSettings.Server("prod-db", "app", "s3rv3r");

    @Test
    void pomValuesWin() {
        ConnectionSettings s = ConnectionSettings.resolve("jdbc:mysql://db/app", "u", "p", null, Map.of(), TARGET);
        assertEquals("jdbc:mysql://db/app", s.url());
        assertEquals("u", s.user());
        assertEquals("p", s.password());
        assertEquals("<url> / -Ddivemap.url", s.source());
    }

    @Test
    void environmentFillsWhatThePomLeavesOpen() {
        ConnectionSettings s = ConnectionSettings.resolve(null, null, null, null, Map.of("DIVEMAP_URL",
                "jdbc:postgresql://db/app", "DIVEMAP_USER", "env-user", "DIVEMAP_PASSWORD", "env-pass"), TARGET);
        assertEquals("jdbc:postgresql://db/app", s.url());
        assertEquals("env-user", s.user());
        assertEquals("env-pass", s.password());
        assertEquals("DIVEMAP_URL", s.source());
    }

    @Test
    void pomUrlBeatsTheEnvironmentUrl() {
        ConnectionSettings s = ConnectionSettings.resolve("jdbc:h2:mem:x", null, null, null,
                Map.of("DIVEMAP_URL", "jdbc:mysql://elsewhere/app"), TARGET);
        assertEquals("jdbc:h2:mem:x", s.url());
    }

    @Test
    void settingsServerGivesTheCredentials() {
        ConnectionSettings s = ConnectionSettings.resolve("jdbc:mysql://db/app", null, null, SERVER, Map.of(), TARGET);
        assertEquals("app", s.user());
        assertEquals("s3rv3r", s.password());
    }

    @Test
    void credentialsInTwoPlacesAreRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.resolve(
                "jdbc:mysql://db/app", null, "pom-pass", SERVER, Map.of(), TARGET));
        assertEquals("The database password is given in 2 places: <password> / -Ddivemap.password and the"
                + " settings.xml server \"prod-db\". Keep one of them and drop the other.", e.getMessage());
        IllegalArgumentException users = assertThrows(IllegalArgumentException.class, () -> ConnectionSettings.resolve(
                "jdbc:mysql://db/app", "pom-user", null, null, Map.of("DIVEMAP_USER", "env-user"), TARGET));
        assertTrue(users.getMessage().contains("<user> / -Ddivemap.user and DIVEMAP_USER"), users.getMessage());
    }

    @Test
    void withoutAnyUrlTheEmbeddedH2DatabaseUnderTargetIsUsed() {
        ConnectionSettings s = ConnectionSettings.resolve(null, null, null, null, Map.of(), TARGET);
        assertEquals("jdbc:h2:file:" + TARGET.resolve("divemap/db").toAbsolutePath() + ";AUTO_SERVER=TRUE;DATABASE_TO_LOWER=TRUE", s.url());
        assertEquals("sa", s.user());
        assertTrue(s.embeddedDefault());
    }

    @Test
    void thePasswordIsNeverPrinted() {
        ConnectionSettings s = ConnectionSettings.resolve("jdbc:mysql://db/app?password=inurl", "u", "TopSecret", null,
                Map.of(), TARGET);
        assertFalse(s.toString().contains("TopSecret"), s.toString());
        assertEquals("jdbc:mysql://db/app?password=****", AbstractDivemapMojo.mask(s.url()));
        assertEquals("jdbc:mysql://u:****@db/app", AbstractDivemapMojo.mask("jdbc:mysql://u:pw@db/app"));
        // the "Database: ..." line the goals log
        assertEquals("jdbc:mysql://db/app?password1=****&sslPassword=****", AbstractDivemapMojo.mask(
                "jdbc:mysql://db/app?password1=a&sslPassword=b"));
        assertEquals("jdbc:oracle:thin:scott/****@db:1521/app", AbstractDivemapMojo.mask(
                "jdbc:oracle:thin:scott/tiger@db:1521/app"));
        ConnectionSettings oracle = ConnectionSettings.resolve("jdbc:oracle:thin:scott/tiger@db:1521/app", null, null,
                null, Map.of(), TARGET);
        assertFalse(oracle.toString().contains("tiger"), oracle.toString());
    }
}
