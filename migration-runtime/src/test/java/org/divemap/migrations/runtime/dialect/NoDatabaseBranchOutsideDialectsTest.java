package org.divemap.migrations.runtime.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Database knowledge lives in the dialect packages ({@code dialect.mysql}, {@code dialect.postgres},
 * {@code dialect.h2}); everything else asks the {@link Dialect} for a capability. This scans the main
 * sources of the runtime, the test support, the command line and the Maven plugin for the ways a
 * branch on the database has been written before, so that a new one fails the build where it is
 * added: comparisons with {@code Operations.Database} constants, {@code case MYSQL}, {@code instanceof}
 * or class tests on a dialect class, JDBC URL prefixes, and product-name tests. Comments are left out
 * of the scan, so documentation may name databases freely.
 */
class NoDatabaseBranchOutsideDialectsTest {

    private static final String DATABASES = "MYSQL|MARIADB|POSTGRESQL|H2";

    /** What a branch on the database looks like, with the way to write it instead. */
    private record Rule(Pattern pattern, String what) {
        Rule(String regex, String what) {
            this(Pattern.compile(regex), what);
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("\\bDatabase\\s*\\.\\s*(" + DATABASES + ")\\b", "a comparison with an Operations.Database constant"),
            new Rule("\\bcase\\s+(" + DATABASES + ")\\b", "a switch over Operations.Database"),
            new Rule("\\binstanceof\\s+(\\w+\\.)*(MySql|MariaDb|Postgres|H2)\\w*", "an instanceof test on a dialect"),
            new Rule("\\b(MySql|MariaDb|Postgres|H2)\\w*\\.class\\b", "a class test on a dialect"),
            new Rule("(?i)\"jdbc:(mysql|mariadb|postgresql|h2)\\b", "a JDBC URL prefix"),
            new Rule("(?i)\\.(equals|equalsIgnoreCase|contains|startsWith|endsWith|matches)\\(\\s*\""
                    + "(mysql|mariadb|postgres|postgresql|h2)\"", "a test of a product or database name"),
            new Rule("\\bgetDatabaseProductName\\b", "a look at the product name (Dialect.detect reads it)"));

    /** The main sources scanned, relative to the root of the build. */
    private static final List<String> SOURCES = List.of("migration-runtime/src/main/java", "migration-test/src/main/java",
            "migration-cli/src/main/java", "maven-plugin/src/main/java");

    /** The dialect packages, where database knowledge belongs. */
    private static final String DIALECTS = "org/divemap/migrations/runtime/dialect/";

    @Test
    void noCodeOutsideTheDialectPackagesBranchesOnTheDatabase() throws IOException {
        Path root = buildRoot();
        List<String> found = new ArrayList<>();
        int scanned = 0;
        for (String source : SOURCES) {
            Path directory = root.resolve(source);
            assertTrue(Files.isDirectory(directory), "the scan needs " + directory);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(directory)) {
                files = walk.filter(file -> file.toString().endsWith(".java"))
                        .filter(file -> !directory.relativize(file).toString().replace('\\', '/').startsWith(DIALECTS))
                        .sorted().toList();
            }
            for (Path file : files) {
                scanned++;
                for (String hit : branches(Files.readString(file, StandardCharsets.UTF_8))) {
                    found.add(root.relativize(file) + ":" + hit);
                }
            }
        }
        assertTrue(scanned > 50, "only " + scanned + " files scanned: is " + root + " the build's root?");
        assertEquals(List.of(), found, "Database knowledge outside the dialect packages. Ask the Dialect for a"
                + " capability or a strategy instead (add one to Dialect and implement it in dialect.mysql,"
                + " dialect.postgres and dialect.h2); user-facing names go through Dialect.named and URLs through"
                + " Dialect.forUrl.");
    }

    @Test
    void theScanRecognisesEachKindOfBranchAndIgnoresComments() {
        List<String> branches = List.of(
                "if (dialect.database() == Operations.Database.MARIADB) {",
                "boolean pg = kind == Database.POSTGRESQL;",
                "case MYSQL, MARIADB -> \"database\";",
                "if (dialect instanceof MySqlDialect) {",
                "if (dialect instanceof org.divemap.migrations.runtime.dialect.h2.H2Dialect h2) {",
                "if (dialect.getClass() == PostgresDialect.class) {",
                "if (url.startsWith(\"jdbc:mysql:\")) {",
                "String url = \"jdbc:h2:mem:\" + name;",
                "if (product.toLowerCase().contains(\"mariadb\")) {",
                "if (name.equalsIgnoreCase(\"PostgreSQL\")) {",
                "String product = metaData.getDatabaseProductName();");
        for (String line : branches) {
            assertEquals(1, branches(line).size(), line);
        }
        List<String> fine = List.of(
                "// on MySQL, case MYSQL is handled by the dialect: Database.MYSQL, \"jdbc:mysql:\"",
                "/* if (dialect instanceof MySqlDialect) */ int x = 1;",
                "/** {@code jdbc:h2:mem:} and Operations.Database.H2 */",
                "Operations.Database kind = dialect.database();",
                "return Dialect.named(database).database();",
                "if (dialect.foreignKeyAddsIndex()) {",
                "String mysql = \"mysql\"; // a default value, not a test",
                "String text = \"// not a comment: \" + other;");
        for (String line : fine) {
            assertEquals(List.of(), branches(line), line);
        }
        assertEquals(1, branches("String s = \"/* in a string */\"; boolean b = x == Database.H2;").size());
    }

    /** The lines of {@code source} that branch on the database, as "line: text (what)". */
    static List<String> branches(String source) {
        String code = withoutComments(source);
        String[] lines = code.split("\n", -1);
        List<String> hits = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            for (Rule rule : RULES) {
                Matcher matcher = rule.pattern().matcher(lines[i]);
                if (matcher.find()) {
                    hits.add((i + 1) + ": " + lines[i].strip() + "  <- " + rule.what());
                }
            }
        }
        return hits;
    }

    /** The source with its comments blanked out (line breaks kept), string and character literals kept. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("\"\"\"", i)) { // a text block
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(n, j + 1);
                out.append(source, i, j);
                i = j;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The root of the build: the parent of this module's folder, where Maven runs the tests. */
    private static Path buildRoot() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path root = module.getParent();
        assertTrue(root != null && Files.isRegularFile(root.resolve("pom.xml")), "no build root above " + module);
        return root;
    }
}
