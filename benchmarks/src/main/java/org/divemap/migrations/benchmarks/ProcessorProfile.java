package org.divemap.migrations.benchmarks;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Where the revision processor's compile time goes, in CPU time of the compiling thread, which a
 * loaded machine disturbs far less than wall-clock time: javac alone, the one-file floor, and our
 * processor, with the time spent in {@code process()} and javac's parse, attribute-and-lower and
 * class-writing time for the generated registry. {@code --compare JARS} adds a second build of the
 * processor (its jar and migration-api's, loaded apart), to compare two versions in one run.
 *
 * <pre>
 * java -cp "$(cat benchmarks/target/benchmark.classpath):benchmarks/target/classes" \
 *     org.divemap.migrations.benchmarks.ProcessorProfile [--rounds R] [--minimal] [--compare JARS] N
 * </pre>
 */
public final class ProcessorProfile {

    private static final String PROCESSOR = "org.divemap.migrations.processor.RevisionProcessor";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ProcessorProfile() {}

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        boolean minimal = false;
        String compare = null;
        int n = 10_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--minimal" -> minimal = true;
                case "--compare" -> compare = args[++i];
                default -> n = Integer.parseInt(args[i]);
            }
        }
        Map<String, ClassLoader> processors = new LinkedHashMap<>();
        processors.put("divemap", ProcessorProfile.class.getClassLoader());
        if (compare != null) {
            List<URL> urls = new ArrayList<>();
            for (String jar : compare.split(":")) {
                urls.add(Path.of(jar).toUri().toURL());
            }
            processors.put("compared", new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()));
        }
        List<String> modes = new ArrayList<>(List.of("javac", "one-file"));
        modes.addAll(processors.keySet());
        System.out.printf(Locale.ROOT, "java %s, %d cores, N = %d %s migrations, %d rounds after a warm-up round%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), n,
                minimal ? "minimal" : "realistic", rounds);
        Path work = Files.createTempDirectory("divemap-profile-" + n + "-");
        Map<String, List<long[]>> results = new LinkedHashMap<>();
        try {
            List<String> sources = ProcessorOverhead.writeHistory(work.resolve("src"), n, minimal);
            for (int r = 0; r <= rounds; r++) {
                for (String mode : modes) {
                    long[] run = compile(work, sources, mode, processors.get(mode));
                    if (r > 0) {
                        results.computeIfAbsent(mode, k -> new ArrayList<>()).add(run);
                    }
                }
            }
        } finally {
            ProcessorOverhead.delete(work);
        }
        System.out.printf(Locale.ROOT, "%-9s %9s %9s %12s %12s %12s %12s%n", "mode", "wall (ms)", "cpu (ms)",
                "process()", "reg. parse", "reg. attr.", "reg. write");
        for (Map.Entry<String, List<long[]>> mode : results.entrySet()) {
            System.out.printf(Locale.ROOT, "%-9s %9d %9d %12d %12d %12d %12d%n", mode.getKey(),
                    median(mode.getValue(), 0), median(mode.getValue(), 1), median(mode.getValue(), 2),
                    median(mode.getValue(), 3), median(mode.getValue(), 4), median(mode.getValue(), 5));
        }
        System.out.println("medians; cpu = CPU time of the compiling thread; reg. = javac's work on the generated file");
    }

    /** One javac run: wall, cpu, process(), and parse, analyze, generate of the generated file (ms). */
    private static long[] compile(Path work, List<String> sources, String mode, ClassLoader loader) throws Exception {
        Path out = work.resolve("out-" + mode);
        ProcessorOverhead.delete(out);
        Files.createDirectories(out);
        List<String> options = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                "-d", out.toString(), "-s", out.toString(), "-nowarn", "-implicit:none"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager files = javac.getStandardFileManager(null, null, null);
        long[] inProcess = new long[1];
        if (mode.equals("javac")) {
            options.add("-proc:none");
        }
        JavacTask task = (JavacTask) javac.getTask(null, files, null, options, null,
                files.getJavaFileObjectsFromStrings(sources));
        if (!mode.equals("javac")) {
            Processor processor = mode.equals("one-file") ? new OneFileProcessor()
                    : (Processor) loader.loadClass(PROCESSOR).getConstructor().newInstance();
            task.setProcessors(List.of(new Timed(processor, inProcess)));
        }
        Map<TaskEvent.Kind, Long> started = new EnumMap<>(TaskEvent.Kind.class);
        Map<TaskEvent.Kind, Long> generated = new EnumMap<>(TaskEvent.Kind.class);
        task.addTaskListener(new TaskListener() {
            @Override
            public void started(TaskEvent e) {
                started.put(e.getKind(), cpu());
            }

            @Override
            public void finished(TaskEvent e) {
                if (e.getSourceFile() != null && e.getSourceFile().getName().contains("DivemapRevisionRegistry")) {
                    generated.merge(e.getKind(), cpu() - started.getOrDefault(e.getKind(), cpu()), Long::sum);
                }
            }
        });
        System.gc();
        long wall = System.nanoTime();
        long cpu = cpu();
        if (!task.call()) {
            throw new IllegalStateException("javac failed in mode " + mode);
        }
        long[] run = {(System.nanoTime() - wall) / 1_000_000, (cpu() - cpu) / 1_000_000, inProcess[0] / 1_000_000,
                generated.getOrDefault(TaskEvent.Kind.PARSE, 0L) / 1_000_000,
                generated.getOrDefault(TaskEvent.Kind.ANALYZE, 0L) / 1_000_000,
                generated.getOrDefault(TaskEvent.Kind.GENERATE, 0L) / 1_000_000};
        System.out.printf(Locale.ROOT, "  %-9s wall %6d cpu %6d process %5d registry %4d %4d %4d%n", mode, run[0], run[1],
                run[2], run[3], run[4], run[5]);
        return run;
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static long median(List<long[]> runs, int column) {
        long[] values = runs.stream().mapToLong(r -> r[column]).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    /** Adds the CPU time spent in {@code process()} to a counter. */
    private record Timed(Processor processor, long[] counter) implements Processor {
        @Override
        public Set<String> getSupportedOptions() {
            return processor.getSupportedOptions();
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return processor.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return processor.getSupportedSourceVersion();
        }

        @Override
        public void init(ProcessingEnvironment environment) {
            processor.init(environment);
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            long start = cpu();
            try {
                return processor.process(annotations, round);
            } finally {
                counter[0] += cpu() - start;
            }
        }

        @Override
        public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
                ExecutableElement member, String userText) {
            return processor.getCompletions(element, annotation, member, userText);
        }
    }
}
