package org.divemap.migrations.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import javax.tools.ToolProvider;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.MigrationResult;

/**
 * Applying N migrations of one {@code CREATE TABLE} each, from an empty database to head, on
 * MariaDB or MySQL, side by side: raw JDBC (the statements on one autocommit connection), Divemap
 * (N compiled {@code @Revision} classes), Flyway (N versioned SQL files) and Liquibase (a changelog of
 * N {@code <sql>} changesets). All four run the exact same statement text, each into a fresh database
 * {@code bench_<tool>} that is dropped afterwards. Every round runs each tool once, starting with a
 * different tool each round; the table reports the median and its ratio to raw JDBC. A timed run
 * covers what a deploying process does: build the tool's objects, connect, apply, close.
 *
 * <p>With {@code --breakdown}, one more (untimed) round runs each tool through a data source that
 * times every JDBC call, and prints where the time goes, per migration.
 *
 * <pre>
 * java -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
 *     org.divemap.migrations.benchmarks.ApplyBenchmark [--mysql URL | --postgres URL] [--runs N] [--migrations N]
 *         [--tools raw,divemap,divemap_batched,flyway,liquibase] [--breakdown]
 * </pre>
 */
public final class ApplyBenchmark {

    /** The tools, in the order of the first round. */
    enum Tool {
        RAW("raw JDBC"),
        DIVEMAP("Divemap"),
        /** Divemap with {@code recordEvery(50)}: the version and history rows of 50 revisions per commit. */
        DIVEMAP_BATCHED("Divemap, recordEvery 50"),
        FLYWAY("Flyway"),
        LIQUIBASE("Liquibase");

        final String title;

        Tool(String title) {
            this.title = title;
        }

