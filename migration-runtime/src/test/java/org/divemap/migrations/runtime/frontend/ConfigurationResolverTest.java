package org.divemap.migrations.runtime.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver.Connect;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one rule, without a front end: options, then the environment, then the file, then defaults. */
class ConfigurationResolverTest {

    private static Source options(Object... pairs) {
        return source(s -> "--" + s.key(), pairs);
    }

    private static Source file(Object... pairs) {
        return source(s -> s.key() + " in app.properties", pairs);
    }

    private static Source source(java.util.function.Function<Setting, String> names, Object... pairs) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((Setting) pairs[i], (String) pairs[i + 1]);
        }
        return new Source(values, names);
    }

    private static ResolvedSettings resolve(Source options, Map<String, String> env, Source file) {
        return ConfigurationResolver.resolve(options, env, file, null, Connect.ALWAYS);
    }

    private static String refusal(Source options, Map<String, String> env, Source file) {
        return assertThrows(DivemapException.class, () -> resolve(options, env, file)).getMessage();
    }

    @Test
    void theFirstPlaceThatGivesASettingWins() {
        ResolvedSettings settings = resolve(options(Setting.URL, "jdbc:h2:mem:option"),
                Map.of("DIVEMAP_URL", "jdbc:h2:mem:env", "DIVEMAP_VERSION_TABLE", "env_version"),
                file(Setting.URL, "jdbc:h2:mem:file", Setting.VERSION_TABLE, "file_version", Setting.SCHEMA, "app"));
        assertEquals("jdbc:h2:mem:option", settings.url());
        assertEquals("--url", settings.where(Setting.URL));
        assertEquals("env_version", settings.value(Setting.VERSION_TABLE));
        assertEquals("DIVEMAP_VERSION_TABLE", settings.where(Setting.VERSION_TABLE));
        assertEquals("app", settings.value(Setting.SCHEMA));
        assertEquals("schema in app.properties", settings.where(Setting.SCHEMA));
        assertNull(settings.value(Setting.HISTORY_TABLE), "not given: Configuration's default applies");
    }

    @Test
    void aBlankValueCountsAsNotGivenInEveryPlace() {
        ResolvedSettings settings = resolve(options(Setting.URL, " ", Setting.SCHEMA, ""),
                Map.of("DIVEMAP_URL", "", "DIVEMAP_SCHEMA", "  ", "DIVEMAP_USER", " "),
                file(Setting.URL, "jdbc:h2:mem:file", Setting.USER, "sa"));
        assertEquals("jdbc:h2:mem:file", settings.url());
        assertEquals("sa", settings.user(), "a blank DIVEMAP_USER is no second place");
        assertNull(settings.value(Setting.SCHEMA));
    }

    @Test
    void aCredentialGivenTwiceIsRefusedNamingThePlacesAndWhichToDrop() {
        assertEquals("The database user is given in 2 places: --user and DIVEMAP_USER. Give it once: drop --user.",
                refusal(options(Setting.URL, "jdbc:h2:mem:x", Setting.USER, "a"), Map.of("DIVEMAP_USER", "b"),
                        file()));
        assertEquals("The database password is given in 3 places: --password, DIVEMAP_PASSWORD and password in"
                + " app.properties. Give it once: drop --password and DIVEMAP_PASSWORD.",
                refusal(options(Setting.URL, "jdbc:h2:mem:x", Setting.PASSWORD, "a"), Map.of("DIVEMAP_PASSWORD", "b"),
                        file(Setting.PASSWORD, "c")));
        assertEquals("The database password is given in 2 places: DIVEMAP_PASSWORD and DIVEMAP_PASSWORD_FILE. Give it"
                + " once: drop DIVEMAP_PASSWORD.", refusal(options(Setting.URL, "jdbc:h2:mem:x"),
                        Map.of("DIVEMAP_PASSWORD", "b", "DIVEMAP_PASSWORD_FILE", "/run/secrets/pw"), file()));
        // the same value twice is still two places: nobody should have to compare them
        refusal(options(Setting.URL, "jdbc:h2:mem:x", Setting.USER, "sa"), Map.of(), file(Setting.USER, "sa"));
        // a user from one place and a password from another is fine
        ResolvedSettings mixed = resolve(options(Setting.URL, "jdbc:h2:mem:x", Setting.USER, "sa"),
                Map.of("DIVEMAP_PASSWORD", "pw"), file());
        assertEquals("pw", mixed.password());
    }

    @Test
    void thePasswordFileIsReadStrippedAndABlankOneGivesNoPassword(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("pw"), "s3cret\n");
        ResolvedSettings settings = resolve(options(Setting.URL, "jdbc:h2:mem:x"),
                Map.of("DIVEMAP_PASSWORD_FILE", secret.toString(), "DIVEMAP_PASSWORD", ""), file());
        assertEquals("s3cret", settings.password());
        assertEquals("DIVEMAP_PASSWORD_FILE", settings.where(Setting.PASSWORD));
        Path blank = Files.writeString(dir.resolve("blank"), "\n");
        assertNull(resolve(options(Setting.URL, "jdbc:h2:mem:x"), Map.of("DIVEMAP_PASSWORD_FILE", blank.toString()),
                file()).password());
        String missing = refusal(options(Setting.URL, "jdbc:h2:mem:x"),
                Map.of("DIVEMAP_PASSWORD_FILE", dir.resolve("none").toString()), file());
        assertEquals("Cannot read the password file named by DIVEMAP_PASSWORD_FILE (" + dir.resolve("none") + "): "
                + dir.resolve("none"), missing);
    }

    @Test
    void withoutAUrlACommandThatConnectsIsRefusedOrGetsTheFrontEndsDefault() {
        assertEquals("No database URL: give one with --url, DIVEMAP_URL or url in app.properties.",
                refusal(options(), Map.of(), file()));
        ResolvedSettings embedded = ConfigurationResolver.resolve(options(Setting.PASSWORD, "pw"), Map.of(), file(),
                new ConfigurationResolver.DefaultDatabase("jdbc:h2:mem:default", "sa", "", "the default"),
                Connect.ALWAYS);
        assertEquals("jdbc:h2:mem:default", embedded.url());
        assertEquals("the default", embedded.where(Setting.URL));
        assertEquals("sa", embedded.user());
        assertEquals("pw", embedded.password(), "a given credential beats the default database's");
    }

    @Test
    void commandsThatDoNotConnectReadNoUrlAndNoCredentials() {
        Map<String, String> env = Map.of("DIVEMAP_USER", "a", "DIVEMAP_PASSWORD_FILE", "/nowhere",
                "DIVEMAP_VERSION_TABLE", "v");
        ResolvedSettings offline = ConfigurationResolver.resolve(options(Setting.USER, "b"), env, file(), null,
                Connect.NEVER);
        assertNull(offline.url());
        assertNull(offline.user());
        assertEquals("v", offline.value(Setting.VERSION_TABLE), "the tables still count offline");
        // history: with a URL it connects, and reads the credentials as a command that connects does
        assertNull(ConfigurationResolver.resolve(options(), Map.of("DIVEMAP_USER", "a"), file(), null,
                Connect.IF_CONFIGURED).user());
        assertThrows(DivemapException.class, () -> ConfigurationResolver.resolve(options(Setting.USER, "b"),
                Map.of("DIVEMAP_URL", "jdbc:h2:mem:x", "DIVEMAP_USER", "a"), file(), null, Connect.IF_CONFIGURED));
    }

    @Test
    void configurationChecksTheValuesAndTheRefusalNamesWhereTheValueCameFrom() {
        Map<String, String> env = new HashMap<>(Map.of("DIVEMAP_URL", "jdbc:h2:mem:x"));
        env.put("DIVEMAP_LOCK_WAIT_SECONDS", "-1");
        assertEquals("DIVEMAP_LOCK_WAIT_SECONDS: lockWait is -1 s; give 0 (do not wait) or more.", applied(env));
        env.put("DIVEMAP_LOCK_WAIT_SECONDS", "ten");
        assertEquals("DIVEMAP_LOCK_WAIT_SECONDS: \"ten\" is not a whole number of seconds.", applied(env));
        env.remove("DIVEMAP_LOCK_WAIT_SECONDS");
        env.put("DIVEMAP_RECORD_EVERY", "0");
        assertEquals("DIVEMAP_RECORD_EVERY: recordEvery is 0; give 1 (record each revision, the default) or more.",
                applied(env));
        env.put("DIVEMAP_RECORD_EVERY", "99999999999");
        assertEquals("DIVEMAP_RECORD_EVERY: \"99999999999\" is not a whole number.", applied(env));
        env.remove("DIVEMAP_RECORD_EVERY");
        env.put("DIVEMAP_CONNECT_TIMEOUT_SECONDS", "0");
        assertEquals("DIVEMAP_CONNECT_TIMEOUT_SECONDS: connectTimeout is 0 s; give 250 ms or more (the default is"
                + " 10 s).", applied(env));
        env.remove("DIVEMAP_CONNECT_TIMEOUT_SECONDS");
        env.put("DIVEMAP_RETRY_INTERRUPTED", "yes");
        assertEquals("DIVEMAP_RETRY_INTERRUPTED: \"yes\" is not true or false.", applied(env));
        env.put("DIVEMAP_RETRY_INTERRUPTED", "TRUE");
        env.put("DIVEMAP_RECORD_EVERY", "50");
        env.put("DIVEMAP_LOCK_WAIT_SECONDS", "0");
        assertEquals("Configuration[url=jdbc:h2:mem:x, user=null, password=(none), versionTable=divemap_version,"
                + " historyTable=divemap_history, schema=null, lockWait=PT0S, recordEvery=50, retryInterrupted=true]",
                resolve(options(), env, file()).applyTo(Divemap.configure()).toString());
    }

    private static String applied(Map<String, String> env) {
        ResolvedSettings settings = resolve(options(), env, file());
        return assertThrows(DivemapException.class, () -> settings.applyTo(Divemap.configure())).getMessage();
    }

    @Test
    void thePasswordIsNeverPrinted() {
        ResolvedSettings settings = resolve(options(Setting.URL, "jdbc:mysql://db/app?password=InUrl",
                Setting.PASSWORD, "TopSecret"), Map.of(), file());
        assertFalse(settings.toString().contains("TopSecret"), settings.toString());
        assertFalse(settings.toString().contains("InUrl"), settings.toString());
    }

    @Test
    void everySettingHasItsNameInEachForm() {
        assertEquals("DIVEMAP_LOCK_WAIT_SECONDS", Setting.LOCK_WAIT.variable());
        assertEquals("divemap.connectTimeoutSeconds", Setting.CONNECT_TIMEOUT.property());
        assertEquals("DIVEMAP_VERSION_TABLE", Setting.VERSION_TABLE.variable());
        assertEquals("--history-table", Setting.HISTORY_TABLE.option());
        assertEquals("DIVEMAP_URL", Setting.URL.variable());
    }
}
