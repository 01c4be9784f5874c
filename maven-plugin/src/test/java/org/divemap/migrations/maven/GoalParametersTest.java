package org.divemap.migrations.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver.Connect;
import org.divemap.migrations.runtime.frontend.ResolvedSettings;
import org.divemap.migrations.runtime.frontend.Setting;
import org.junit.jupiter.api.Test;

/**
 * What only the plugin has: the embedded H2 default and the settings.xml server. The rules it
 * shares with the command line are tested on both at once by the CLI's FrontEndsTest.
 */
class GoalParametersTest {

    private static final Path TARGET = Path.of("/project/target");
    private static final GoalParameters.Server SERVER = new GoalParameters.Server("prod-db", "app", "s3rv3r");

    private static GoalParameters parameters(String url, String password, String versionTable,
            GoalParameters.Server server) {
        return new GoalParameters(url, null, password, versionTable, null, null, null, null, null, null, null,
                null, server, TARGET);
    }

    @Test
    void withoutAnyUrlTheEmbeddedH2DatabaseUnderTargetIsUsed() {
        ResolvedSettings s = parameters(null, null, null, null).resolve(Map.of(), Connect.ALWAYS);
        assertEquals("jdbc:h2:file:" + TARGET.resolve("divemap/db").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;DATABASE_TO_LOWER=TRUE", s.url());
        assertEquals("sa", s.user());
        assertEquals("", s.password());
        assertEquals("Database: jdbc:h2:file:" + TARGET.resolve("divemap/db").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;DATABASE_TO_LOWER=TRUE as sa (from the embedded default (no <url>, -Ddivemap.url"
                + " or DIVEMAP_URL))", AbstractDivemapMojo.TEXTS.database(s));
    }

    @Test
    void theSettingsServerGivesTheCredentialsAndCountsAsAPlace() {
        ResolvedSettings s = parameters("jdbc:mysql://db/app", null, null, SERVER)
                .resolve(Map.of(), Connect.ALWAYS);
        assertEquals("app", s.user());
        assertEquals("s3rv3r", s.password());
        assertEquals("the settings.xml server \"prod-db\"", s.where(Setting.PASSWORD));
        DivemapException e = assertThrows(DivemapException.class, () -> parameters(
                "jdbc:mysql://db/app", "pom-pass", null, SERVER)
                .resolve(Map.of(), Connect.ALWAYS));
        assertEquals("The database password is given in 2 places: <password> / -Ddivemap.password and the"
                + " settings.xml server \"prod-db\". Give it once: drop <password> / -Ddivemap.password.",
                e.getMessage());
    }

    @Test
    void goalsThatDoNotConnectUseNoDatabase() {
        ResolvedSettings s = parameters(null, null, "alembic_version", null)
                .resolve(Map.of("DIVEMAP_URL", "jdbc:h2:mem:x"), Connect.NEVER);
        assertEquals(null, s.url());
        assertEquals("alembic_version", s.value(Setting.VERSION_TABLE));
    }
}
