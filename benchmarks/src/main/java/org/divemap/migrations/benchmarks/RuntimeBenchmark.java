package org.divemap.migrations.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.tools.ToolProvider;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.MigrationResult;
import org.divemap.migrations.runtime.graph.Plan;
import org.divemap.migrations.runtime.graph.RevisionMap;

/**
 * Runtime speed: (1) a no-op {@code upgrade head} over 1,000 applied revisions, in process once
 * connected; (2) the whole process (JVM start to exit) against a plain JDBC program that connects
 * through {@code DriverManager} and runs one query, on H2, MariaDB and PostgreSQL; (3) resolving targets and planning paths on 100,000 revisions.
 *
 * <pre>
 * java -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
 *     org.divemap.migrations.benchmarks.RuntimeBenchmark [--mysql URL] [--runs N]
 * </pre>
 */
public final class RuntimeBenchmark {

    private RuntimeBenchmark() {}

    public static void main(String[] args) throws Exception {
        String mysql = System.getenv().getOrDefault("DIVEMAP_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/?user=root&password=");
        String postgres = System.getenv().getOrDefault("DIVEMAP_TEST_POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        int runs = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mysql" -> mysql = args[++i];
                case "--postgres" -> postgres = args[++i];
                case "--no-postgres" -> postgres = null;
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        graph();
        Path work = Files.createTempDirectory("divemap-runtime-bench-");
        try {
            Path classes = compileHistory(work, 1_000);
            Path h2 = work.resolve("h2");
            database("H2 (file)", "jdbc:h2:file:" + h2.resolve("bench") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "", classes, runs);
            String server = mysql.substring(0, mysql.indexOf('?') < 0 ? mysql.length() : mysql.indexOf('?'));
            String query = mysql.indexOf('?') < 0 ? "" : mysql.substring(mysql.indexOf('?'));
            String base = server.endsWith("/") ? server : server + "/";
            try (Connection admin = DriverManager.getConnection(mysql); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS divemap_bench");
                s.execute("CREATE DATABASE divemap_bench");
            }
            database("MariaDB", base + "divemap_bench" + query, null, null, classes, runs);
            try (Connection admin = DriverManager.getConnection(mysql); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE divemap_bench");
            }
            if (postgres != null) {
                String pgServer = postgres.substring(0, postgres.indexOf('?') < 0 ? postgres.length()
                        : postgres.indexOf('?'));
                String pgQuery = postgres.indexOf('?') < 0 ? "" : postgres.substring(postgres.indexOf('?'));
                String pgBase = pgServer.substring(0, pgServer.indexOf('/', pgServer.indexOf("//") + 2) + 1);
                try (Connection admin = DriverManager.getConnection(postgres); Statement s = admin.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS divemap_bench");
                    s.execute("CREATE DATABASE divemap_bench");
                }
                database("PostgreSQL", pgBase + "divemap_bench" + pgQuery, null, null, classes, runs);
                try (Connection admin = DriverManager.getConnection(postgres); Statement s = admin.createStatement()) {
                    s.execute("DROP DATABASE divemap_bench");
                }
            }
        } finally {
            ProcessorOverhead.delete(work);
        }
    }

    /** Compiles N generated migrations with the processor; returns the class folder. */
    private static Path compileHistory(Path work, int n) throws IOException {
        List<String> sources = ProcessorOverhead.writeHistory(work.resolve("src"), n, true);
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        List<String> arguments = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                "-d", classes.toString(), "-processor", "org.divemap.migrations.processor.RevisionProcessor"));
        arguments.addAll(sources);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        if (ToolProvider.getSystemJavaCompiler().run(null, log, log, arguments.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("javac failed:\n" + log);
        }
        return classes;
    }

