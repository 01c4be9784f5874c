package org.divemap.migrations.benchmarks;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Kills the {@code divemap} command-line tool ({@code kill -9}) at a random moment inside a random
 * revision, then runs it again, and sorts what the second run found:
 *
 * <ul>
 *   <li><b>completed</b>: it brought the database to head, and every revision's work is there once;
 *   <li><b>refused</b>: it stopped with {@code INTERRUPTED_REVISION} (exit code 2), naming the killed
 *       revision and saying how to go on (stamp, or retry), and had changed nothing;
 *   <li><b>corrupted</b>: anything else: a revision's data change made twice, a revision run again
 *       over its own leftovers, a database at head missing a revision's work, a refusal that changed
 *       something.
 * </ul>
 *
 * <p>Every revision of the generated history first inserts a row that says it ran (a data change,
 * which no undo reverts), then creates a table, pauses, adds a column, inserts a second row and
 * pauses again, so that a kill lands between any two of its statements. Each trial gets a fresh
 * database (MariaDB) or schema (PostgreSQL). On PostgreSQL a revision commits with its version row,
 * so a kill rolls it back and the second run completes.
 *
 * <pre>
 * benchmarks/crash-stress.sh [--trials N] [--databases mariadb,postgresql] [--seed S]
 * </pre>
 */
public final class CrashStress {

    private static final int REVISIONS = 6;
    /** The pause inside each revision, twice, in seconds. */
    private static final double PAUSE = 0.1;

    enum Outcome { COMPLETED, REFUSED, CORRUPTED }

    record Trial(int number, String database, int killedIn, long delayMs, Outcome outcome, String detail) {}

