package org.divemap.migrations.runtime.frontend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.divemap.migrations.runtime.DivemapException;

/**
 * Resolves the settings of a front end, the same way for the Maven plugin and the command line.
 * One rule for every setting, first given wins:
 *
 * <ol>
 *   <li>the front end's explicit value: a command-line option, or a POM parameter or its
 *       {@code -D} property;
 *   <li>the setting's {@code DIVEMAP_*} environment variable ({@link Setting#variable()});
 *   <li>the front end's file: the CLI's properties file, or the plugin's {@code settings.xml}
 *       server (which holds only the user and the password);
 *   <li>the default: {@link org.divemap.migrations.runtime.Configuration}'s, and for the URL the
 *       front end's default database, if it has one (the plugin's embedded H2 file).
 * </ol>
 *
 * <p>A blank value (empty, or only white space) counts as not given, in every place. The user
 * and the password are credentials: given in two places (the password's places include
 * {@code DIVEMAP_PASSWORD_FILE}, a file holding it), they are refused, naming the places, so that
 * nobody wonders which one was used. Commands that do not connect read neither the URL nor the
 * credentials. Values are checked where they are used, by {@code Configuration}, when
 * {@link ResolvedSettings#applyTo} hands them over; its refusals then name the place the value
 * came from.
 *
 * <p>The resolver reads no Maven and no picocli type: each front end passes the values its
 * places give, as text, and how it names each place, so it is tested without either.
 */
public final class ConfigurationResolver {

    /** The variable that names a file holding the password, for secrets mounted as files. */
    public static final String PASSWORD_FILE_VARIABLE = "DIVEMAP_PASSWORD_FILE";

    private ConfigurationResolver() {}

    /** Whether a command reads the URL and the credentials. */
    public enum Connect {
        /** It connects: a URL is required (or the front end's default database is used). */
        ALWAYS,
        /** It reads the database when a URL is given, and works without one ({@code history}). */
        IF_CONFIGURED,
        /** It needs no database: the URL and the credentials are not read. */
        NEVER
    }

    /**
     * One place that gives values: the settings it gives, as text (null or blank: not given), and
     * how messages name the place for each setting (null for a setting the place cannot hold).
     */
    public record Source(Map<Setting, String> values, Function<Setting, String> names) {
        public Source {
            Map<Setting, String> given = new EnumMap<>(Setting.class);
            values.forEach((setting, value) -> {
                if (value != null && !value.isBlank()) {
                    given.put(setting, value);
                }
            });
            values = Collections.unmodifiableMap(given);
            Objects.requireNonNull(names, "names");
        }

        /** A place that gives nothing. */
        public static Source empty() {
            return new Source(Map.of(), setting -> null);
        }

        /** The environment: each setting's {@code DIVEMAP_*} variable. */
        static Source environment(Map<String, String> environment) {
            Map<Setting, String> values = new EnumMap<>(Setting.class);
            for (Setting setting : Setting.values()) {
                values.put(setting, environment.get(setting.variable()));
            }
            return new Source(values, Setting::variable);
        }
    }

    /**
     * The database a front end uses when no URL is given anywhere, with the user and password it
     * needs unless they are given.
     *
     * @param description where the URL came from, for messages
     */
    public record DefaultDatabase(String url, String user, String password, String description) {
        public DefaultDatabase {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(description, "description");
        }
    }

    /** One value, and the place it came from as messages name it. */
    record Given(String value, String where) {}

    /**
     * Resolves every setting.
     *
     * @param options the explicit values: command-line options, or the POM and {@code -D}
     * @param environment the process environment
     * @param files the CLI's properties file, or the plugin's settings.xml server
     * @param defaultDatabase the database to use without a URL, or null to require one
     * @param connect whether the command reads the URL and the credentials
     * @throws DivemapException of kind {@code CONFIGURATION}: a credential given twice, no URL for
     *     a command that needs one, an unreadable password file
     */
    public static ResolvedSettings resolve(Source options, Map<String, String> environment, Source files,
            DefaultDatabase defaultDatabase, Connect connect) {
        Source variables = Source.environment(environment);
        String passwordFile = environment.get(PASSWORD_FILE_VARIABLE);
        Source passwordFiles = new Source(passwordFile == null ? Map.of()
                : Map.of(Setting.PASSWORD, passwordFile), setting -> PASSWORD_FILE_VARIABLE);
        List<Source> places = List.of(options, variables, passwordFiles, files);
        boolean connects = connect == Connect.ALWAYS
                || connect == Connect.IF_CONFIGURED && !given(Setting.URL, places).isEmpty();
        Map<Setting, Given> chosen = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            if (setting.connection() && !connects) {
                continue;
            }
            List<Given> given = given(setting, places);
            if (setting.credential() && given.size() > 1) {
                throw twice(setting, given);
            }
            if (!given.isEmpty()) {
                chosen.put(setting, given.get(0));
            }
        }
        Given password = chosen.get(Setting.PASSWORD);
        if (password != null && password.where().equals(PASSWORD_FILE_VARIABLE)) {
            String read = read(password.value());
            if (read.isBlank()) {
                chosen.remove(Setting.PASSWORD);
            } else {
                chosen.put(Setting.PASSWORD, new Given(read, PASSWORD_FILE_VARIABLE));
            }
        }
        if (connects && !chosen.containsKey(Setting.URL)) {
            if (defaultDatabase == null) {
                List<String> names = new ArrayList<>();
                for (Source place : List.of(options, variables, files)) {
                    if (place.names().apply(Setting.URL) != null) {
                        names.add(place.names().apply(Setting.URL));
                    }
                }
                throw new DivemapException(DivemapException.Kind.CONFIGURATION, "No database URL: give one with "
                        + join(names, " or ") + ".");
            }
            String where = defaultDatabase.description();
            chosen.put(Setting.URL, new Given(defaultDatabase.url(), where));
            if (defaultDatabase.user() != null) {
                chosen.putIfAbsent(Setting.USER, new Given(defaultDatabase.user(), where));
            }
            if (defaultDatabase.password() != null) {
                chosen.putIfAbsent(Setting.PASSWORD, new Given(defaultDatabase.password(), where));
            }
        }
        return new ResolvedSettings(chosen);
    }

    private static List<Given> given(Setting setting, List<Source> places) {
        List<Given> given = new ArrayList<>();
        for (Source place : places) {
            String value = place.values().get(setting);
            if (value != null) {
                given.add(new Given(value, place.names().apply(setting)));
            }
        }
        return given;
    }

    /** Refuses a credential given in several places, and says which to drop: all but the last. */
    private static DivemapException twice(Setting setting, List<Given> given) {
        List<String> places = given.stream().map(Given::where).toList();
        String what = setting.described();
        return new DivemapException(DivemapException.Kind.CONFIGURATION, Character.toUpperCase(what.charAt(0))
                + what.substring(1) + " is given in " + places.size() + " places: " + join(places, " and ")
                + ". Give it once: drop " + join(places.subList(0, places.size() - 1), " and ") + ".");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new DivemapException(DivemapException.Kind.CONFIGURATION, "Cannot read the password file named by "
                    + PASSWORD_FILE_VARIABLE + " (" + file + "): " + e.getMessage(), e);
        }
    }

    /** "a", "a and b", "a, b and c". */
    static String join(List<String> items, String last) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }
}