        String database() {
            return "bench_" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** Held here: java.util.logging forgets the level of a logger nobody references. */
    private static final List<java.util.logging.Logger> QUIET = List.of(java.util.logging.Logger.getLogger("liquibase"),
            java.util.logging.Logger.getLogger("org.flywaydb"));

    private static final Pattern EXECUTE = Pattern.compile("op\\.execute\\(\"(CREATE TABLE [^\"]+)\"\\)");

    private final String adminUrl;
    private final Tool[] tools;
    private final String base;
    private final String query;
    private final List<String> statements;
    private final Path classes;
    private final Path flywayDir;
    private final Path liquibaseDir;
    private final Map<Tool, String> unavailable = new EnumMap<>(Tool.class);

    private ApplyBenchmark(String adminUrl, Tool[] tools, List<String> statements, Path classes, Path flywayDir, Path liquibaseDir) {
        this.adminUrl = adminUrl;
        this.tools = tools;
        int q = adminUrl.indexOf('?');
        String server = q < 0 ? adminUrl : adminUrl.substring(0, q);
        // the server's URL without its database (PostgreSQL's admin URL names one: .../postgres)
        int path = server.indexOf('/', server.indexOf("//") + 2);
        this.base = path < 0 ? server + "/" : server.substring(0, path + 1);
        this.query = q < 0 ? "" : adminUrl.substring(q);
        this.statements = statements;
        this.classes = classes;
        this.flywayDir = flywayDir;
        this.liquibaseDir = liquibaseDir;
    }

    public static void main(String[] args) throws Exception {
        String mysql = System.getenv().getOrDefault("DIVEMAP_TEST_MYSQL_URL",
                "jdbc:mysql://127.0.0.1:3306/?user=root&password=");
        int runs = 3;
        int n = 1_000;
        boolean breakdown = false;
        Tool[] tools = Tool.values();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mysql" -> mysql = args[++i];
                case "--postgres" -> mysql = args[++i]; // the same benchmark on PostgreSQL (raw JDBC and Divemap)
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--migrations" -> n = Integer.parseInt(args[++i]);
                case "--breakdown" -> breakdown = true;
                case "--tools" -> tools = Arrays.stream(args[++i].split(",")).map(t -> Tool.valueOf(
                        t.trim().toUpperCase(Locale.ROOT))).toArray(Tool[]::new);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        // Liquibase 4.30+ may send anonymous usage data: not from a benchmark.
        System.setProperty("liquibase.analytics.enabled", "false");
        // Flyway (no SLF4J provider here) and Liquibase log to java.util.logging: a line per migration
        // at INFO, which Divemap does not write. Deployments configure their logging; keep warnings only.
        for (java.util.logging.Logger logger : QUIET) {
            logger.setLevel(Level.WARNING);
        }

        String server;
        try (Connection admin = DriverManager.getConnection(mysql); Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            server = rs.getString(1);
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores, server %s, %d migrations of one CREATE TABLE each,"
                + " %d rounds%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                server, n, runs);
        System.out.printf(Locale.ROOT, "Flyway %s, Liquibase %s%n", flywayVersion(), liquibaseVersion());

        Path work = Files.createTempDirectory("divemap-apply-bench-");
        try {
            long t = System.nanoTime();
            List<String> sources = ProcessorOverhead.writeHistory(work.resolve("src"), n, true);
            Path classes = compile(work, sources);
            List<String> statements = statements(sources);
            System.out.printf(Locale.ROOT, "generated and compiled %d migrations in %.1f s; statement 1: %s%n",
                    sources.size(), (System.nanoTime() - t) / 1e9, statements.get(0));
            ApplyBenchmark bench = new ApplyBenchmark(mysql, tools, statements, classes,
                    writeFlyway(work.resolve("flyway"), statements), writeLiquibase(work.resolve("liquibase"), statements));
            bench.measure(runs);
            if (breakdown) {
                bench.breakdown();
            }
        } finally {
            ProcessorOverhead.delete(work);
        }
    }

    // ---------------------------------------------------------------- the inputs

    /** Compiles the generated migrations with the revision processor; returns the class folder. */
    private static Path compile(Path work, List<String> sources) throws IOException {
        Path out = work.resolve("classes");
        Files.createDirectories(out);
        List<String> arguments = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                "-d", out.toString(), "-processor", "org.divemap.migrations.processor.RevisionProcessor"));
        arguments.addAll(sources);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        if (ToolProvider.getSystemJavaCompiler().run(null, log, log, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("javac failed:\n" + log);
        }
        return out;
    }

    /** The statement of each generated migration, read back from its source, in file order. */
    private static List<String> statements(List<String> sources) throws IOException {
        List<String> sorted = new ArrayList<>(sources);
        sorted.sort(null);
        List<String> statements = new ArrayList<>(sorted.size());
        for (String source : sorted) {
            Matcher m = EXECUTE.matcher(Files.readString(Path.of(source)));
            if (!m.find()) {
                throw new IllegalStateException("no op.execute(\"CREATE TABLE ...\") in " + source);
            }
            statements.add(m.group(1));
        }
        if (statements.stream().distinct().count() != statements.size()) {
            throw new IllegalStateException("the generated statements are not all different");
        }
        return statements;
    }

    /** {@code V1__t1.sql} ... with one statement each. */
    private static Path writeFlyway(Path dir, List<String> statements) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < statements.size(); i++) {
            Files.writeString(dir.resolve("V" + (i + 1) + "__t" + (i + 1) + ".sql"), statements.get(i) + ";\n");
        }
        return dir;
    }

