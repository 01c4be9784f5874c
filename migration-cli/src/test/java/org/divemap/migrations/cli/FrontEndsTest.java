package org.divemap.migrations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.divemap.migrations.maven.GoalParameters;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver.Connect;
import org.divemap.migrations.runtime.frontend.ResolvedSettings;
import org.divemap.migrations.runtime.frontend.Setting;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * One table of configuration cases, run through both front ends: the Maven plugin's parameter
 * object (as Maven injects the POM and {@code -D} values, with a settings.xml server) and the
 * command line's parsed {@code upgrade} command (options, with a properties file). Each case gives
 * values to the explicit place (POM or {@code -D}; options), the environment, and the third place
 * (the settings.xml server; the properties file), and both must resolve the same Configuration or
 * refuse with the same message, where {@code {option:USER}} and {@code {file:PASSWORD}} stand for
 * the way each front end names its places ({@code --user} and {@code <user> / -Ddivemap.user}).
 * Neither Maven nor a JVM is started.
 */
class FrontEndsTest {

    private static final String A = "jdbc:h2:mem:a";
    private static final String B = "jdbc:h2:mem:b";

    /** What a front end does with a case: these settings (and what Configuration makes of them), or this refusal. */
    record Outcome(Map<Setting, String> values, String refusal) {
        static Outcome resolves(Object... pairs) {
            Map<Setting, String> values = new EnumMap<>(Setting.class);
            for (int i = 0; i < pairs.length; i += 2) {
                values.put((Setting) pairs[i], (String) pairs[i + 1]);
            }
            return new Outcome(values, null);
        }

        static Outcome refuses(String message) {
            return new Outcome(null, message);
        }
    }

    /** A case: the values of each place, and what each front end makes of them. */
    record Case(String name, Map<Setting, String> options, Map<String, String> environment,
            Map<Setting, String> third, Outcome cli, Outcome plugin) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Builds a case: {@code given("...").option(...).env(...).file(...).expect(...)}. */
    private static final class Row {
        final String name;
        final Map<Setting, String> options = new EnumMap<>(Setting.class);
        final Map<String, String> environment = new HashMap<>();
        final Map<Setting, String> third = new EnumMap<>(Setting.class);

        Row(String name) {
            this.name = name;
        }

        Row option(Setting setting, String value) {
            options.put(setting, value);
            return this;
        }

        Row env(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        Row file(Setting setting, String value) {
            third.put(setting, value);
            return this;
        }

        Case expect(Outcome both) {
            return new Case(name, options, environment, third, both, both);
        }

        Case expect(Outcome cli, Outcome plugin) {
            return new Case(name, options, environment, third, cli, plugin);
        }
    }

    private static Row given(String name) {
        return new Row(name);
    }

