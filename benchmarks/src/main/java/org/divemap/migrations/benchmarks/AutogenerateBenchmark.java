package org.divemap.migrations.benchmarks;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.divemap.migrations.autogenerate.Autogenerate;
import org.divemap.migrations.autogenerate.EntityModel;
import org.divemap.migrations.autogenerate.EntityModelCheck;
import org.divemap.migrations.autogenerate.GeneratedRevision;
import org.divemap.migrations.processor.RevisionProcessor;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.Divemap;

/**
 * Autogenerate on a 60-entity model against a MariaDB/MySQL database at head, in process: the
 * first migration is generated from an empty database and applied, then autogenerate (Hibernate's
 * metamodel, the schema read, the comparison: "no changes detected") and {@code check} are timed.
 * With {@code --other-tables N}, another database on the same server holds N tables meanwhile (each
 * with a unique key and a check), as on a server shared by many applications: the catalog queries
 * must not grow with them.
 *
 * <pre>
 * java -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
 *     org.divemap.migrations.benchmarks.AutogenerateBenchmark [--mysql URL] [--entities 60] [--runs 10]
 *     [--other-tables 0]
 * </pre>
 */
public final class AutogenerateBenchmark {

    private AutogenerateBenchmark() {}

    public static void main(String[] args) throws Exception {
        String mysql = System.getenv().getOrDefault("DIVEMAP_TEST_MYSQL_URL",
                "jdbc:mysql://127.0.0.1:3306/?user=root&password=");
        int entities = 60;
        int runs = 10;
        int otherTables = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mysql" -> mysql = args[++i];
                case "--entities" -> entities = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--other-tables" -> otherTables = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("divemap-autogenerate-bench");
        String name = "divemap_bench_ag_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x1000_0000);
        int q = mysql.indexOf('?');
        String server = q < 0 ? mysql : mysql.substring(0, q);
        String url = server.substring(0, server.indexOf('/', "jdbc:mysql://".length()) + 1) + name
                + (q < 0 ? "" : mysql.substring(q));
        String others = name + "_others";
        try (Connection admin = DriverManager.getConnection(mysql); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            if (otherTables > 0) {
                long start = System.nanoTime();
                s.execute("CREATE DATABASE " + others);
                for (int t = 1; t <= otherTables; t++) {
                    s.execute("CREATE TABLE " + others + ".t" + t + " (id INT PRIMARY KEY, u INT, CONSTRAINT uq_" + t
                            + " UNIQUE (u), CONSTRAINT ck_" + t + " CHECK (u > 0))");
                }
                System.out.printf(Locale.ROOT, "another database on the server holds %d tables (created in %d ms)%n",
                        otherTables, (System.nanoTime() - start) / 1_000_000);
            }
        }
        try {
            Path sources = work.resolve("src");
            writeModel(sources, entities);
            Path classes = compile(sources, work.resolve("classes0"));
            ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    AutogenerateBenchmark.class.getClassLoader());
            EntityModel model = EntityModel.of(loader).classRoots(List.of(classes));
            GeneratedRevision first;
            try (Divemap divemap = Divemap.configure().dataSource(url, null, null).classLoader(loader)
                    .registries(List::of).load()) {
                first = Autogenerate.of(model).revision(divemap, Autogenerate.RevisionRequest.of("create the model")
                        .packageName("bench.migrations")).orElseThrow();
            }
            first.write(sources);
            classes = compile(sources, work.resolve("classes1"));
            loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, AutogenerateBenchmark.class.getClassLoader());
            model = EntityModel.of(loader).classRoots(List.of(classes));
            Configuration configuration = Divemap.configure().dataSource(url, null, null).classLoader(loader)
                    .modelComparison(new EntityModelCheck(model));
            try (Divemap divemap = configuration.load()) {
                long start = System.nanoTime();
                divemap.upgrade("heads");
                System.out.printf(Locale.ROOT, "%d entities: %d tables created by the first revision (%d changes) in %d ms%n",
                        entities, first.changes().stream().filter(c -> c.startsWith("op.createTable")).count(),
                        first.changes().size(), (System.nanoTime() - start) / 1_000_000);
                long[] generate = new long[runs];
                long[] check = new long[runs];
                for (int run = 0; run < runs; run++) {
                    start = System.nanoTime();
                    Optional<GeneratedRevision> none = Autogenerate.of(model).revision(divemap,
                            Autogenerate.RevisionRequest.of("nothing"));
                    generate[run] = System.nanoTime() - start;
                    if (none.isPresent()) {
                        throw new IllegalStateException("changes detected at head: " + none.get().changes());
                    }
                    start = System.nanoTime();
                    CheckResult result = divemap.check();
                    check[run] = System.nanoTime() - start;
                    if (!result.ok()) {
                        throw new IllegalStateException("check failed at head: " + result);
                    }
                }
                report("autogenerate at head (no changes detected)", generate);
                report("check with the entity comparison", check);
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(mysql); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
                s.execute("DROP DATABASE IF EXISTS " + others);
            }
        }
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: first %d ms, median %d ms, max %d ms (%d runs)%n", what,
                nanos[0] / 1_000_000, sorted[sorted.length / 2] / 1_000_000, sorted[sorted.length - 1] / 1_000_000,
                nanos.length);
    }

    /** {@code n} entities: varied columns, a many-to-one to the previous entity, an index and a unique key each. */
    private static void writeModel(Path sources, int n) throws IOException {
        Path dir = Files.createDirectories(sources.resolve("bench/model"));
        for (int i = 1; i <= n; i++) {
            String type = String.format(Locale.ROOT, "Entity%02d", i);
            String table = String.format(Locale.ROOT, "entity_%02d", i);
            String parent = i > 1 ? String.format(Locale.ROOT, """
                        @ManyToOne
                        private Entity%02d parent;
                    """, i - 1) : "";
            Files.writeString(dir.resolve(type + ".java"), """
                    package bench.model;

                    import jakarta.persistence.*;
                    import java.math.BigDecimal;
                    import java.time.LocalDate;
                    import java.time.LocalDateTime;

                    @Entity
                    @Table(name = "%s", indexes = @Index(columnList = "created_at"),
                            uniqueConstraints = @UniqueConstraint(columnNames = {"code", "region"}))
                    public class %s {
                        @Id
                        @GeneratedValue(strategy = GenerationType.IDENTITY)
                        private Long id;

                        @Column(length = 40, nullable = false)
                        private String code;

                        @Column(length = 100)
                        private String region;

                        @Column(length = 200)
                        private String title;

                        @Column(precision = 10, scale = 2)
                        private BigDecimal amount;

                        private Integer quantity;

                        private boolean active;

                        private LocalDate validFrom;

                        private LocalDateTime createdAt;

                        @Version
                        private int version;
                    %s}
                    """.formatted(table, type, parent), StandardCharsets.UTF_8);
        }
    }

    private static Path compile(Path sources, Path classes) throws IOException {
        Files.createDirectories(classes);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(sources)) {
            walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager manager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(out, manager, null, List.of("-d", classes.toString(),
                    "-classpath", System.getProperty("java.class.path"), "--release", "17"), null,
                    manager.getJavaFileObjectsFromPaths(files));
            task.setProcessors(List.of(new RevisionProcessor()));
            if (!task.call()) {
                throw new IllegalStateException("the model does not compile:\n" + out);
            }
        }
        return classes;
    }

}
