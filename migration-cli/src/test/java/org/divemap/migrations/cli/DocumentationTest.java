package org.divemap.migrations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.divemap.migrations.runtime.frontend.ConfigurationResolver;
import org.divemap.migrations.runtime.frontend.Setting;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Keeps README.md and docs/ from rotting: every code block that is a command or code is checked
 * against the real thing.
 *
 * <ul>
 *   <li>{@code java}: compiled against the API, the runtime and migration-test. A block with a type
 *       declaration or imports is a compilation unit (several, when separated by {@code // Name.java}
 *       lines); any other is a fragment of statements, compiled in a method that has {@code op},
 *       {@code dataSource}, {@code url}, {@code user} and {@code password}, with the API's and the
 *       runtime's packages (its front end's too), {@code java.sql}, {@code java.util} and
 *       {@code java.time} imported (so are units that import nothing themselves). A block after
 *       {@code <!-- include: path -->} must instead be lines of that file, which its project builds
 *       and tests; after {@code <!-- fails: text -->} it must fail to compile with the annotation
 *       processor, with an error containing the text.
 *   <li>{@code bash}: each {@code divemap ...} command is parsed by the CLI's own parser; each
 *       {@code mvn} command's {@code divemap:<goal>}s and {@code -Ddivemap.<name>}s must exist in the
 *       plugin; each exported {@code DIVEMAP_*} variable must be one the tools read.
 *   <li>docs/configuration.md's table of settings has a row for each {@link Setting}, with every
 *       name it has (POM, {@code -D}, environment, CLI option), so each setting is documented
 *       once, in every form.
 *   <li>{@code properties}: each key must be one the CLI's configuration file reads.
 * </ul>
 */
class DocumentationTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^<!--\\s*(include|fails):\\s*(.+?)\\s*-->$");
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:@\\w+(?:\\(.*\\))?\\s+)*(?:public |final |abstract |sealed )*(?:class|interface|record|enum|@interface) (\\w+)");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^(?:public )(?:final |abstract |sealed )*(?:class|interface|record|enum|@interface) (\\w+)");
    private static final String FRAGMENT_IMPORTS = "import org.divemap.migrations.*;\n"
            + "import org.divemap.migrations.runtime.*;\nimport org.divemap.migrations.runtime.frontend.*;\n"
            + "import java.sql.*;\nimport java.util.*;\n"
            + "import java.time.*;\nimport javax.sql.DataSource;\n";

    /** One fenced block: where it is, its language, its marker comment if any, its text. */
    record Block(Path file, int line, String language, String markerKind, String markerValue, String text) {
        String where() {
            return ROOT.relativize(file) + ":" + line;
        }
    }

    @Test
    void javaBlocksCompile() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, String> fragments = new LinkedHashMap<>();
        int count = 0;
        for (Block block : blocks("java")) {
            count++;
            if ("include".equals(block.markerKind())) {
                checkIncluded(block, problems);
            } else if ("fails".equals(block.markerKind())) {
                String errors = compile(units(block), true);
                if (errors == null) {
                    problems.add(block.where() + ": meant to fail with \"" + block.markerValue() + "\" but compiles");
                } else if (!errors.contains(block.markerValue())) {
                    problems.add(block.where() + ": fails, but not with \"" + block.markerValue() + "\":\n" + errors);
                }
            } else if (isUnit(block.text())) {
                Map<String, String> units = units(block);
                // a unit without imports (brief, for the reader) gets the fragments' imports
                units.replaceAll((name, text) -> text.contains("\nimport ") || text.startsWith("import ") ? text
                        : withImports(text));
                String errors = compile(units, false);
                if (errors != null) {
                    problems.add(block.where() + ": does not compile:\n" + errors);
                }
            } else {
                String name = "Fragment" + fragments.size();
                fragments.put(name + ".java", "// " + block.where() + "\n" + FRAGMENT_IMPORTS + "class " + name
                        + " {\n  void snippet(Operations op, DataSource dataSource, String url, String user,"
                        + " String password) throws Exception {\n" + block.text() + "\n  }\n}\n");
            }
        }
        if (!fragments.isEmpty()) {
            String errors = compile(fragments, false);
            if (errors != null) {
                problems.add("Fragments (statements compiled in a method; the file comment says which block):\n"
                        + errors);
            }
        }
        assertFalse(count == 0, "no java blocks found under " + ROOT);
        assertEquals("", String.join("\n\n", problems));
    }

    @Test
    void shellCommandsAreRealCommands() throws IOException {
        Set<String> goals = matches(pluginSources(), Pattern.compile("@Mojo\\(name = \"([\\w-]+)\""));
        Set<String> properties = matches(pluginSources(), Pattern.compile("property = \"divemap\\.(\\w+)\""));
        Set<String> variables = new TreeSet<>(List.of(ConfigurationResolver.PASSWORD_FILE_VARIABLE));
        Arrays.stream(Setting.values()).map(Setting::variable).forEach(variables::add);
        assertFalse(goals.isEmpty() || properties.isEmpty() || variables.isEmpty(), "read the plugin and CLI sources");
        List<String> problems = new ArrayList<>();
        int commands = 0;
        for (Block block : blocks("bash")) {
            for (String command : commands(block.text())) {
                List<String> words = words(command);
                if (words.isEmpty()) {
                    continue;
                }
                int cli = cliStart(words);
                if (cli >= 0) {
                    commands++;
                    try {
                        DivemapCli.commandLine().parseArgs(words.subList(cli, words.size()).toArray(String[]::new));
                    } catch (CommandLine.ParameterException e) {
                        problems.add(block.where() + ": `" + command + "`: " + e.getMessage());
                    }
                } else if (words.get(0).equals("mvn") || words.get(0).endsWith("/mvn")) {
                    for (String word : words) {
                        Matcher goal = Pattern.compile("^divemap:([\\w-]+)$").matcher(word);
                        if (goal.matches()) {
                            commands++;
                            if (!goals.contains(goal.group(1))) {
                                problems.add(block.where() + ": no goal divemap:" + goal.group(1) + " (goals: " + goals + ")");
                            }
                        }
                        Matcher property = Pattern.compile("^-Ddivemap\\.(\\w+)(=.*)?$").matcher(word);
                        if (property.matches() && !properties.contains(property.group(1))) {
                            problems.add(block.where() + ": no plugin property divemap." + property.group(1)
                                    + " (properties: " + properties + ")");
                        }
                    }
                } else if (words.get(0).equals("export")) {
                    for (String word : words.subList(1, words.size())) {
                        String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                        if (name.startsWith("DIVEMAP_") && !variables.contains(name)) {
                            problems.add(block.where() + ": no tool reads " + name + " (they read " + variables + ")");
                        }
                    }
                }
            }
        }
        assertFalse(commands == 0, "no divemap commands found in the docs");
        assertEquals("", String.join("\n", problems));
    }

    @Test
    void propertiesKeysAreRead() throws IOException {
        Set<String> keys = new TreeSet<>(PropertiesFile.KEYS);
        List<String> problems = new ArrayList<>();
        for (Block block : blocks("properties")) {
            for (String line : block.text().split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String key = trimmed.split("[=:]", 2)[0].strip();
                if (!keys.contains(key)) {
                    problems.add(block.where() + ": the configuration file has no key " + key + " (keys: " + keys + ")");
                }
            }
        }
        assertEquals("", String.join("\n", problems));
    }

    /**
     * The first project of a newcomer is made of the guide's own snippets: the Maven set-up of
     * getting-started.md and testing.md, which the plugin's invoker build getting-started builds and
     * tests. Each dependency and plugin of those snippets must appear in that project as written, so
     * the guide cannot drift from what builds.
     */
    @Test
    void theGettingStartedProjectIsMadeOfTheGuidesSnippets() throws IOException {
        String pom = Files.readString(ROOT.resolve("maven-plugin/src/it/getting-started/pom.xml")).replaceAll("\\s+", " ");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Block block : blocks("xml")) {
            String file = ROOT.relativize(block.file()).toString();
            boolean setUp = file.equals("docs/getting-started.md") && block.text().contains("annotationProcessorPaths")
                    || file.equals("docs/testing.md") && (block.text().contains("migration-test")
                            || block.text().contains("<artifactId>h2</artifactId>")
                            || block.text().contains("maven-surefire-plugin"));
            if (!setUp) {
                continue;
            }
            checked++;
            Matcher element = Pattern.compile("(?s)<(dependency|plugin)>.*?</\\1>").matcher(block.text());
            while (element.find()) {
                if (!pom.contains(element.group().replaceAll("\\s+", " "))) {
                    problems.add(block.where() + ": this <" + element.group(1) + "> is not in"
                            + " maven-plugin/src/it/getting-started/pom.xml; copy it there as written:\n"
                            + element.group());
                }
            }
        }
        assertEquals(3, checked, "the set-up snippets of getting-started.md and testing.md were not found");
        assertEquals("", String.join("\n", problems));
    }

    @Test
    void everySettingIsDocumentedOnceInEveryForm() throws IOException {
        List<String> rows = Files.readAllLines(ROOT.resolve("docs/configuration.md"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("| [")).toList();
        List<String> problems = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            List<String> forms = List.of("`" + setting.key() + "` / `" + setting.property() + "`",
                    "`" + setting.variable() + "`", "`" + setting.option(), "| `" + setting.key() + "` |");
            List<String> documented = rows.stream().filter(row -> forms.stream().allMatch(row::contains)).toList();
            if (documented.size() != 1) {
                problems.add(setting + ": " + documented.size() + " rows of docs/configuration.md's settings table have"
                        + " all of " + forms);
            }
        }
        assertEquals("", String.join("\n", problems));
    }

    // ---------------------------------------------------------------- reading the docs

    static List<Block> blocks(String language) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Block> blocks = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher fence = FENCE.matcher(lines.get(i));
                if (!fence.matches()) {
                    continue;
                }
                int start = i;
                StringBuilder text = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                if (!fence.group(1).equals(language)) {
                    continue;
                }
                String kind = null;
                String value = null;
                int previous = start - 1;
                while (previous >= 0 && lines.get(previous).isBlank()) {
                    previous--;
                }
                if (previous >= 0) {
                    Matcher marker = MARKER.matcher(lines.get(previous).strip());
                    if (marker.matches()) {
                        kind = marker.group(1);
                        value = marker.group(2);
                    }
                }
                blocks.add(new Block(file, start + 1, language, kind, value, text.toString()));
            }
        }
        return blocks;
    }

    private static void checkIncluded(Block block, List<String> problems) throws IOException {
        Path source = ROOT.resolve(block.markerValue());
        if (!Files.isRegularFile(source)) {
            problems.add(block.where() + ": includes " + block.markerValue() + ", which does not exist");
            return;
        }
        String file = "\n" + normalize(Files.readString(source)) + "\n";
        String text = normalize(block.text());
        if (!file.contains("\n" + text + "\n")) {
            problems.add(block.where() + ": is not a run of lines of " + block.markerValue()
                    + " (copy the file's lines again)");
        }
    }

    /** Trailing spaces and blank lines at either end do not count. */
    private static String normalize(String text) {
        List<String> lines = new ArrayList<>(text.lines().map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return String.join("\n", lines);
    }

    private static String withImports(String unit) {
        Matcher packageLine = Pattern.compile("(?m)^package [\\w.]+;\\n").matcher(unit);
        String imports = FRAGMENT_IMPORTS + "import org.divemap.migrations.test.*;\n";
        return packageLine.find() ? unit.substring(0, packageLine.end()) + imports + unit.substring(packageLine.end())
                : imports + unit;
    }

    static boolean isUnit(String text) {
        return TYPE.matcher(text).find() || Pattern.compile("(?m)^(import|package) ").matcher(text).find();
    }

    /** The block's files: split at {@code // Name.java} lines, else one file named after its public type. */
    static Map<String, String> units(Block block) {
        Map<String, String> units = new LinkedHashMap<>();
        String name = null;
        StringBuilder current = new StringBuilder();
        for (String line : block.text().split("\n", -1)) {
            Matcher split = Pattern.compile("^// (\\w+\\.java)$").matcher(line.strip());
            if (split.matches()) {
                if (!current.toString().isBlank()) {
                    units.put(name != null ? name : fileName(current.toString()), current.toString());
                }
                name = split.group(1);
                current = new StringBuilder();
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            units.put(name != null ? name : fileName(current.toString()), current.toString());
        }
        return units;
    }

    private static String fileName(String unit) {
        Matcher type = PUBLIC_TYPE.matcher(unit);
        if (type.find()) {
            return type.group(1) + ".java";
        }
        Matcher any = TYPE.matcher(unit);
        return (any.find() ? any.group(1) : "Unit") + ".java";
    }

    /** Compiles the files in a fresh folder; null when they compile, else javac's errors. */
    static String compile(Map<String, String> files, boolean withProcessor) {
        try {
            Path dir = Files.createTempDirectory("divemap-docs");
            List<String> options = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                    "-d", dir.resolve("classes").toString(), "-Xlint:none", "-nowarn"));
            // the processor is on the class path: javac 23 and later run it only when told to
            options.add(withProcessor ? "-proc:full" : "-proc:none");
            List<Path> sources = new ArrayList<>();
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve("src").resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
                sources.add(path);
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            StringWriter output = new StringWriter();
            boolean compiled;
            try (StandardJavaFileManager manager = javac.getStandardFileManager(diagnostics, null,
                    StandardCharsets.UTF_8)) {
                compiled = javac.getTask(output, manager, diagnostics, options, null,
                        manager.getJavaFileObjectsFromPaths(sources)).call();
            }
            if (compiled) {
                return null;
            }
            StringBuilder errors = new StringBuilder(output.toString());
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    String source = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":"
                            + d.getLineNumber() + ": ";
                    errors.append("  ").append(source).append(d.getMessage(null)).append('\n');
                }
            }
            return errors.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- reading commands

    /** Joins backslash continuations, drops comments and prompts, splits at && and ;. */
    static List<String> commands(String text) {
        List<String> commands = new ArrayList<>();
        String joined = text.replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            String command = line.strip();
            if (command.startsWith("$ ")) {
                command = command.substring(2);
            }
            if (command.startsWith("#") || command.isEmpty()) {
                continue;
            }
            for (String part : command.split("\\s(&&|;|\\|\\|)\\s")) {
                commands.add(part.strip());
            }
        }
        return commands;
    }

    /** Splits like a shell: whitespace separates, quotes group; a trailing # comment is dropped. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        // leading VAR=value assignments, redirections and what follows a pipe belong to the shell
        while (!words.isEmpty() && words.get(0).matches("[A-Z_][A-Z0-9_]*=.*")) {
            words.remove(0);
        }
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("|")) {
                break;
            } else if (w.matches("\\d?>>?|<")) {
                i++; // the operator and its file
            } else if (!w.matches("\\d?>>?\\S+|<\\S+")) {
                arguments.add(w);
            }
        }
        return arguments;
    }

    /**
     * Where the CLI's own arguments start: after {@code divemap}, {@code java -jar .../divemap-cli.jar}
     * (or the published {@code migration-cli-VERSION-all.jar}), or the image {@code divemap} of a
     * {@code docker run}.
     */
    private static int cliStart(List<String> words) {
        if (words.get(0).equals("divemap")) {
            return 1;
        }
        if (words.get(0).equals("java")) {
            for (int i = 1; i + 1 < words.size(); i++) {
                String jar = words.get(i + 1);
                if (words.get(i).equals("-jar") && (jar.endsWith("divemap-cli.jar")
                        || jar.matches(".*migration-cli-[^/]*-all\\.jar"))) {
                    return i + 2;
                }
            }
        }
        if (words.size() > 2 && words.get(0).equals("docker") && words.get(1).equals("run")) {
            int image = words.indexOf("divemap");
            return image > 1 ? image + 1 : -1;
        }
        return -1;
    }

    private static String pluginSources() throws IOException {
        StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.walk(ROOT.resolve("maven-plugin/src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.append(Files.readString(file)).append('\n');
            }
        }
        return sources.toString();
    }

    private static Set<String> matches(String text, Pattern pattern) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