    static Stream<Case> cases() {
        return Stream.of(
                given("the URL from an option").option(Setting.URL, A)
                        .expect(Outcome.resolves(Setting.URL, A)),
                given("the URL from the environment").env("DIVEMAP_URL", B)
                        .expect(Outcome.resolves(Setting.URL, B)),
                given("an option beats the environment").option(Setting.URL, A).env("DIVEMAP_URL", B)
                        .expect(Outcome.resolves(Setting.URL, A)),
                given("a blank option is not given").option(Setting.URL, "  ").env("DIVEMAP_URL", B)
                        .expect(Outcome.resolves(Setting.URL, B)),
                given("a blank variable is not given").option(Setting.URL, A).option(Setting.USER, "sa")
                        .env("DIVEMAP_URL", "").env("DIVEMAP_USER", " ")
                        .expect(Outcome.resolves(Setting.URL, A, Setting.USER, "sa")),
                given("the credentials from the options").option(Setting.URL, A).option(Setting.USER, "u")
                        .option(Setting.PASSWORD, "p")
                        .expect(Outcome.resolves(Setting.URL, A, Setting.USER, "u", Setting.PASSWORD, "p")),
                given("the credentials from the server or the file").option(Setting.URL, A)
                        .file(Setting.USER, "fu").file(Setting.PASSWORD, "fp")
                        .expect(Outcome.resolves(Setting.URL, A, Setting.USER, "fu", Setting.PASSWORD, "fp")),
                given("the user and the password from two places").option(Setting.URL, A).option(Setting.USER, "u")
                        .env("DIVEMAP_PASSWORD", "ep")
                        .expect(Outcome.resolves(Setting.URL, A, Setting.USER, "u", Setting.PASSWORD, "ep")),
                given("a user given twice").option(Setting.URL, A).option(Setting.USER, "u").env("DIVEMAP_USER", "e")
                        .expect(Outcome.refuses("The database user is given in 2 places: {option:USER} and"
                                + " DIVEMAP_USER. Give it once: drop {option:USER}.")),
                given("the same user twice").option(Setting.URL, A).option(Setting.USER, "u").file(Setting.USER, "u")
                        .expect(Outcome.refuses("The database user is given in 2 places: {option:USER} and"
                                + " {file:USER}. Give it once: drop {option:USER}.")),
                given("a password in the environment and the third place").option(Setting.URL, A)
                        .env("DIVEMAP_PASSWORD", "ep").file(Setting.PASSWORD, "fp")
                        .expect(Outcome.refuses("The database password is given in 2 places: DIVEMAP_PASSWORD and"
                                + " {file:PASSWORD}. Give it once: drop DIVEMAP_PASSWORD.")),
                given("a password in three places").option(Setting.URL, A).option(Setting.PASSWORD, "p")
                        .env("DIVEMAP_PASSWORD", "ep").file(Setting.PASSWORD, "fp")
                        .expect(Outcome.refuses("The database password is given in 3 places: {option:PASSWORD},"
                                + " DIVEMAP_PASSWORD and {file:PASSWORD}. Give it once: drop {option:PASSWORD} and"
                                + " DIVEMAP_PASSWORD.")),
                given("DIVEMAP_PASSWORD and DIVEMAP_PASSWORD_FILE").option(Setting.URL, A)
                        .env("DIVEMAP_PASSWORD", "ep").env("DIVEMAP_PASSWORD_FILE", "/run/secrets/db")
                        .expect(Outcome.refuses("The database password is given in 2 places: DIVEMAP_PASSWORD and"
                                + " DIVEMAP_PASSWORD_FILE. Give it once: drop DIVEMAP_PASSWORD.")),
                given("a blank password option is not given").option(Setting.URL, A).option(Setting.PASSWORD, "")
                        .env("DIVEMAP_PASSWORD", "ep")
                        .expect(Outcome.resolves(Setting.URL, A, Setting.PASSWORD, "ep")),
                given("the version table: an option beats the environment").option(Setting.URL, A)
                        .option(Setting.VERSION_TABLE, "alembic_version").env("DIVEMAP_VERSION_TABLE", "env_version")
                        .expect(Outcome.resolves(Setting.URL, A, Setting.VERSION_TABLE, "alembic_version")),
                given("the version table from the environment").option(Setting.URL, A)
                        .env("DIVEMAP_VERSION_TABLE", "alembic_version")
                        .expect(Outcome.resolves(Setting.URL, A, Setting.VERSION_TABLE, "alembic_version")),
                given("a blank version table is the default").option(Setting.URL, A)
                        .option(Setting.VERSION_TABLE, "").env("DIVEMAP_HISTORY_TABLE", " ")
                        .expect(Outcome.resolves(Setting.URL, A)),
                given("the lock wait and retry from the environment").option(Setting.URL, A)
                        .env("DIVEMAP_LOCK_WAIT_SECONDS", "30").env("DIVEMAP_RETRY_INTERRUPTED", "true")
                        .expect(Outcome.resolves(Setting.URL, A, Setting.LOCK_WAIT, "30",
                                Setting.RETRY_INTERRUPTED, "true")),
                given("options for every number").option(Setting.URL, A).option(Setting.LOCK_WAIT, "0")
                        .option(Setting.CONNECT_TIMEOUT, "3").option(Setting.RECORD_EVERY, "50")
                        .option(Setting.RETRY_INTERRUPTED, "true").env("DIVEMAP_RECORD_EVERY", "0")
                        .expect(Outcome.resolves(Setting.URL, A, Setting.LOCK_WAIT, "0", Setting.CONNECT_TIMEOUT, "3",
                                Setting.RECORD_EVERY, "50", Setting.RETRY_INTERRUPTED, "true")),
                given("validation turned off by the option").option(Setting.URL, A)
                        .option(Setting.VALIDATE, "false")
                        .expect(Outcome.resolves(Setting.URL, A, Setting.VALIDATE, "false")),
                given("validation turned off by the environment").option(Setting.URL, A)
                        .env("DIVEMAP_VALIDATE", "false")
                        .expect(Outcome.resolves(Setting.URL, A, Setting.VALIDATE, "false")),
                given("the naming convention from the option").option(Setting.URL, A)
                        .option(Setting.NAMING_CONVENTION, "none").env("DIVEMAP_NAMING_CONVENTION", "default")
                        .expect(Outcome.resolves(Setting.URL, A, Setting.NAMING_CONVENTION, "none")),
                given("the naming convention from the environment").option(Setting.URL, A)
                        .env("DIVEMAP_NAMING_CONVENTION", "none")
                        .expect(Outcome.resolves(Setting.URL, A, Setting.NAMING_CONVENTION, "none")),
                given("a naming convention that is neither default nor none").option(Setting.URL, A)
                        .option(Setting.NAMING_CONVENTION, "alembic")
                        .expect(Outcome.refuses("{option:NAMING_CONVENTION}: namingConvention: \"alembic\" is not a"
                                + " naming convention; give \"default\" (ix_{table}_{columns},"
                                + " fk_{table}_{columns}_{referred_table}, ...) or \"none\" (the database names what"
                                + " the migrations leave unnamed).")),
                given("a negative lock wait").option(Setting.URL, A).option(Setting.LOCK_WAIT, "-1")
                        .expect(Outcome.refuses("{option:LOCK_WAIT}: lockWait is -1 s; give 0 (do not wait) or more.")),
                given("no revision at a time").option(Setting.URL, A).env("DIVEMAP_RECORD_EVERY", "0")
                        .expect(Outcome.refuses("DIVEMAP_RECORD_EVERY: recordEvery is 0; give 1 (record each"
                                + " revision, the default) or more.")),
                given("a connect timeout of 0").option(Setting.URL, A).option(Setting.CONNECT_TIMEOUT, "0")
                        .expect(Outcome.refuses("{option:CONNECT_TIMEOUT}: connectTimeout is 0 s; give 250 ms or"
                                + " more (the default is 10 s).")),
                given("a lock wait that is not a number").option(Setting.URL, A)
                        .env("DIVEMAP_LOCK_WAIT_SECONDS", "5m")
                        .expect(Outcome.refuses("DIVEMAP_LOCK_WAIT_SECONDS: \"5m\" is not a whole number of"
                                + " seconds.")),
                // the one documented difference: the plugin has an embedded database, the CLI none
                given("no URL anywhere").file(Setting.USER, "fu").expect(
                        Outcome.refuses("No database URL: give one with {option:URL}, DIVEMAP_URL or {file:URL}."),
                        Outcome.resolves(Setting.URL, "{embedded}", Setting.USER, "fu", Setting.PASSWORD, "")));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothFrontEndsResolveTheSameConfigurationOrRefuseWithTheSameMessage(Case c) throws IOException {
        check(c, c.cli(), new CommandLineFrontEnd(dir));
        check(c, c.plugin(), new PluginFrontEnd(dir));
    }

    private static void check(Case c, Outcome expected, FrontEnd frontEnd) throws IOException {
        String who = frontEnd.getClass().getSimpleName() + ", " + c.name() + ": ";
        if (expected.refusal() != null) {
            DivemapException e = assertThrows(DivemapException.class,
                    () -> frontEnd.resolve(c).applyTo(Divemap.configure()), who + "resolved");
            assertEquals(DivemapException.Kind.CONFIGURATION, e.kind(), who + e.getMessage());
            assertEquals(frontEnd.spell(expected.refusal()), e.getMessage(), who);
            return;
        }
        ResolvedSettings settings = frontEnd.resolve(c);
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        expected.values().forEach((setting, value) -> values.put(setting, frontEnd.spell(value)));
        assertEquals(values, settings.values(), who);
        // the same values make the same Configuration, which checks them
        Map<Setting, String> reference = new EnumMap<>(values);
        assertEquals(configuration(reference), settings.applyTo(Divemap.configure()).toString(), who);
    }

    /** What a Configuration built by hand from these values prints. */
    private static String configuration(Map<Setting, String> values) {
        var configuration = Divemap.configure().dataSource(values.get(Setting.URL), values.get(Setting.USER),
                values.get(Setting.PASSWORD));
        if (values.containsKey(Setting.VERSION_TABLE)) {
            configuration.versionTable(values.get(Setting.VERSION_TABLE));
        }
        if (values.containsKey(Setting.LOCK_WAIT)) {
            configuration.lockWait(Duration.ofSeconds(Long.parseLong(values.get(Setting.LOCK_WAIT))));
        }
        if (values.containsKey(Setting.CONNECT_TIMEOUT)) {
            configuration.connectTimeout(Duration.ofSeconds(Long.parseLong(values.get(Setting.CONNECT_TIMEOUT))));
        }
        if (values.containsKey(Setting.RECORD_EVERY)) {
            configuration.recordEvery(Integer.parseInt(values.get(Setting.RECORD_EVERY)));
        }
        if (values.containsKey(Setting.RETRY_INTERRUPTED)) {
            configuration.retryInterrupted(Boolean.parseBoolean(values.get(Setting.RETRY_INTERRUPTED)));
        }
        if (values.containsKey(Setting.VALIDATE)) {
            configuration.validateOnMigrate(Boolean.parseBoolean(values.get(Setting.VALIDATE)));
        }
        if ("none".equals(values.get(Setting.NAMING_CONVENTION))) {
            configuration.namingConvention(org.divemap.migrations.NamingConvention.NONE);
        }
        return configuration.toString();
    }

    /** A front end's adapter: resolves a case as that front end does, and names its places. */
    private abstract static class FrontEnd {
        private static final Pattern PLACE = Pattern.compile("\\{(option|file):(\\w+)\\}");

        abstract ResolvedSettings resolve(Case c) throws IOException;

        abstract String option(Setting setting);

        abstract String file(Setting setting);

        abstract String embedded();

        /** The expected text with this front end's names of places. */
        String spell(String text) {
            Matcher place = PLACE.matcher(text.replace("{embedded}", embedded()));
            StringBuilder spelled = new StringBuilder();
            while (place.find()) {
                Setting setting = Setting.valueOf(place.group(2));
                place.appendReplacement(spelled, Matcher.quoteReplacement(place.group(1).equals("option")
                        ? option(setting) : file(setting)));
            }
            return place.appendTail(spelled).toString();
        }
    }

    /** The command line: {@code divemap upgrade} with the options, and the third place as its properties file. */
    private static final class CommandLineFrontEnd extends FrontEnd {
        private final Path config;

        CommandLineFrontEnd(Path dir) {
            this.config = dir.resolve("case.properties");
        }

        @Override
        ResolvedSettings resolve(Case c) throws IOException {
            Properties file = new Properties();
            c.third().forEach((setting, value) -> file.setProperty(setting.key(), value));
            try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                file.store(out, null);
            }
            List<String> args = new ArrayList<>(List.of("upgrade", "--config", config.toString()));
            c.options().forEach((setting, value) -> {
                if (setting == Setting.VALIDATE) { // a flag that turns it off
                    if (value.equals("false")) {
                        args.add(setting.option());
                    }
                    return;
                }
                args.add(setting.option());
                if (setting != Setting.RETRY_INTERRUPTED) { // a flag
                    args.add(value);
                }
            });
            CommandLine.ParseResult parsed = DivemapCli.commandLine().parseArgs(args.toArray(String[]::new));
            BaseCommand command = (BaseCommand) parsed.subcommand().commandSpec().userObject();
            return command.resolve(c.environment(), warning -> fail("unexpected warning: " + warning));
        }

        @Override
        String option(Setting setting) {
            return setting.option();
        }

        @Override
        String file(Setting setting) {
            return setting.key() + " in " + config;
        }

        @Override
        String embedded() {
            return "(none)";
        }
    }

