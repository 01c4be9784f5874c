package org.divemap.migrations.benchmarks.sidebyside;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * The whole-process side-by-side benchmark of issue 19 ({@code benchmarks/side-by-side.sh}).
 *
 * <p>Every tool runs as a fresh process (JVM or Python start to exit) against a fresh database, with
 * a generated history of the same statements: raw JDBC ({@link RawJdbcRun}), Divemap with default
 * settings and with {@code recordEvery(50)} ({@link DivemapRun}, migration classes compiled with the
 * processor), Alembic ({@code alembic_run.py}, a generated {@code versions/} folder), Liquibase
 * ({@link LiquibaseRun}, a changelog) and Flyway ({@link FlywayRun}, {@code V__} SQL files), on
 * MariaDB/MySQL and on PostgreSQL. Rounds interleave the tools, starting one tool later each round;
 * the report gives, per database, the median over the rounds of each tool's time divided by raw
 * JDBC's time in the same round.
 *
 * <p>The first migration of every history is {@code CREATE TABLE t_0001 AS SELECT <server clock>}:
 * the server's own clock, read when the first migration statement runs, minus the server's clock read
 * on an open connection just before the process is spawned, is "start to first SQL".
 */
public final class SideBySide {

    enum Db {
        MARIADB("MariaDB/MySQL", "UNIX_TIMESTAMP(NOW(6))", "DATABASE()"),
        POSTGRES("PostgreSQL", "extract(epoch from clock_timestamp())", "current_schema()");

        final String title;
        /** The server's wall clock in seconds since the epoch, microseconds in the fraction. */
        final String clock;
        final String schema;

        Db(String title, String clock, String schema) {
            this.title = title;
            this.clock = clock;
            this.schema = schema;
        }

        String[] recreate(String database) {
            return this == POSTGRES
                    ? new String[] {"DROP DATABASE IF EXISTS " + database + " WITH (FORCE)", "CREATE DATABASE " + database}
                    : new String[] {"DROP DATABASE IF EXISTS " + database, "CREATE DATABASE " + database};
        }

        String[] drop(String database) {
            return new String[] {recreate(database)[0]};
        }
    }

    enum Tool {
        RAW("raw", "raw JDBC"),
        /** Raw JDBC with Divemap's two record statements per revision (MySQL, MariaDB): {@link RecordedJdbcRun}. */
        RAW_RECORDED("raw-recorded", "raw JDBC + record"),
        RAW_APPCDS("raw-appcds", "raw JDBC, AppCDS"),
        DIVEMAP("divemap", "Divemap"),
        DIVEMAP_APPCDS("divemap-appcds", "Divemap, AppCDS"),
        DIVEMAP_APPCDS_C1("divemap-appcds-c1", "Divemap, AppCDS + C1"),
        DIVEMAP50("divemap50", "Divemap recordEvery(50)"),
        DIVEMAPCLI("divemapcli", "Divemap CLI jar"),
        DIVEMAPCLI_CDS("divemapcli-cds", "Divemap CLI launcher (CDS)"),
        ALEMBIC("alembic", "Alembic"),
        LIQUIBASE("liquibase", "Liquibase"),
        FLYWAY("flyway", "Flyway");

        final String key;
        final String title;

        Tool(String key, String title) {
            this.key = key;
            this.title = title;
        }

        String database() {
            return databasePrefix + key.replace('-', '_');
        }

        boolean cli() {
            return this == DIVEMAPCLI || this == DIVEMAPCLI_CDS;
        }

        /** Divemap through its Java API ({@link DivemapRun}), with or without an application archive. */
        boolean api() {
            return this == DIVEMAP || this == DIVEMAP50 || this == DIVEMAP_APPCDS || this == DIVEMAP_APPCDS_C1;
        }

        /**
         * Run from jars with a dynamic application class-data-sharing archive of their own, which an
         * untimed run of the same history builds ({@code -XX:ArchiveClassesAtExit}) before the first
         * timed one, as docs/production.md tells applications to.
         */
        boolean appCds() {
            return this == RAW_APPCDS || this == DIVEMAP_APPCDS || this == DIVEMAP_APPCDS_C1;
        }

