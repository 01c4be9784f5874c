package org.divemap.migrations.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * How much the revision processor adds to javac: generates a history of N annotated migrations
 * (a main line, a side line merged back every 50 revisions, an open labeled line every 500), then
 * compiles it in-process with {@code -proc:none} and with the processor, alternating, and reports the
 * median of each.
 *
 * <pre>
 * java -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
 *     org.divemap.migrations.benchmarks.ProcessorOverhead [--rounds R] N...
 * </pre>
 */
public final class ProcessorOverhead {

    private static final String PROCESSOR = "org.divemap.migrations.processor.RevisionProcessor";

    private ProcessorOverhead() {}

    public static void main(String[] args) throws IOException {
        int rounds = 5;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                sizes.add(Integer.parseInt(args[i]));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000, 10_000);
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores, %d rounds per mode%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), rounds);
        System.out.printf(Locale.ROOT, "%8s %16s %16s %10s%n", "N", "javac (ms)", "+processor (ms)", "overhead");
        for (int n : sizes) {
            measure(n, rounds);
        }
    }

    private static void measure(int n, int rounds) throws IOException {
        Path work = Files.createTempDirectory("divemap-bench-" + n + "-");
        try {
            List<String> sources = writeHistory(work.resolve("src"), n);
            long[] plain = new long[rounds];
            long[] processed = new long[rounds];
            compile(work, sources, false); // warm-up, both modes
            compile(work, sources, true);
            for (int r = 0; r < rounds; r++) {
                plain[r] = compile(work, sources, false);
                processed[r] = compile(work, sources, true);
            }
            double without = median(plain) / 1e6;
            double with = median(processed) / 1e6;
            System.out.printf(Locale.ROOT, "%8d %16.0f %16.0f %9.1f%%%n", n, without, with, 100 * (with - without) / without);
        } finally {
            delete(work);
        }
    }

    private static long compile(Path work, List<String> sources, boolean withProcessor) throws IOException {
        Path out = work.resolve(withProcessor ? "out-processor" : "out-plain");
        delete(out);
        Files.createDirectories(out);
        List<String> arguments = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                "-d", out.toString(), "-s", out.toString(), "-nowarn", "-implicit:none"));
        if (withProcessor) {
            arguments.addAll(List.of("-processor", PROCESSOR));
        } else {
            arguments.add("-proc:none");
        }
        arguments.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int exit = javac.run(null, log, log, arguments.toArray(String[]::new));
        long elapsed = System.nanoTime() - start;
        if (exit != 0) {
            throw new IllegalStateException("javac failed (" + exit + "):\n" + log);
        }
        if (withProcessor && !Files.exists(out.resolve("bench/migrations/DivemapRevisionRegistry.class"))) {
            throw new IllegalStateException("the processor did not generate the registry");
        }
        return elapsed;
    }

    /** Writes N migrations and returns their paths. */
    static List<String> writeHistory(Path root, int n) throws IOException {
        Path pkg = root.resolve("bench/migrations");
        Files.createDirectories(pkg);
        List<String> files = new ArrayList<>(n);
        String head = null;
        int next = 0;
        int written = 0;
        while (written < n) {
            String id = id(next++);
            if (head == null) {
                files.add(write(pkg, id, List.of(), null));
            } else if (written % 500 == 499) {
                files.add(write(pkg, id, List.of(head), "line" + written));
                written++;
                continue;
            } else if (written % 50 == 48 && written + 3 <= n) {
                String side = id(next++);
                String merge = id(next++);
                files.add(write(pkg, id, List.of(head), null));
                files.add(write(pkg, side, List.of(head), null));
                files.add(write(pkg, merge, List.of(id, side), null));
                written += 3;
                head = merge;
                continue;
            } else {
                files.add(write(pkg, id, List.of(head), null));
            }
            written++;
            head = id;
        }
        return files;
    }

    private static String id(int n) {
        return String.format(Locale.ROOT, "%04d_change_%d", n, n);
    }

    private static String write(Path pkg, String id, List<String> revises, String label) throws IOException {
        String name = "Migration" + id.substring(0, id.indexOf('_'));
        StringBuilder revision = new StringBuilder("@Revision(id = \"" + id + "\"");
        if (!revises.isEmpty()) {
            revision.append(", revises = {\"").append(String.join("\", \"", revises)).append("\"}");
        }
        if (label != null) {
            revision.append(", branchLabels = \"").append(label).append("\"");
        }
        revision.append(", message = \"Change ").append(id).append("\")");
        String table = "table_" + id.substring(0, id.indexOf('_'));
        String source = "package bench.migrations;\n\n"
                + "import org.divemap.migrations.Migration;\n"
                + "import org.divemap.migrations.Operations;\n"
                + "import org.divemap.migrations.Revision;\n\n"
                + revision + "\n"
                + "public final class " + name + " implements Migration {\n"
                + "    @Override\n"
                + "    public void upgrade(Operations op) {\n"
                + "        op.execute(\"CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(100))\");\n"
                + "    }\n\n"
                + "    @Override\n"
                + "    public void downgrade(Operations op) {\n"
                + "        op.execute(\"DROP TABLE " + table + "\");\n"
                + "    }\n"
                + "}\n";
        Path file = pkg.resolve(name + ".java");
        Files.writeString(file, source);
        return file.toString();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
