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
 * (a main line, a side line merged back every 50 revisions, an open labeled line every 500), each
 * creating a table and an index as real migrations do ({@code --minimal}: one execute call), then
 * compiles it in-process with {@code -proc:none} and with the processor, alternating, and reports the
 * median of each.
 *
 * <pre>
 * java -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
 *     org.divemap.migrations.benchmarks.ProcessorOverhead [--rounds R] [--minimal] N...
 * </pre>
 */
public final class ProcessorOverhead {

    private static final String PROCESSOR = "org.divemap.migrations.processor.RevisionProcessor";

    private ProcessorOverhead() {}

    public static void main(String[] args) throws IOException {
        int rounds = 5;
        boolean minimal = false;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else if (args[i].equals("--minimal")) {
                minimal = true;
            } else {
                sizes.add(Integer.parseInt(args[i]));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000, 10_000);
        }
        System.out.printf(Locale.ROOT, "java %s, %d cores, %d rounds per mode, %s migrations%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), rounds,
                minimal ? "minimal (one execute call)" : "realistic (createTable + createIndex)");
        System.out.printf(Locale.ROOT, "%8s %12s %18s %10s %18s %10s%n", "N", "javac (ms)", "+one-file (ms)",
                "floor", "+divemap (ms)", "overhead");
        for (int n : sizes) {
            measure(n, rounds, minimal);
        }
    }

    private static void measure(int n, int rounds, boolean minimal) throws IOException {
        Path work = Files.createTempDirectory("divemap-bench-" + n + "-");
        try {
            List<String> sources = writeHistory(work.resolve("src"), n, minimal);
            long[][] times = new long[Mode.values().length][rounds];
            for (Mode mode : Mode.values()) {
                compile(work, sources, mode); // warm-up
            }
            for (int r = 0; r < rounds; r++) {
                for (Mode mode : Mode.values()) {
                    times[mode.ordinal()][r] = compile(work, sources, mode);
                }
            }
            double plain = median(times[Mode.PLAIN.ordinal()]) / 1e6;
            double floor = median(times[Mode.ONE_FILE.ordinal()]) / 1e6;
            double divemap = median(times[Mode.DIVEMAP.ordinal()]) / 1e6;
            System.out.printf(Locale.ROOT, "%8d %12.0f %18.0f %9.1f%% %18.0f %9.1f%%%n", n, plain, floor,
                    100 * (floor - plain) / plain, divemap, 100 * (divemap - plain) / plain);
        } finally {
            delete(work);
        }
    }

    /** What javac runs: no processor, the floor (one generated file), or ours. */
    private enum Mode {
        PLAIN,
        ONE_FILE,
        DIVEMAP
    }

    private static long compile(Path work, List<String> sources, Mode mode) throws IOException {
        Path out = work.resolve("out-" + mode.name().toLowerCase(Locale.ROOT));
        delete(out);
        Files.createDirectories(out);
        List<String> arguments = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                "-d", out.toString(), "-s", out.toString(), "-nowarn", "-implicit:none"));
        switch (mode) {
            case PLAIN -> arguments.add("-proc:none");
            case ONE_FILE -> arguments.addAll(List.of("-processor", OneFileProcessor.class.getName()));
            case DIVEMAP -> arguments.addAll(List.of("-processor", PROCESSOR));
        }
        arguments.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.gc(); // start every run with the previous run's garbage collected, whichever mode it was
        long start = System.nanoTime();
        int exit = javac.run(null, log, log, arguments.toArray(String[]::new));
        long elapsed = System.nanoTime() - start;
        if (exit != 0) {
            throw new IllegalStateException("javac failed (" + exit + "):\n" + log);
        }
        if (mode == Mode.DIVEMAP && !Files.exists(out.resolve("bench/migrations/DivemapRevisionRegistry.class"))) {
            throw new IllegalStateException("the processor did not generate the registry");
        }
        return elapsed;
    }

    /** Writes N migrations and returns their paths. */
    static List<String> writeHistory(Path root, int n, boolean minimal) throws IOException {
        Path pkg = root.resolve("bench/migrations");
        Files.createDirectories(pkg);
        List<String> files = new ArrayList<>(n);
        String head = null;
        int next = 0;
        int written = 0;
        while (written < n) {
            String id = id(next++);
            if (head == null) {
                files.add(write(pkg, id, List.of(), null, minimal));
            } else if (written % 500 == 499) {
                files.add(write(pkg, id, List.of(head), "line" + written, minimal));
                written++;
                continue;
            } else if (written % 50 == 48 && written + 3 <= n) {
                String side = id(next++);
                String merge = id(next++);
                files.add(write(pkg, id, List.of(head), null, minimal));
                files.add(write(pkg, side, List.of(head), null, minimal));
                files.add(write(pkg, merge, List.of(id, side), null, minimal));
                written += 3;
                head = merge;
                continue;
            } else {
                files.add(write(pkg, id, List.of(head), null, minimal));
            }
            written++;
            head = id;
        }
        return files;
    }

    private static String id(int n) {
        return String.format(Locale.ROOT, "%04d_change_%d", n, n);
    }

    private static String write(Path pkg, String id, List<String> revises, String label, boolean minimal)
            throws IOException {
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
        String upgrade = minimal
                ? "        op.execute(\"CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(100))\");\n"
                : "        op.createTable(\"" + table + "\",\n"
                        + "                Column.of(\"id\", Type.bigint()).autoIncrement().primaryKey(),\n"
                        + "                Column.of(\"name\", Type.varchar(100)),\n"
                        + "                Column.of(\"country\", Type.varchar(100)).nullable(),\n"
                        + "                Column.of(\"created_at\", Type.timestamp())"
                        + ".defaultValue(DefaultValue.currentTimestamp()));\n"
                        + "        op.createIndex(\"" + table + "\", Index.on(\"country\"));\n";
        String downgrade = minimal
                ? "        op.execute(\"DROP TABLE " + table + "\");\n"
                : "        op.dropIndex(\"" + table + "\", Index.on(\"country\"));\n"
                        + "        op.dropTable(\"" + table + "\");\n";
        String source = "package bench.migrations;\n\n"
                + (minimal ? "" : "import org.divemap.migrations.Column;\n"
                        + "import org.divemap.migrations.DefaultValue;\n"
                        + "import org.divemap.migrations.Index;\n")
                + "import org.divemap.migrations.Migration;\n"
                + "import org.divemap.migrations.Operations;\n"
                + "import org.divemap.migrations.Revision;\n"
                + (minimal ? "" : "import org.divemap.migrations.Type;\n")
                + "\n"
                + revision + "\n"
                + "public final class " + name + " implements Migration {\n"
                + "    @Override\n"
                + "    public void upgrade(Operations op) {\n"
                + upgrade
                + "    }\n\n"
                + "    @Override\n"
                + "    public void downgrade(Operations op) {\n"
                + downgrade
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

    static void delete(Path path) throws IOException {
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