        static Tool parse(String name) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            if (key.equals("divemap_batched")) {
                return DIVEMAP50;
            }
            for (Tool tool : values()) {
                if (tool.key.equals(key)) {
                    return tool;
                }
            }
            throw new IllegalArgumentException("unknown tool \"" + name + "\"; the tools are "
                    + Arrays.stream(values()).map(t -> t.key).collect(Collectors.joining(",")));
        }
    }

    /** The histories that are applied; {@code noop} runs on the APPLY1000 history once it is applied. */
    enum History {
        APPLY1000("apply 1,000 `CREATE TABLE`", 1000),
        APPLY100("apply 100 `CREATE TABLE`", 100),
        ADDCOLUMN("49 × `ALTER … ADD COLUMN`", 50);

        final String title;
        final int migrations;

        History(String title, int migrations) {
            this.title = title;
            this.migrations = migrations;
        }

        /** The statements, identical for every tool: the first reads the server's clock. */
        List<String> statements(Db db) {
            List<String> statements = new ArrayList<>(migrations);
            if (this == ADDCOLUMN) {
                statements.add("CREATE TABLE t_wide AS SELECT " + db.clock + " AS started");
                for (int i = 1; i < migrations; i++) {
                    statements.add(String.format(Locale.ROOT, "ALTER TABLE t_wide ADD COLUMN c_%02d VARCHAR(100)", i));
                }
            } else {
                statements.add("CREATE TABLE t_0001 AS SELECT " + db.clock + " AS started");
                for (int i = 2; i <= migrations; i++) {
                    statements.add(String.format(Locale.ROOT,
                            "CREATE TABLE t_%04d (id BIGINT PRIMARY KEY, name VARCHAR(100))", i));
                }
            }
            return statements;
        }

        /** The statement that undoes one of {@link #statements}: each tool's history can be rolled back. */
        static String inverse(String statement) {
            String[] words = statement.split(" ");
            if (statement.startsWith("CREATE TABLE ")) {
                return "DROP TABLE " + words[2];
            }
            if (statement.startsWith("ALTER TABLE ") && words[3].equals("ADD")) {
                return "ALTER TABLE " + words[2] + " DROP COLUMN " + words[5];
            }
            throw new IllegalArgumentException("no inverse known for " + statement);
        }

        String clockTable() {
            return this == ADDCOLUMN ? "t_wide" : "t_0001";
        }
    }

    /** What is measured: one series per database, tool and metric, one value per round. */
    enum Metric {
        APPLY1000,
        APPLY100,
        ADDCOLUMN,
        NOOP,
        FIRST1000,
        FIRST100,
        FIRSTADD
    }

    /** The prefix of the databases the tools run in (--prefix): two runs at once need two prefixes. */
    static String databasePrefix = "sbs_";

    private static final String ALEMBIC_PACKAGES = "python3-alembic python3-pymysql python3-psycopg2";

    private final List<Db> dbs;
    private final Map<Db, String> adminUrls;
    private final List<Tool> tools;
    private final Set<History> histories;
    private final boolean noop;
    private final int rounds;
    private final String python;
    private final long timeoutSeconds;
    private final boolean keepLogs;
    private final Path work;
    private final List<String> fullClasspath;
    private final Map<Db, Map<Tool, String>> unavailable = new EnumMap<>(Db.class);
    /** db, tool, metric: per-round values (NaN where not measured). */
    private final Map<Db, Map<Tool, Map<Metric, double[]>>> results = new EnumMap<>(Db.class);
    private final Map<String, String> versions = new LinkedHashMap<>();
    private int runCounter;

    private SideBySide(List<Db> dbs, Map<Db, String> adminUrls, List<Tool> tools, Set<History> histories, boolean noop,
            int rounds, String python, long timeoutSeconds, boolean keepLogs, Path work) {
        this.dbs = dbs;
        this.adminUrls = adminUrls;
        this.tools = tools;
        this.histories = histories;
        this.noop = noop;
        this.rounds = rounds;
        this.python = python;
        this.timeoutSeconds = timeoutSeconds;
        this.keepLogs = keepLogs;
        this.work = work;
        this.fullClasspath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        for (Db db : dbs) {
            unavailable.put(db, new EnumMap<>(Tool.class));
            Map<Tool, Map<Metric, double[]>> perTool = new EnumMap<>(Tool.class);
            for (Tool tool : tools) {
                Map<Metric, double[]> perMetric = new EnumMap<>(Metric.class);
                for (Metric metric : Metric.values()) {
                    double[] values = new double[rounds];
                    Arrays.fill(values, Double.NaN);
                    perMetric.put(metric, values);
                }
                perTool.put(tool, perMetric);
            }
            results.put(db, perTool);
        }
    }

    private static final String USAGE = """
            Usage: benchmarks/side-by-side.sh [options]
              --rounds N            rounds of every selected tool and scenario (default 5)
              --tools LIST          raw,divemap,divemap50,divemapcli,divemapcli-cds,alembic,liquibase,flyway,
                                    raw-recorded,raw-appcds,divemap-appcds,divemap-appcds-c1
                                    (default: all but raw-recorded and the -appcds ones; raw is always run).
                                    raw-recorded: raw JDBC with Divemap's two record statements per revision,
                                    left for the next statement's implicit commit (MariaDB/MySQL only).
                                    divemapcli: java -jar divemap-cli.jar upgrade head; divemapcli-cds: the same
                                    through the divemap launcher, whose archive the warm-up run builds (one
                                    cache per database);
                                    *-appcds: the class path as jars with a dynamic AppCDS archive, built by an
                                    untimed run of each history first (-c1: and -XX:TieredStopAtLevel=1)
              --scenarios LIST      apply1000,apply100,addcolumn,noop,first,slope or all (default: all)
                                    first: start to first SQL, read from the apply runs (apply100 if none chosen)
                                    slope: cost per extra migration, needs apply100 and apply1000
              --databases LIST      mariadb,postgres (default: both)
              --mysql JDBC_URL      default $DIVEMAP_TEST_MYSQL_URL, else jdbc:mysql://127.0.0.1:3306/?user=root&password=
              --postgres JDBC_URL   default $DIVEMAP_TEST_POSTGRES_URL, else jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres
              --python PATH         the Python with Debian's python3-alembic (default /usr/bin/python3)
              --timeout SECONDS     longest a single tool process may take (default 900)
              --keep                keep the generated histories and process logs (their folder is printed)
              --prefix NAME         prefix of the databases the tools run in (default sbs_); give another
                                    when another run may be going on against the same servers
            """;

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            // Bad options: the message says what and lists the choices; no stack trace.
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        String mysql = envOr("DIVEMAP_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/?user=root&password=");
        String postgres = envOr("DIVEMAP_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        int rounds = 5;
        List<Tool> tools = Arrays.stream(Tool.values()).filter(t -> !t.appCds() && t != Tool.RAW_RECORDED).toList();
        Set<History> histories = EnumSet.allOf(History.class);
        boolean noop = true;
        List<Db> dbs = List.of(Db.values());
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        long timeout = 900;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(require(args, ++i));
                case "--tools" -> {
                    List<Tool> chosen = new ArrayList<>(List.of(Tool.RAW));
                    for (String name : require(args, ++i).split(",")) {
                        Tool tool = Tool.parse(name);
                        if (!chosen.contains(tool)) {
                            chosen.add(tool);
                        }
                    }
                    chosen.sort(Comparator.naturalOrder());
                    tools = chosen;
                }
                case "--scenarios" -> {
                    histories = EnumSet.noneOf(History.class);
                    noop = false;
                    boolean first = false;
                    for (String name : require(args, ++i).split(",")) {
                        switch (name.trim().toLowerCase(Locale.ROOT)) {
                            case "all" -> {
                                histories.addAll(EnumSet.allOf(History.class));
                                noop = true;
                            }
                            case "apply1000" -> histories.add(History.APPLY1000);
                            case "apply100" -> histories.add(History.APPLY100);
                            case "addcolumn" -> histories.add(History.ADDCOLUMN);
                            case "noop" -> noop = true;
                            case "first" -> first = true;
                            case "slope" -> histories.addAll(EnumSet.of(History.APPLY100, History.APPLY1000));
                            default -> throw new IllegalArgumentException("unknown scenario \"" + name + "\"\n" + USAGE);
                        }
                    }
                    if (first && !histories.contains(History.APPLY1000)) {
                        histories.add(History.APPLY100);
                    }
                }
                case "--databases" -> dbs = Arrays.stream(require(args, ++i).split(",")).map(name -> switch (
                        name.trim().toLowerCase(Locale.ROOT)) {
                    case "mariadb", "mysql" -> Db.MARIADB;
                    case "postgres", "postgresql" -> Db.POSTGRES;
                    default -> throw new IllegalArgumentException("unknown database \"" + name + "\"\n" + USAGE);
                }).distinct().sorted().toList();
                case "--mysql" -> mysql = require(args, ++i);
                case "--postgres" -> postgres = require(args, ++i);
                case "--python" -> python = require(args, ++i);
                case "--timeout" -> timeout = Long.parseLong(require(args, ++i));
                case "--keep" -> keep = true;
                case "--prefix" -> {
                    databasePrefix = require(args, ++i);
                    if (!databasePrefix.matches("[a-z][a-z0-9_]*")) {
                        throw new IllegalArgumentException("--prefix takes lower-case letters, digits and _");
                    }
                }
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument \"" + args[i] + "\"\n" + USAGE);
            }
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        if (histories.isEmpty() && !noop) {
            throw new IllegalArgumentException("no scenario chosen\n" + USAGE);
        }
        Map<Db, String> urls = new EnumMap<>(Db.class);
        urls.put(Db.MARIADB, mysql);
        urls.put(Db.POSTGRES, postgres);
        Path work = Files.createTempDirectory("divemap-side-by-side-");
        SideBySide bench = new SideBySide(dbs, urls, tools, histories, noop, rounds, python, timeout, keep, work);
        try {
            bench.run();
        } finally {
            if (keep) {
                System.out.println("histories and logs kept in " + work);
            } else {
                delete(work);
            }
        }
    }

    // ---------------------------------------------------------------- the run

    private void run() throws Exception {
        System.out.println("# Side-by-side, whole process, " + rounds + " round(s)");
        System.out.println();
        System.out.printf(Locale.ROOT, "- started %s, load average %s%n", java.time.Instant.now(), loadAverage());
        System.out.printf(Locale.ROOT, "- java %s (%s), %d cores%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors());
        readVersions();
        for (Map.Entry<String, String> version : versions.entrySet()) {
            System.out.println("- " + version.getKey() + ": " + version.getValue());
        }
        System.out.println("- tools: " + tools.stream().map(t -> t.key).collect(Collectors.joining(","))
                + "; histories: " + histories + (noop ? " + NOOP" : ""));
        System.out.println();
        if (tools.contains(Tool.ALEMBIC)) {
            String missing = alembicMissing();
            if (missing != null) {
                for (Db db : dbs) {
                    unavailable.get(db).put(Tool.ALEMBIC, missing);
                }
                System.out.println("Alembic is left out: " + missing);
            }
        }
        if (tools.contains(Tool.RAW_RECORDED) && dbs.contains(Db.POSTGRES)) {
            unavailable.get(Db.POSTGRES).put(Tool.RAW_RECORDED, "MySQL and MariaDB only (on PostgreSQL a revision's"
                    + " record commits in its own transaction)");
        }
        Map<Db, Map<History, Path>> generated = new EnumMap<>(Db.class);
        for (Db db : dbs) {
            Map<History, Path> perHistory = new EnumMap<>(History.class);
            for (History history : historiesToWrite()) {
                long t = System.nanoTime();
                perHistory.put(history, generate(db, history));
                System.out.printf(Locale.ROOT, "generated %s history %s (%d migrations per tool) in %.1f s%n",
                        db.title, history, history.migrations, (System.nanoTime() - t) / 1e9);
            }
            generated.put(db, perHistory);
        }
        // One untimed run of every tool on the smallest history: disk caches, Python's byte code.
        History smallest = historiesToWrite().stream().min(Comparator.comparingInt(h -> h.migrations)).orElseThrow();
        for (Db db : dbs) {
            for (Tool tool : tools) {
                if (!unavailable.get(db).containsKey(tool)) {
                    applyRun(db, tool, smallest, generated.get(db).get(smallest), -1);
                }
            }
        }
        System.out.println("warm-up done");
        for (int round = 0; round < rounds; round++) {
            for (Db db : dbs) {
                for (History history : History.values()) {
                    boolean timed = histories.contains(history);
                    boolean noopHere = history == History.APPLY1000 && noop;
                    if (!timed && !noopHere) {
                        continue;
                    }
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d %s %s:", round + 1,
                            db.name().toLowerCase(Locale.ROOT), timed ? history.name().toLowerCase(Locale.ROOT) : ""));
                    for (int k = 0; k < tools.size(); k++) {
                        Tool tool = tools.get((round + k) % tools.size());
                        if (unavailable.get(db).containsKey(tool)) {
                            continue;
                        }
                        Path dir = generated.get(db).get(history);
                        double ms = applyRun(db, tool, history, dir, timed ? round : -1);
                        if (timed && !Double.isNaN(ms)) {
                            line.append(String.format(Locale.ROOT, " %s %,.0f", tool.key, ms));
                        }
                        if (noopHere && !unavailable.get(db).containsKey(tool)) {
                            double noopMs = noopRun(db, tool, dir, round);
                            if (!Double.isNaN(noopMs)) {
                                line.append(String.format(Locale.ROOT, " (noop %,.0f)", noopMs));
                            }
                        }
                        admin(db, db.drop(tool.database()));
                    }
                    System.out.println(line.append(" ms"));
                }
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "finished %s, load average %s%n", java.time.Instant.now(), loadAverage());
        System.out.println();
        for (Db db : dbs) {
            report(db);
        }
    }

    private Set<History> historiesToWrite() {
        Set<History> write = EnumSet.copyOf(histories.isEmpty() ? EnumSet.of(History.APPLY1000) : histories);
        if (noop) {
            write.add(History.APPLY1000);
        }
        return write;
    }

    /**
     * Applies a history with one tool, as a fresh process into a fresh database; records the time in
     * the round's slot (a negative round: untimed) and returns it in ms, or NaN if the tool failed.
     * The database is left in place for a following no-op run; the caller drops it.
     */
    private double applyRun(Db db, Tool tool, History history, Path dir, int round) throws Exception {
        if (tool.appCds() && !ensureArchive(db, tool, history, dir)) {
            return Double.NaN;
        }
        admin(db, db.recreate(tool.database()));
        List<String> command = command(db, tool, dir, false);
        BigDecimal clockBefore;
        long elapsed;
        try (Connection admin = DriverManager.getConnection(adminUrls.get(db))) {
            clockBefore = serverClock(admin, db);
            Path log = work.resolve("logs").resolve(String.format(Locale.ROOT, "%04d-%s-%s-%s.log", ++runCounter,
                    db.name().toLowerCase(Locale.ROOT), history.name().toLowerCase(Locale.ROOT), tool.key));
            elapsed = spawn(command, log, db, tool);
        }
        if (elapsed < 0) {
            return Double.NaN;
        }
        String problem = verify(db, tool, history);
        if (problem != null) {
            unavailable.get(db).put(tool, problem);
            System.out.println(tool.title + " on " + db.title + " is left out: " + problem);
            return Double.NaN;
        }
        BigDecimal started = firstStatementClock(db, tool, history);
        double ms = elapsed / 1e6;
        if (round >= 0) {
            Map<Metric, double[]> series = results.get(db).get(tool);
            series.get(switch (history) {
                case APPLY1000 -> Metric.APPLY1000;
                case APPLY100 -> Metric.APPLY100;
                case ADDCOLUMN -> Metric.ADDCOLUMN;
            })[round] = ms;
            series.get(switch (history) {
                case APPLY1000 -> Metric.FIRST1000;
                case APPLY100 -> Metric.FIRST100;
                case ADDCOLUMN -> Metric.FIRSTADD;
            })[round] = started.subtract(clockBefore).doubleValue() * 1000;
        }
        return ms;
    }

    /** {@code upgrade head} again, as a fresh process, on the database the apply run left at head. */
    private double noopRun(Db db, Tool tool, Path dir, int round) throws Exception {
        Path log = work.resolve("logs").resolve(String.format(Locale.ROOT, "%04d-%s-noop-%s.log", ++runCounter,
                db.name().toLowerCase(Locale.ROOT), tool.key));
        long elapsed = spawn(command(db, tool, dir, true), log, db, tool);
        if (elapsed < 0) {
            return Double.NaN;
        }
        String problem = verify(db, tool, History.APPLY1000);
        if (problem != null) {
            unavailable.get(db).put(tool, "after its no-op run, " + problem);
            return Double.NaN;
        }
        double ms = elapsed / 1e6;
        results.get(db).get(tool).get(Metric.NOOP)[round] = ms;
        return ms;
    }

    /** Starts the process and waits for it; returns the nanoseconds from start to exit, or -1 if it failed. */
    private long spawn(List<String> command, Path log, Db db, Tool tool) throws Exception {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long start = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        if (!exited) {
            process.destroyForcibly().waitFor();
            fail(db, tool, "it did not finish within " + timeoutSeconds + " s (--timeout)", log);
            return -1;
        }
        if (process.exitValue() != 0) {
            fail(db, tool, "it exited with status " + process.exitValue(), log);
            return -1;
        }
        if (!keepLogs) {
            Files.deleteIfExists(log);
        }
        return elapsed;
    }

    private void fail(Db db, Tool tool, String why, Path log) throws IOException {
        String output = Files.exists(log) ? Files.readString(log) : "";
        String tail = output.length() > 3000 ? "..." + output.substring(output.length() - 3000) : output;
        unavailable.get(db).put(tool, why);
        System.out.println(tool.title + " on " + db.title + " is left out: " + why + "; its output:\n" + tail.strip());
    }

    /** The command line of one tool process. */
    private List<String> command(Db db, Tool tool, Path dir, boolean noopRun) throws IOException {
        String url = url(db, tool.database());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String pkg = SideBySide.class.getPackageName() + ".";
        return switch (tool) {
            // a no-op run has nothing to record: raw-recorded's is the plain JDBC program's one query
            case RAW, RAW_RECORDED -> List.of(java, "-cp", classpath(tool, null),
                    pkg + (tool == Tool.RAW_RECORDED && !noopRun ? "RecordedJdbcRun" : "RawJdbcRun"), url,
                    noopRun ? "--noop" : dir.resolve("statements.sql").toString());
            case RAW_APPCDS, DIVEMAP_APPCDS, DIVEMAP_APPCDS_C1 -> withArchive(tool, dir, archive(tool, dir), url, noopRun,
                    false);
            case DIVEMAP, DIVEMAP50 -> List.of(java, "-cp", classpath(tool, dir.resolve("divemap").resolve("classes")), pkg + "DivemapRun",
                    url, tool == Tool.DIVEMAP50 ? "50" : "0", noopRun ? "noop" : "apply");
            case DIVEMAPCLI -> List.of(java, "-jar", cliJar(), "upgrade", "head", "--classpath",
                    dir.resolve("divemap").resolve("classes").toString(), "--url", url);
            // the launcher as installed: the jar beside it is named by DIVEMAP_JAR, its cache is per database
            case DIVEMAPCLI_CDS -> List.of("env", "DIVEMAP_JAR=" + cliJar(), "JAVA_HOME=" + System.getProperty("java.home"),
                    "DIVEMAP_CDS_DIR=" + work.resolve("cds-" + db.name().toLowerCase(Locale.ROOT)), "sh",
                    cliProperty("divemap.cli.launcher", "migration-cli/src/main/sh/divemap"), "upgrade", "head",
                    "--classpath", dir.resolve("divemap").resolve("classes").toString(), "--url", url);
            case FLYWAY -> List.of(java, "-cp", classpath(tool, null), pkg + "FlywayRun", url,
                    dir.resolve("flyway").toString(), noopRun ? "noop" : "apply");
            case LIQUIBASE -> List.of(java, "-cp", classpath(tool, null), pkg + "LiquibaseRun", url,
                    dir.resolve("liquibase").toString());
            case ALEMBIC -> List.of(python, work.resolve("alembic_run.py").toString(), sqlalchemyUrl(db, tool.database()),
                    dir.resolve("alembic").toString());
        };
    }

    /**
     * The command of an {@link Tool#appCds()} tool: the same main as its plain twin, from jars, with
     * {@code archive} in use, or, when {@code training}, written at exit.
     */
    private List<String> withArchive(Tool tool, Path dir, Path archive, String url, boolean noopRun, boolean training)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String pkg = SideBySide.class.getPackageName() + ".";
        List<String> command = new ArrayList<>(List.of(java));
        // -Xshare:on: a timed run whose archive cannot be used fails instead of running without it
        command.addAll(training ? List.of("-XX:ArchiveClassesAtExit=" + archive)
                : List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive));
        if (tool == Tool.DIVEMAP_APPCDS_C1) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        boolean raw = tool == Tool.RAW_APPCDS;
        command.addAll(List.of("-cp", jarClasspath(raw ? Tool.RAW : Tool.DIVEMAP, raw ? null : dir.resolve("divemap"))));
        if (raw) {
            command.addAll(List.of(pkg + "RawJdbcRun", url, noopRun ? "--noop" : dir.resolve("statements.sql").toString()));
        } else {
            command.addAll(List.of(pkg + "DivemapRun", url, "0", noopRun ? "noop" : "apply"));
        }
        return command;
    }

    /** Where the archive of an {@link Tool#appCds()} tool for this history is kept. */
    private static Path archive(Tool tool, Path dir) {
        return dir.resolve(tool.key + ".jsa");
    }

    /**
     * Builds the archive of an {@link Tool#appCds()} tool for this history, if it is missing, with
     * one untimed apply run into a fresh database; false if that run failed.
     */
    private boolean ensureArchive(Db db, Tool tool, History history, Path dir) throws Exception {
        Path archive = archive(tool, dir);
        if (Files.exists(archive)) {
            return true;
        }
        admin(db, db.recreate(tool.database()));
        Path log = work.resolve("logs").resolve(String.format(Locale.ROOT, "%04d-%s-%s-%s-archive.log", ++runCounter,
                db.name().toLowerCase(Locale.ROOT), history.name().toLowerCase(Locale.ROOT), tool.key));
        long elapsed = spawn(withArchive(tool, dir, archive, url(db, tool.database()), false, true), log, db, tool);
        if (elapsed >= 0 && !Files.exists(archive)) {
            fail(db, tool, "its training run wrote no archive", log);
            return false;
        }
        return elapsed >= 0;
    }

    /**
     * The class path of {@code tool} as jars only (an archive cannot hold classes from folders): its
     * jars, and each folder (the benchmark's classes; {@code historyDir}'s compiled migrations) packed
     * into a jar once.
     */
    private String jarClasspath(Tool tool, Path historyDir) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : classpath(tool, historyDir == null ? null : historyDir.resolve("classes"))
                .split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
                continue;
            }
            Path jar = path.equals(historyDir == null ? null : historyDir.resolve("classes"))
                    ? historyDir.resolve("history.jar")
                    : work.resolve("jars").resolve("folder" + Integer.toHexString(path.toString().hashCode()) + ".jar");
            if (!Files.exists(jar)) {
                Files.createDirectories(jar.getParent());
                java.util.spi.ToolProvider jarTool = java.util.spi.ToolProvider.findFirst("jar")
                        .orElseThrow(() -> new IllegalStateException("this JDK has no jar tool"));
                int status = jarTool.run(System.out, System.err, "--create", "--file", jar.toString(), "-C",
                        path.toString(), ".");
                if (status != 0) {
                    throw new IllegalStateException("jar failed (" + status + ") for " + path);
                }
            }
            entries.add(jar.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String cliJar() {
        return cliProperty("divemap.cli.jar", "migration-cli/target/divemap-cli.jar");
    }

    /** A file of the command line that side-by-side.sh names with a system property (a copy of it). */
    private static String cliProperty(String property, String fallback) {
        Path path = Path.of(System.getProperty(property, fallback)).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: build migration-cli (side-by-side.sh does) or leave"
                    + " divemapcli and divemapcli-cds out of --tools");
        }
        return path.toString();
    }

    /**
     * Each tool's process gets its own jars only (and the drivers), so that no tool pays for another
     * tool's jars when it scans its class path for services.
     */
    private String classpath(Tool tool, Path extra) {
        List<String> prefixes = new ArrayList<>(List.of("mysql-connector-j-", "protobuf-java-", "postgresql-",
                "checker-qual-"));
        switch (tool) {
            case DIVEMAP, DIVEMAP50 -> prefixes.addAll(List.of("migration-api-", "migration-runtime-", "HikariCP-",
                    "slf4j-api-"));
            case FLYWAY -> prefixes.add("flyway-");
            case LIQUIBASE -> prefixes.addAll(List.of("liquibase-core-", "opencsv-", "snakeyaml-", "jaxb-api-",
                    "commons-"));
            default -> { }
        }
        List<String> entries = new ArrayList<>();
        for (String entry : fullClasspath) {
            String name = Path.of(entry).getFileName().toString();
            if (Files.isDirectory(Path.of(entry)) || prefixes.stream().anyMatch(name::startsWith)) {
                entries.add(entry);
            }
        }
        if (extra != null) {
            entries.add(extra.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    // ---------------------------------------------------------------- the histories

    /** Writes one history for every tool under work/DB/HISTORY/ and returns that folder. */
    private Path generate(Db db, History history) throws Exception {
        Path dir = work.resolve(db.name().toLowerCase(Locale.ROOT)).resolve(history.name().toLowerCase(Locale.ROOT));
        Files.createDirectories(dir);
        List<String> statements = history.statements(db);
        Files.write(dir.resolve("statements.sql"), statements, StandardCharsets.UTF_8);
        if (tools.stream().anyMatch(t -> t.api() || t.cli())) {
            writeDivemap(dir.resolve("divemap"), statements);
        }
        if (tools.contains(Tool.FLYWAY)) {
            Path flyway = Files.createDirectories(dir.resolve("flyway"));
            for (int i = 0; i < statements.size(); i++) {
                Files.writeString(flyway.resolve(String.format(Locale.ROOT, "V%d__m%04d.sql", i + 1, i + 1)),
                        statements.get(i) + ";\n");
            }
        }
        if (tools.contains(Tool.LIQUIBASE)) {
            StringBuilder xml = new StringBuilder("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                            http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    """);
            for (int i = 0; i < statements.size(); i++) {
                xml.append(String.format(Locale.ROOT, "  <changeSet id=\"m%04d\" author=\"bench\">\n    <sql>", i + 1))
                        .append(statements.get(i)).append("</sql>\n  </changeSet>\n");
            }
            xml.append("</databaseChangeLog>\n");
            Files.writeString(Files.createDirectories(dir.resolve("liquibase")).resolve("changelog.xml"), xml);
        }
        if (tools.contains(Tool.ALEMBIC) && !unavailable.get(db).containsKey(Tool.ALEMBIC)) {
            writeAlembic(dir.resolve("alembic"), statements);
        }
        return dir;
    }

    /** One {@code @Revision} class per statement, a straight line, compiled with the processor. */
    private static void writeDivemap(Path dir, List<String> statements) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src").resolve("bench/sbs"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            String name = String.format(Locale.ROOT, "M%04d", i + 1);
            String revision = String.format(Locale.ROOT, "@Revision(id = \"m%04d\"%s, message = \"migration %d\")", i + 1,
                    i == 0 ? "" : String.format(Locale.ROOT, ", revises = \"m%04d\"", i), i + 1);
            String source = "package bench.sbs;\n\n"
                    + "import org.divemap.migrations.Migration;\n"
                    + "import org.divemap.migrations.Operations;\n"
                    + "import org.divemap.migrations.Revision;\n\n"
                    + revision + "\n"
                    + "public final class " + name + " implements Migration {\n"
                    + "    @Override\n"
                    + "    public void upgrade(Operations op) {\n"
                    + "        op.execute(\"" + statements.get(i) + "\");\n"
                    + "    }\n\n"
                    + "    @Override\n"
                    + "    public void downgrade(Operations op) {\n"
                    + "        op.execute(\"" + History.inverse(statements.get(i)) + "\");\n"
                    + "    }\n"
                    + "}\n";
            Path file = sources.resolve(name + ".java");
            Files.writeString(file, source);
            files.add(file.toString());
        }
        Path out = Files.createDirectories(dir.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                "-d", out.toString(), "-implicit:none", "-processor",
                "org.divemap.migrations.processor.RevisionProcessor"));
        arguments.addAll(files);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        if (ToolProvider.getSystemJavaCompiler().run(null, log, log, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("javac failed on the generated Divemap history:\n" + log);
        }
        delete(dir.resolve("src"));
    }

    /** {@code env.py} and {@code versions/r0001.py} ..., one {@code op.execute} each, byte-compiled. */
    private void writeAlembic(Path dir, List<String> statements) throws Exception {
        Path versions = Files.createDirectories(dir.resolve("versions"));
        Files.writeString(dir.resolve("env.py"), resource("sidebyside/alembic_env.py"));
        for (int i = 0; i < statements.size(); i++) {
            String id = String.format(Locale.ROOT, "r%04d", i + 1);
            String source = "\"\"\"migration " + (i + 1) + "\"\"\"\n"
                    + "from alembic import op\n\n"
                    + "revision = \"" + id + "\"\n"
                    + "down_revision = " + (i == 0 ? "None" : String.format(Locale.ROOT, "\"r%04d\"", i)) + "\n"
                    + "branch_labels = None\n"
                    + "depends_on = None\n\n\n"
                    + "def upgrade():\n"
                    + "    op.execute(\"" + statements.get(i) + "\")\n\n\n"
                    + "def downgrade():\n"
                    + "    op.execute(\"" + History.inverse(statements.get(i)) + "\")\n";
            Files.writeString(versions.resolve(id + "_migration.py"), source);
        }
        // What a deployed history has: byte code next to the sources, written once.
        Process compile = new ProcessBuilder(python, "-m", "compileall", "-q", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (compile.waitFor() != 0) {
            throw new IllegalStateException("python3 -m compileall failed on the Alembic history:\n" + output);
        }
    }

    // ---------------------------------------------------------------- checks and clocks

    /** Null when the database holds what the history creates, else what is wrong. */
    private String verify(Db db, Tool tool, History history) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(db, tool.database())); Statement s = c.createStatement()) {
            if (history == History.ADDCOLUMN) {
                int columns = count(s, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = "
                        + db.schema + " AND table_name = 't_wide'");
                return columns == history.migrations ? null
                        : "t_wide has " + columns + " columns, not " + history.migrations;
            }
            int tables = count(s, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = " + db.schema
                    + " AND table_name LIKE 't\\_%'");
            return tables == history.migrations ? null
                    : "it created " + tables + " of the " + history.migrations + " tables";
        }
    }

    private BigDecimal firstStatementClock(Db db, Tool tool, History history) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(db, tool.database())); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT started FROM " + history.clockTable())) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    private static BigDecimal serverClock(Connection admin, Db db) throws SQLException {
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT " + db.clock)) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    private static int count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void admin(Db db, String... sql) throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrls.get(db)); Statement s = admin.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /** Null when Debian's Alembic and both drivers import, else how to install them. */
    private String alembicMissing() throws Exception {
        try {
            Process check = new ProcessBuilder(python, "-c",
                    "import alembic, sqlalchemy, pymysql, psycopg2; print(alembic.__version__, sqlalchemy.__version__)")
                    .redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (check.waitFor() == 0) {
                String[] parts = output.split(" ");
                versions.put("Alembic", parts[0] + " (SQLAlchemy " + parts[1] + ", " + python + ")");
                Files.writeString(work.resolve("alembic_run.py"), resource("sidebyside/alembic_run.py"));
                return null;
            }
            return python + " cannot import Alembic and its drivers (" + output.lines().reduce((a, b) -> b).orElse("")
                    + "); install them with: apt-get install -y " + ALEMBIC_PACKAGES;
        } catch (IOException e) {
            return "cannot run " + python + " (" + e.getMessage() + "); install Python and: apt-get install -y "
                    + ALEMBIC_PACKAGES;
        }
    }

    private void readVersions() {
        List<String> drivers = new ArrayList<>();
        for (Db db : dbs) {
            try (Connection c = DriverManager.getConnection(adminUrls.get(db))) {
                versions.put(db.title + " server", c.getMetaData().getDatabaseProductName() + " "
                        + c.getMetaData().getDatabaseProductVersion());
                drivers.add(c.getMetaData().getDriverName() + " " + c.getMetaData().getDriverVersion());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot connect to " + db.title + " at " + redact(adminUrls.get(db))
                        + ": " + e.getMessage() + ". Start the server, give its URL with --"
                        + (db == Db.MARIADB ? "mysql" : "postgres") + ", or leave it out with --databases.", e);
            }
        }
        versions.put("Flyway", resource("org/flywaydb/core/internal/version.txt").strip());
        versions.put("Liquibase", liquibaseVersion());
        versions.put("JDBC drivers (every Java tool)", String.join(", ", drivers));
    }

    private static String liquibaseVersion() {
        try {
            return String.valueOf(Class.forName("liquibase.util.LiquibaseUtil").getMethod("getBuildVersion").invoke(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            return "?";
        }
    }

    private static String resource(String name) {
        try (InputStream in = SideBySide.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path; run benchmarks/side-by-side.sh,"
                        + " which builds the benchmarks module first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- URLs

    private String url(Db db, String database) {
        return url(adminUrls.get(db), database);
    }

    /** The JDBC URL of another database on the server of {@code admin}, with the same parameters. */
    static String url(String admin, String database) {
        int q = admin.indexOf('?');
        String query = q < 0 ? "" : admin.substring(q);
        String server = q < 0 ? admin : admin.substring(0, q);
        int hostStart = server.indexOf("//") + 2;
        int path = server.indexOf('/', hostStart);
        return (path < 0 ? server : server.substring(0, path)) + "/" + database + query;
    }

    /** The SQLAlchemy URL of the same server and credentials: mysql+pymysql:// or postgresql+psycopg2://. */
    private String sqlalchemyUrl(Db db, String database) {
        return sqlalchemyUrl(db, adminUrls.get(db), database);
    }

    static String sqlalchemyUrl(Db db, String adminUrl, String database) {
        URI uri = URI.create(adminUrl.substring("jdbc:".length()));
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                query.put(eq < 0 ? pair : pair.substring(0, eq),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String user = query.getOrDefault("user", db == Db.POSTGRES ? "postgres" : "root");
        String password = query.getOrDefault("password", "");
        String credentials = URLEncoder.encode(user, StandardCharsets.UTF_8)
                + (password.isEmpty() ? "" : ":" + URLEncoder.encode(password, StandardCharsets.UTF_8));
        int port = uri.getPort() > 0 ? uri.getPort() : (db == Db.POSTGRES ? 5432 : 3306);
        return (db == Db.POSTGRES ? "postgresql+psycopg2://" : "mysql+pymysql://") + credentials + "@" + uri.getHost()
                + ":" + port + "/" + database;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    // ---------------------------------------------------------------- the report

    private void report(Db db) {
        Map<Tool, Map<Metric, double[]>> r = results.get(db);
        List<Tool> shown = tools.stream().filter(t -> t != Tool.RAW).toList();
        System.out.println("## " + db.title + " (" + versions.get(db.title + " server") + "), " + rounds + " round(s)");
        System.out.println();
        StringBuilder header = new StringBuilder("| scenario | raw JDBC |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (Tool tool : shown) {
            header.append(' ').append(title(tool)).append(" |");
            rule.append("---:|");
        }
        System.out.println(header);
        System.out.println(rule);
        ratioRow(r, shown, Metric.APPLY1000, History.APPLY1000.title);
        ratioRow(r, shown, Metric.APPLY100, History.APPLY100.title);
        ratioRow(r, shown, Metric.ADDCOLUMN, History.ADDCOLUMN.title);
        ratioRow(r, shown, Metric.NOOP, "no-op `upgrade head`, 1,000 applied");
        msRow(r, shown, Metric.FIRST1000, "start → first SQL (ms), 1,000-migration history");
        msRow(r, shown, Metric.FIRST100, "start → first SQL (ms), 100-migration history");
        slopeRow(r, shown);
        System.out.println();
        System.out.println("Ratios: the median over the rounds of the tool's time divided by raw JDBC's in the same"
                + " round; the raw JDBC column gives its median time. Not run or failed: -.");
        for (Map.Entry<Tool, String> out : unavailable.get(db).entrySet()) {
            System.out.println("- " + out.getKey().title + " left out: " + out.getValue());
        }
        System.out.println();
        System.out.println("Per round (ms; ratio to raw JDBC of the same round):");
        System.out.println();
        for (Metric metric : Metric.values()) {
            if (Arrays.stream(r.get(Tool.RAW).get(metric)).allMatch(Double::isNaN)
                    && tools.stream().allMatch(t -> Arrays.stream(r.get(t).get(metric)).allMatch(Double::isNaN))) {
                continue;
            }
            for (Tool tool : tools) {
                double[] values = r.get(tool).get(metric);
                if (Arrays.stream(values).allMatch(Double::isNaN)) {
                    continue;
                }
                double[] raw = r.get(Tool.RAW).get(metric);
                boolean ratio = metric.ordinal() <= Metric.NOOP.ordinal() && tool != Tool.RAW;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "- %s, %s:", metric.name().toLowerCase(
                        Locale.ROOT), tool.title));
                for (int i = 0; i < values.length; i++) {
                    line.append(i == 0 ? " " : ", ").append(Double.isNaN(values[i]) ? "-"
                            : String.format(Locale.ROOT, "%,.0f", values[i]));
                    if (ratio && !Double.isNaN(values[i]) && !Double.isNaN(raw[i])) {
                        line.append(String.format(Locale.ROOT, " (%.2f×)", values[i] / raw[i]));
                    }
                }
                System.out.println(line);
            }
        }
        System.out.println();
    }

    private String title(Tool tool) {
        return switch (tool) {
            case ALEMBIC -> ("Alembic " + versions.getOrDefault("Alembic", "").split(" ")[0]).strip();
            case LIQUIBASE -> "Liquibase " + versions.get("Liquibase");
            case FLYWAY -> "Flyway " + versions.get("Flyway");
            case DIVEMAP50 -> "Divemap `recordEvery(50)`";
            default -> tool.title;
        };
    }

    private void ratioRow(Map<Tool, Map<Metric, double[]>> r, List<Tool> shown, Metric metric, String title) {
        double[] raw = r.get(Tool.RAW).get(metric);
        if (Arrays.stream(raw).allMatch(Double::isNaN)) {
            return;
        }
        StringBuilder row = new StringBuilder("| " + title + " | " + String.format(Locale.ROOT, "%,.0f ms", median(raw))
                + " |");
        for (Tool tool : shown) {
            double[] values = r.get(tool).get(metric);
            double[] ratios = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                ratios[i] = values[i] / raw[i];
            }
            double m = median(ratios);
            row.append(' ').append(Double.isNaN(m) ? "-" : String.format(Locale.ROOT, "%.2f×", m)).append(" |");
        }
        System.out.println(row);
    }

    private void msRow(Map<Tool, Map<Metric, double[]>> r, List<Tool> shown, Metric metric, String title) {
        double[] raw = r.get(Tool.RAW).get(metric);
        if (Arrays.stream(raw).allMatch(Double::isNaN)) {
            return;
        }
        StringBuilder row = new StringBuilder("| " + title + " | " + format(median(raw)) + " |");
        for (Tool tool : shown) {
            row.append(' ').append(format(median(r.get(tool).get(metric)))).append(" |");
        }
        System.out.println(row);
    }

    /** Cost per extra migration: (time for 1,000 - time for 100) / 900, per round, then the median. */
    private void slopeRow(Map<Tool, Map<Metric, double[]>> r, List<Tool> shown) {
        if (!histories.contains(History.APPLY100) || !histories.contains(History.APPLY1000)) {
            return;
        }
        StringBuilder row = new StringBuilder("| cost per extra migration (ms), (1,000 − 100) / 900 |");
        for (Tool tool : Stream.concat(Stream.of(Tool.RAW), shown.stream()).toList()) {
            double[] big = r.get(tool).get(Metric.APPLY1000);
            double[] small = r.get(tool).get(Metric.APPLY100);
            double[] slopes = new double[big.length];
            for (int i = 0; i < big.length; i++) {
                slopes[i] = (big[i] - small[i]) / (History.APPLY1000.migrations - History.APPLY100.migrations);
            }
            double m = median(slopes);
            row.append(' ').append(Double.isNaN(m) ? "-" : String.format(Locale.ROOT, "%.2f", m)).append(" |");
        }
        System.out.println(row);
    }

    private static String format(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%,.0f", ms);
    }

    /** The median of the values that were measured; NaN if none was. */
    static double median(double[] values) {
        double[] measured = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (measured.length == 0) {
            return Double.NaN;
        }
        int n = measured.length;
        return n % 2 == 1 ? measured[n / 2] : (measured[n / 2 - 1] + measured[n / 2]) / 2;
    }

    // ---------------------------------------------------------------- small things

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String require(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