    public static void main(String[] args) throws Exception {
        int trials = 20;
        List<String> databases = List.of("mariadb", "postgresql");
        long seed = System.nanoTime();
        Path jar = Path.of("migration-cli", "target", "divemap-cli.jar");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--databases" -> databases = List.of(args[++i].split(","));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn -pl migration-cli -am package");
        }
        Path work = Files.createTempDirectory("divemap-crash-stress");
        try {
            Path classes = compileHistory(work);
            Random random = new Random(seed);
            System.out.printf(Locale.ROOT, "%d revisions, each: INSERT, CREATE TABLE, %.1f s pause, ADD COLUMN, INSERT,"
                    + " %.1f s pause; %d trials per database; seed %d%n", REVISIONS, PAUSE, PAUSE, trials, seed);
            Map<String, List<Trial>> results = new LinkedHashMap<>();
            for (String database : databases) {
                List<Trial> list = new ArrayList<>();
                for (int t = 1; t <= trials; t++) {
                    int killedIn = 1 + random.nextInt(REVISIONS);
                    long delay = (long) (random.nextDouble() * 2.5 * PAUSE * 1000);
                    Trial trial = trial(t, database, jar, classes, work, killedIn, delay);
                    System.out.printf(Locale.ROOT, "%-10s trial %2d: killed %3d ms into s%02d -> %s%s%n", database, t,
                            delay, killedIn, trial.outcome(), trial.detail().isEmpty() ? "" : " (" + trial.detail() + ")");
                    list.add(trial);
                }
                results.put(database, list);
            }
            System.out.println();
            System.out.println("| database | trials | completed | refused with instructions | corrupted |");
            System.out.println("|---|---:|---:|---:|---:|");
            for (Map.Entry<String, List<Trial>> entry : results.entrySet()) {
                Map<Outcome, Integer> counts = new TreeMap<>();
                entry.getValue().forEach(trial -> counts.merge(trial.outcome(), 1, Integer::sum));
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", entry.getKey(), entry.getValue().size(),
                        counts.getOrDefault(Outcome.COMPLETED, 0), counts.getOrDefault(Outcome.REFUSED, 0),
                        counts.getOrDefault(Outcome.CORRUPTED, 0));
            }
            boolean corrupted = results.values().stream().flatMap(List::stream)
                    .anyMatch(trial -> trial.outcome() == Outcome.CORRUPTED);
            if (corrupted) {
                System.exit(1);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Trial trial(int number, String database, Path jar, Path classes, Path work, int killedIn,
            long delay) throws Exception {
        String name = "divemap_crash_" + number + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
        String url = create(database, name);
        try {
            exec(url, "CREATE TABLE stress_runs (revision VARCHAR(20) NOT NULL, step INT NOT NULL)");
            Process victim = cli(jar, classes, work, url, false);
            boolean killed = false;
            // the revision running when the kill came: on a fast disk the pause can outlast the revision
            // aimed at, and the kill land in the next one, whose start the CLI printed meanwhile
            int running = killedIn;
            try (BufferedReader err = new BufferedReader(new InputStreamReader(victim.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String wanted = String.format(Locale.ROOT, "upgrade   s%02d ...", killedIn);
                String line;
                while ((line = err.readLine()) != null) {
                    if (line.strip().equals(wanted)) { // the CLI indents its progress lines
                        Thread.sleep(delay);
                        victim.toHandle().destroyForcibly(); // kill -9; unlike Process.destroyForcibly, keeps its output readable
                        killed = true;
                        break;
                    }
                }
                while (killed && (line = err.readLine()) != null) { // what it printed before it died
                    String progress = line.strip();
                    if (progress.matches("upgrade {3}s\\d\\d \\.\\.\\.")) {
                        running = Integer.parseInt(progress.substring(11, 13));
                    }
                }
            }
            victim.waitFor(2, TimeUnit.MINUTES);
            if (!killed) {
                return new Trial(number, database, killedIn, delay, Outcome.CORRUPTED, "the first run never reached"
                        + " s" + killedIn + ", exit " + victim.exitValue());
            }
            Map<String, Integer> before = runs(url);
            Process second = cli(jar, classes, work, url, true);
            String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            second.waitFor(2, TimeUnit.MINUTES);
            Map<String, Integer> after = runs(url);
            for (Map.Entry<String, Integer> entry : after.entrySet()) {
                if (entry.getValue() > 1) {
                    return new Trial(number, database, killedIn, delay, Outcome.CORRUPTED, "the data change "
                            + entry.getKey() + " ran " + entry.getValue() + " times");
                }
            }
            if (second.exitValue() == 0) {
                for (int i = 1; i <= REVISIONS; i++) {
                    String id = String.format(Locale.ROOT, "s%02d", i);
                    if (!after.containsKey(id + " step 1") || !after.containsKey(id + " step 2")
                            || !hasColumn(url, "stress_t" + id.substring(1))) {
                        return new Trial(number, database, killedIn, delay, Outcome.CORRUPTED, "at head, but " + id
                                + "'s work is not all there");
                    }
                }
                return new Trial(number, database, killedIn, delay, Outcome.COMPLETED, "");
            }
            // The refusal names the killed revision; or, on MySQL and MariaDB, the one before it when the kill
            // came before the killed revision's first statement: the record of the revision before waits for
            // that statement to commit it (as Alembic's version row does), and its mark says it may not have
            // finished. Either way nothing runs again until someone stamps.
            boolean refusal = second.exitValue() == 2 && output.contains("\"kind\":\"INTERRUPTED_REVISION\"")
                    && output.contains("stamp the revision the schema is at");
            boolean namesKilled = output.contains(String.format(Locale.ROOT, "Revision s%02d did not finish its"
                    + " upgrade", running));
            boolean namesBefore = running > 1 && output.contains(String.format(Locale.ROOT, "Revision s%02d did not"
                    + " finish its upgrade", running - 1));
            String reached = running == killedIn ? "" : String.format(Locale.ROOT, "the kill came in s%02d; ", running);
            if (refusal && (namesKilled || namesBefore) && before.equals(after)) {
                return new Trial(number, database, killedIn, delay, Outcome.REFUSED, namesKilled
                        ? reached.isEmpty() ? "" : reached + "names it"
                        : String.format(Locale.ROOT, "%snames s%02d: killed before s%02d's first statement, which"
                                + " would have committed s%02d's record", reached, running - 1, running, running - 1));
            }
            return new Trial(number, database, killedIn, delay, Outcome.CORRUPTED, "exit " + second.exitValue()
                    + ": " + output.strip());
        } finally {
            drop(database, name);
        }
    }

    /** How often each data change of each revision ran: "s03 step 1" -> 1. */
    private static Map<String, Integer> runs(String url) throws SQLException {
        Map<String, Integer> runs = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT revision, step, COUNT(*) FROM stress_runs GROUP BY revision,"
                        + " step")) {
            while (rs.next()) {
                runs.put(rs.getString(1) + " step " + rs.getInt(2), rs.getInt(3));
            }
        }
        return runs;
    }

    private static boolean hasColumn(String url, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeQuery("SELECT c FROM " + table).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static Process cli(Path jar, Path classes, Path work, String url, boolean json) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toAbsolutePath().toString(), "upgrade", "head", "--classpath",
                classes.toString(), "--url", url));
        if (json) {
            command.add("--json");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DIVEMAP_"));
        if (json) {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        return builder.start();
    }

    // ---------------------------------------------------------------- the history

    private static Path compileHistory(Path work) throws IOException {
        Path sources = work.resolve("src/stress");
        Files.createDirectories(sources);
        List<String> files = new ArrayList<>();
        for (int i = 1; i <= REVISIONS; i++) {
            String id = String.format(Locale.ROOT, "s%02d", i);
            String table = "stress_t" + id.substring(1);
            String source = "package stress;\n\n"
                    + "import org.divemap.migrations.*;\n\n"
                    + "@Revision(id = \"" + id + "\"" + (i == 1 ? "" : ", revises = \"" + String.format(Locale.ROOT,
                            "s%02d", i - 1) + "\"") + ")\n"
                    + "public final class S" + id.substring(1) + " implements Migration {\n"
                    + "    private static void pause(Operations op) {\n"
                    + "        op.execute(op.database() == Operations.Database.POSTGRESQL ? \"SELECT pg_sleep(" + PAUSE
                    + ")\" : \"SELECT SLEEP(" + PAUSE + ")\");\n"
                    + "    }\n"
                    + "    @Override public void upgrade(Operations op) {\n"
                    + "        op.execute(\"INSERT INTO stress_runs (revision, step) VALUES ('" + id + "', 1)\");\n"
                    + "        op.createTable(\"" + table + "\", Column.of(\"id\", Type.integer()).primaryKey());\n"
                    + "        pause(op);\n"
                    + "        op.addColumn(\"" + table + "\", Column.of(\"c\", Type.integer()).nullable());\n"
                    + "        op.execute(\"INSERT INTO stress_runs (revision, step) VALUES ('" + id + "', 2)\");\n"
                    + "        pause(op);\n"
                    + "    }\n"
                    + "    @Override public void downgrade(Operations op) {\n"
                    + "        op.dropTable(\"" + table + "\");\n"
                    + "        op.execute(\"DELETE FROM stress_runs WHERE revision = '" + id + "'\");\n"
                    + "    }\n"
                    + "}\n";
            Path file = sources.resolve("S" + id.substring(1) + ".java");
            Files.writeString(file, source);
            files.add(file.toString());
        }
        Path out = work.resolve("classes");
        Files.createDirectories(out);
        List<String> arguments = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                "-d", out.toString(), "-processor", "org.divemap.migrations.processor.RevisionProcessor"));
        arguments.addAll(files);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        if (ToolProvider.getSystemJavaCompiler().run(null, log, log, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("javac failed:\n" + log);
        }
        return out;
    }

    // ---------------------------------------------------------------- databases

    private static String server(String database) {
        String variable = database.equals("postgresql") ? "DIVEMAP_TEST_POSTGRES_URL" : "DIVEMAP_TEST_MYSQL_URL";
        String fallback = database.equals("postgresql") ? "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"
                : "jdbc:mysql://127.0.0.1:3306/?user=root&password=";
        String url = System.getenv(variable);
        return url == null || url.isBlank() ? fallback : url;
    }

    private static String create(String database, String name) throws SQLException {
        String server = server(database);
        if (database.equals("postgresql")) {
            exec(server, "CREATE SCHEMA " + name);
            return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }
        exec(server, "CREATE DATABASE " + name);
        int q = server.indexOf('?');
        String base = q < 0 ? server : server.substring(0, q);
        return (base.endsWith("/") ? base : base + "/") + name + (q < 0 ? "" : server.substring(q));
    }

    private static void drop(String database, String name) throws SQLException {
        exec(server(database), database.equals("postgresql") ? "DROP SCHEMA " + name + " CASCADE"
                : "DROP DATABASE " + name);
    }

    private static void exec(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