    /** {@code changelog.xml}: one changeset with one {@code <sql>} per statement. */
    private static Path writeLiquibase(Path dir, List<String> statements) throws IOException {
        Files.createDirectories(dir);
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                """);
        for (int i = 0; i < statements.size(); i++) {
            xml.append("  <changeSet id=\"t").append(i + 1).append("\" author=\"bench\">\n    <sql>")
                    .append(statements.get(i)).append("</sql>\n  </changeSet>\n");
        }
        xml.append("</databaseChangeLog>\n");
        Files.writeString(dir.resolve("changelog.xml"), xml.toString());
        return dir;
    }

    // ---------------------------------------------------------------- the rounds

    private void measure(int runs) throws Exception {
        Map<Tool, long[]> times = new EnumMap<>(Tool.class);
        for (Tool tool : tools) {
            times.put(tool, new long[runs]);
        }
        for (int round = 0; round < runs; round++) {
            StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
            for (int k = 0; k < tools.length; k++) {
                Tool tool = tools[(round + k) % tools.length];
                if (unavailable.containsKey(tool)) {
                    continue;
                }
                long elapsed = timed(tool, null);
                times.get(tool)[round] = elapsed;
                line.append(elapsed < 0 ? String.format(Locale.ROOT, " %s unavailable;", tool.title)
                        : String.format(Locale.ROOT, " %s %,.0f ms;", tool.title, elapsed / 1e6));
            }
            System.out.println(line.substring(0, line.length() - 1));
        }
        double raw = unavailable.containsKey(Tool.RAW) || !times.containsKey(Tool.RAW) ? Double.NaN
                : median(times.get(Tool.RAW)) / 1e6;
        System.out.println();
        // The server's speed drifts between rounds; each round's own ratio to raw JDBC cancels the drift.
        System.out.printf(Locale.ROOT, "%-24s | %14s | %12s | %12s | %s%n", "tool", "median (ms)", "ratio to raw",
                "round ratio", "runs (ms)");
        System.out.printf(Locale.ROOT, "%-24s-|-%14s-|-%12s-|-%12s-|-%s%n", "-".repeat(24), "-".repeat(14),
                "-".repeat(12), "-".repeat(12), "-".repeat(24));
        for (Tool tool : tools) {
            if (unavailable.containsKey(tool)) {
                System.out.printf(Locale.ROOT, "%-24s | %14s | %12s | %12s | %s%n", tool.title, "-", "-", "-",
                        "not run: " + unavailable.get(tool));
                continue;
            }
            double m = median(times.get(tool)) / 1e6;
            System.out.printf(Locale.ROOT, "%-24s | %,14.0f | %12s | %12s | %s%n", tool.title, m,
                    Double.isNaN(raw) ? "-" : String.format(Locale.ROOT, "%.2fx", m / raw),
                    Double.isNaN(raw) ? "-" : String.format(Locale.ROOT, "%.2fx", medianRoundRatio(times.get(tool),
                            times.get(Tool.RAW))),
                    String.join(", ", Arrays.stream(times.get(tool)).mapToObj(v -> String.format(Locale.ROOT, "%,.0f",
                            v / 1e6)).toList()));
        }
        System.out.println();
    }

    /** One untimed round through {@link JdbcTimer}: where each tool's time goes. */
    private void breakdown() throws Exception {
        for (Tool tool : tools) {
            if (unavailable.containsKey(tool)) {
                continue;
            }
            JdbcTimer timer = new JdbcTimer(url(tool));
            long elapsed = timed(tool, timer);
            if (elapsed < 0) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%s through a timing data source: %,.0f ms%n", tool.title, elapsed / 1e6);
            timer.print(new PrintWriter(System.out), elapsed / 1e6, statements.size(), "migration");
            timer.printCounts(new PrintWriter(System.out), statements.size(), "migration");
            System.out.println();
        }
    }

    /**
     * Runs one tool into its fresh database and returns the nanoseconds it took, or -1 if the tool
     * cannot be loaded or fails (the reason is kept for the table, and later rounds leave it out).
     */
    private long timed(Tool tool, DataSource timer) throws Exception {
        admin("DROP DATABASE IF EXISTS " + tool.database(), "CREATE DATABASE " + tool.database());
        String url = url(tool);
        System.gc();
        long elapsed;
        try {
            long start = System.nanoTime();
            switch (tool) {
                case RAW -> raw(url, timer);
                case DIVEMAP -> divemap(url, timer, 1);
                case DIVEMAP_BATCHED -> divemap(url, timer, 50);
                case FLYWAY -> FlywayRun.migrate(url, timer, flywayDir);
                case LIQUIBASE -> LiquibaseRun.update(url, timer, liquibaseDir);
            }
            elapsed = System.nanoTime() - start;
        } catch (LinkageError | Exception e) {
            String why = e instanceof LinkageError ? "its classes are missing" : "it failed";
            unavailable.put(tool, why + " (" + e + ")");
            System.out.println(tool.title + " is left out: " + unavailable.get(tool));
            admin("DROP DATABASE " + tool.database());
            return -1;
        }
        int tables = countTables(tool.database());
        admin("DROP DATABASE " + tool.database());
        if (tables != statements.size()) {
            throw new IllegalStateException(tool.title + " created " + tables + " of " + statements.size() + " tables");
        }
        return elapsed;
    }

    private void raw(String url, DataSource timer) throws Exception {
        try (Connection connection = timer != null ? timer.getConnection() : DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private void divemap(String url, DataSource timer, int recordEvery) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ApplyBenchmark.class.getClassLoader());
                Divemap divemap = (timer != null ? Divemap.configure().dataSource(timer)
                        : Divemap.configure().dataSource(url, null, null)).classLoader(loader)
                        .recordEvery(recordEvery).load()) {
            MigrationResult result = divemap.upgrade("head");
            if (result.steps().size() != statements.size()) {
                throw new IllegalStateException("Divemap applied " + result.steps().size() + " revisions");
            }
        }
    }

    /** Flyway, in a class of its own so that a missing Flyway shows as a LinkageError here only. */
    private static final class FlywayRun {
        static void migrate(String url, DataSource timer, Path dir) {
            org.flywaydb.core.api.configuration.FluentConfiguration configuration =
                    org.flywaydb.core.Flyway.configure().locations("filesystem:" + dir);
            configuration = timer != null ? configuration.dataSource(timer) : configuration.dataSource(url, null, null);
            int applied = configuration.load().migrate().migrationsExecuted;
            if (applied != countFiles(dir)) {
                throw new IllegalStateException("Flyway applied " + applied + " migrations");
            }
        }

        private static int countFiles(Path dir) {
            try (var files = Files.list(dir)) {
                return (int) files.count();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Liquibase, in a class of its own so that a missing Liquibase shows as a LinkageError here only. */
    private static final class LiquibaseRun {
        static void update(String url, DataSource timer, Path dir) throws Exception {
            try (Connection connection = timer != null ? timer.getConnection() : DriverManager.getConnection(url)) {
                liquibase.database.Database database = liquibase.database.DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new liquibase.database.jvm.JdbcConnection(connection));
                Map<String, Object> scope = Map.of(
                        liquibase.Scope.Attr.resourceAccessor.name(), new liquibase.resource.DirectoryResourceAccessor(dir),
                        liquibase.Scope.Attr.ui.name(), new liquibase.ui.LoggerUIService());
                liquibase.Scope.child(scope, () -> new liquibase.command.CommandScope("update")
                        .addArgumentValue(liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep.DATABASE_ARG,
                                database)
                        .addArgumentValue(liquibase.command.core.UpdateCommandStep.CHANGELOG_FILE_ARG, "changelog.xml")
                        .addArgumentValue(liquibase.command.core.helpers.ShowSummaryArgument.SHOW_SUMMARY_OUTPUT,
                                liquibase.UpdateSummaryOutputEnum.LOG)
                        .execute());
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    private String url(Tool tool) {
        return base + tool.database() + query;
    }

    private void admin(String... sql) throws Exception {
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement s = admin.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private int countTables(String database) throws Exception {
        // on the tool's own database: PostgreSQL's catalog shows only the tables of the database connected to
        try (Connection admin = DriverManager.getConnection(base + database + query); Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE "
                        + (adminUrl.startsWith("jdbc:postgresql:") ? "table_schema = current_schema()"
                                : "table_schema = '" + database + "'") + " AND table_name LIKE 'table\\_%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String flywayVersion() {
        return resource("org/flywaydb/core/internal/version.txt");
    }

    private static String liquibaseVersion() {
        String text = resource("META-INF/maven/org.liquibase/liquibase-core/pom.properties");
        for (String line : text.split("\n")) {
            if (line.startsWith("version=")) {
                return line.substring("version=".length()).trim();
            }
        }
        try {
            return liquibase.util.LiquibaseUtil.getBuildVersion();
        } catch (LinkageError e) {
            return "(not on the class path)";
        }
    }

    private static String resource(String name) {
        try (InputStream in = ApplyBenchmark.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? "(not on the class path)" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** The median over the rounds of the tool's time divided by raw JDBC's time in the same round. */
    private static double medianRoundRatio(long[] tool, long[] raw) {
        double[] ratios = new double[tool.length];
        for (int i = 0; i < tool.length; i++) {
            ratios[i] = (double) tool[i] / raw[i];
        }
        Arrays.sort(ratios);
        return ratios.length % 2 == 1 ? ratios[ratios.length / 2]
                : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2.0;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }
}