    /** The Maven plugin: the goal parameters as Maven injects them, and the third place as a settings.xml server. */
    private static final class PluginFrontEnd extends FrontEnd {
        private final Path target;

        PluginFrontEnd(Path dir) {
            this.target = dir.resolve("target");
        }

        @Override
        ResolvedSettings resolve(Case c) {
            Map<Setting, String> pom = c.options();
            Function<Setting, Integer> number = s -> pom.get(s) == null ? null : Integer.valueOf(pom.get(s));
            if (c.third().keySet().stream().anyMatch(setting -> !setting.credential())) {
                throw new IllegalArgumentException("a settings.xml server holds only the user and the password");
            }
            GoalParameters.Server server = c.third().isEmpty() ? null
                    : new GoalParameters.Server("db", c.third().get(Setting.USER), c.third().get(Setting.PASSWORD));
            return new GoalParameters(pom.get(Setting.URL), pom.get(Setting.USER), pom.get(Setting.PASSWORD),
                    pom.get(Setting.VERSION_TABLE), pom.get(Setting.HISTORY_TABLE), pom.get(Setting.SCHEMA),
                    number.apply(Setting.LOCK_WAIT), number.apply(Setting.CONNECT_TIMEOUT),
                    number.apply(Setting.RECORD_EVERY), pom.get(Setting.RETRY_INTERRUPTED) == null ? null
                            : Boolean.valueOf(pom.get(Setting.RETRY_INTERRUPTED)), pom.get(Setting.VALIDATE) == null
                            ? null : Boolean.valueOf(pom.get(Setting.VALIDATE)), pom.get(Setting.NAMING_CONVENTION),
                    server, target)
                    .resolve(c.environment(), Connect.ALWAYS);
        }

        @Override
        String option(Setting setting) {
            return "<" + setting.key() + "> / -D" + setting.property();
        }

        @Override
        String file(Setting setting) {
            return "the settings.xml server \"db\"";
        }

        @Override
        String embedded() {
            return "jdbc:h2:file:" + target.resolve("divemap").resolve("db").toAbsolutePath()
                    + ";AUTO_SERVER=TRUE;DATABASE_TO_LOWER=TRUE";
        }
    }
}