    private static void database(String name, String url, String user, String password, Path classes, int runs)
            throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                RuntimeBenchmark.class.getClassLoader());
                Divemap divemap = Divemap.configure().classLoader(loader).dataSource(url, user, password).load()) {
            long start = System.nanoTime();
            MigrationResult first = divemap.upgrade("head");
            double apply = (System.nanoTime() - start) / 1e6;
            long[] noop = new long[Math.max(20, runs)];
            for (int i = 0; i < noop.length; i++) {
                long t = System.nanoTime();
                if (!divemap.upgrade("head").nothingToDo()) {
                    throw new IllegalStateException("not at head");
                }
                noop[i] = System.nanoTime() - t;
            }
            System.out.printf(Locale.ROOT, "%s: upgrade head from empty, %d revisions (one CREATE TABLE each): %.0f ms%n",
                    name, first.steps().size(), apply);
            System.out.printf(Locale.ROOT, "%s: no-op upgrade head over %d applied revisions, in process: median %.1f ms"
                    + " (min %.1f, max %.1f, %d runs)%n", name, first.steps().size(), median(noop) / 1e6,
                    Arrays.stream(noop).min().orElseThrow() / 1e6, Arrays.stream(noop).max().orElseThrow() / 1e6,
                    noop.length);
        }
        String classpath = System.getProperty("java.class.path");
        String[] credentials = {url, user == null ? "" : user, password == null ? "" : password};
        long[] plain = new long[runs];
        long[] divemap = new long[runs];
        process(classpath, PlainJdbcMain.class, credentials); // warm the file cache
        process(classpath + java.io.File.pathSeparator + classes, NoopUpgradeMain.class, credentials);
        if (user == null) { // the URL carries the user: count the no-op run's JDBC calls once, untimed
            System.out.printf(Locale.ROOT, "%s: the JDBC calls of a no-op upgrade head in a fresh process:%n%s", name,
                    output(classpath + java.io.File.pathSeparator + classes, NoopUpgradeMain.class, url, "", "",
                            "--count"));
        }
        for (int i = 0; i < runs; i++) {
            plain[i] = process(classpath, PlainJdbcMain.class, credentials);
            divemap[i] = process(classpath + java.io.File.pathSeparator + classes, NoopUpgradeMain.class, credentials);
        }
        double p = median(plain) / 1e6;
        double d = median(divemap) / 1e6;
        System.out.printf(Locale.ROOT, "%s: whole process, median of %d: plain JDBC %.0f ms, no-op upgrade head %.0f ms"
                + " (%.2fx)%n", name, runs, p, d, d / p);
    }

    private static String output(String classpath, Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " failed:\n" + output);
        }
        return output;
    }

    private static long process(String classpath, Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " failed:\n" + output);
        }
        return System.nanoTime() - start;
    }

    /** Target resolution and path planning on a 100,000-revision history, without a database. */
    private static void graph() {
        int n = 100_000;
        List<RegisteredRevision> revisions = new ArrayList<>(n);
        Supplier<Migration> factory = Noop::new;
        String head = null;
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "r%06d", i);
            revisions.add(new RegisteredRevision(id, head == null ? List.of() : List.of(head), List.of(), List.of(), "",
                    Noop.class.getName(), null, factory));
            head = id;
        }
        for (int round = 0; round < 3; round++) { // the last round is reported
            long t0 = System.nanoTime();
            RevisionMap map = RevisionMap.of(revisions);
            long t1 = System.nanoTime();
            Plan up = map.upgrade(List.of(), "head");
            long t2 = System.nanoTime();
            Plan relative = map.upgrade(List.of("r050000"), "+1000");
            long t3 = System.nanoTime();
            Plan down = map.downgrade(List.of(head), "r000100");
            long t4 = System.nanoTime();
            List<String> prefix = map.resolve("r099999");
            long t5 = System.nanoTime();
            if (round == 2) {
                System.out.printf(Locale.ROOT, "graph of %,d revisions: load and check %.0f ms; plan upgrade base->head"
                        + " (%,d steps) %.0f ms; plan +1000 from the middle %.0f ms; plan downgrade to r000100 (%,d steps)"
                        + " %.0f ms; resolve an id (%d match) %.0f ms%n", n, (t1 - t0) / 1e6, up.steps().size(),
                        (t2 - t1) / 1e6, (t3 - t2) / 1e6, down.steps().size(), (t4 - t3) / 1e6, prefix.size(),
                        (t5 - t4) / 1e6);
                if (relative.steps().size() != 1000) {
                    throw new IllegalStateException("+1000 planned " + relative.steps().size());
                }
            }
        }
    }

    /** A migration that does nothing. */
    public static final class Noop implements Migration {
        @Override
        public void upgrade(Operations op) {}

        @Override
        public void downgrade(Operations op) {}
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }
}
