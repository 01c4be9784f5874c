package org.divemap.migrations.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.divemap.migrations.graph.Names;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver;
import org.divemap.migrations.runtime.frontend.Setting;

/**
 * The command line's properties file ({@code ./divemap.properties}, or {@code --config FILE}): one
 * key per setting, named as in the POM ({@link Setting#key()}). It is the last place the
 * {@link org.divemap.migrations.runtime.frontend.ConfigurationResolver} looks, after the options
 * and the environment.
 *
 * @param path the file, as given
 * @param values each setting the file gives
 * @param warnings one line per key that is not a setting's, with a did-you-mean
 */
record PropertiesFile(Path path, Map<Setting, String> values, List<String> warnings) {

    /** The keys of the properties file. */
    static final List<String> KEYS = Arrays.stream(Setting.values()).map(Setting::key).toList();

    PropertiesFile {
        values = Map.copyOf(values);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads the file, or gives nothing when it does not exist and was not named with
     * {@code --config}.
     *
     * @throws DivemapException of kind {@code CONFIGURATION} for a named file that does not exist,
     *     and a file that cannot be read or is not a properties file
     */
    static PropertiesFile read(Path config, boolean configGiven) {
        if (!Files.exists(config)) {
            if (configGiven) {
                throw configuration("The configuration file " + config + " does not exist.");
            }
            return new PropertiesFile(config, Map.of(), List.of());
        }
        Properties file = load(config);
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            if (file.getProperty(setting.key()) != null) {
                values.put(setting, file.getProperty(setting.key()));
            }
        }
        return new PropertiesFile(config, values, unknownKeys(config, file));
    }

    /** The file as a place settings come from: {@code url in divemap.properties}. */
    ConfigurationResolver.Source source() {
        return new ConfigurationResolver.Source(values, setting -> setting.key() + " in " + path);
    }

    private static DivemapException configuration(String message) {
        return new DivemapException(DivemapException.Kind.CONFIGURATION, message);
    }

    /**
     * A warning for each key of the file that is none of {@link #KEYS}, sorted, with the key it most
     * likely meant: a misspelling ({@code versionTabel}), another spelling ({@code version_table},
     * {@code divemap.url}, {@code URL}), or a longer name ({@code dbPassword}). The values are not shown.
     */
    private static List<String> unknownKeys(Path config, Properties file) {
        Map<String, String> known = new LinkedHashMap<>();
        KEYS.forEach(key -> known.put(plain(key), key));
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(file.stringPropertyNames())) {
            if (KEYS.contains(key)) {
                continue;
            }
            String meant = Names.closest(plain(key), known.keySet());
            if (meant == null) {
                List<String> inside = known.keySet().stream().filter(k -> plain(key).contains(k)).toList();
                meant = inside.size() == 1 ? inside.get(0) : null;
            }
            warnings.add("warning: " + config + ": unknown key \"" + key + "\" is ignored; "
                    + (meant != null ? "did you mean \"" + known.get(meant) + "\"?"
                            : "the keys are " + String.join(", ", KEYS) + "."));
        }
        return List.copyOf(warnings);
    }

    /** A key as compared for a did-you-mean: lower case, letters and digits only, without a divemap. prefix. */
    private static String plain(String key) {
        return key.toLowerCase(Locale.ROOT).replaceFirst("^divemap[._-]", "").replaceAll("[^a-z0-9]", "");
    }

    /**
     * The properties of the file, read as UTF-8, or as ISO-8859-1 (the encoding of
     * {@link Properties#load(java.io.InputStream)}) when it is not UTF-8. A file with control
     * characters is not text, whatever its encoding, and a malformed {@code \\uXXXX} escape is named
     * by its line.
     */
    static Properties load(Path config) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(config);
        } catch (IOException e) {
            throw configuration("Cannot read " + config + ": " + e.getMessage());
        }
        String text;
        boolean utf8 = true;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
            utf8 = false;
        }
        if (text.startsWith("\uFEFF")) { // a byte-order mark, as some editors write
            text = text.substring(1);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // ISO-8859-1 gives every byte a character: 0x80 to 0x9F are control characters there too
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F || !utf8 && c >= 0x80 && c < 0xA0) {
                throw configuration("The configuration file " + config + " is not a text file: line "
                        + line(text, i) + " holds the byte 0x" + String.format("%02X", (int) c) + ", which is not"
                        + " text in UTF-8 or ISO-8859-1. Write it as key=value lines (" + String.join(", ", KEYS)
                        + ") in UTF-8, or point --config at the right file.");
            }
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IllegalArgumentException e) { // Properties' complaint about a malformed \\uXXXX escape
            throw configuration("The configuration file " + config + " has a malformed \\u escape"
                    + malformedEscape(text) + ": \\u must be followed by four hexadecimal digits, as in \\u00e9."
                    + " Write \\\\ for a backslash.");
        } catch (IOException e) {
            throw configuration("Cannot read " + config + ": " + e.getMessage()); // not from a string
        }
        return properties;
    }

    /** The 1-based line of the character at {@code index}. */
    private static int line(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n' || text.charAt(i) == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                line++;
            }
        }
        return line;
    }

    /** " at line N" for the first {@code \\u} escape without four hexadecimal digits, outside comments. */
    private static String malformedEscape(String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        boolean continued = false;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String content = line.stripLeading();
            if (!continued && (content.startsWith("#") || content.startsWith("!"))) {
                continue; // comments are not read, escapes and all
            }
            boolean escaped = false;
            for (int i = 0; i < line.length(); i++) {
                if (escaped) {
                    escaped = false;
                    if (line.charAt(i) == 'u' && !line.substring(i + 1, Math.min(line.length(), i + 5))
                            .matches("[0-9a-fA-F]{4}")) {
                        return " at line " + (n + 1);
                    }
                } else if (line.charAt(i) == '\\') {
                    escaped = true;
                }
            }
            continued = escaped; // a line ending in an odd backslash goes on on the next one
        }
        return "";
    }
}
