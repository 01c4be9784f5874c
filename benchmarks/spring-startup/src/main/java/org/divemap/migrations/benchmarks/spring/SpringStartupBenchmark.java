package org.divemap.migrations.benchmarks.spring;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What divemap-spring-boot-starter adds to a Spring Boot application's start-up when the database is
 * already at head: {@link StartupApp} is started in fresh JVMs, alternately with the starter on its
 * class path and without it (the same application, the same database), and the medians of
 * {@code startup-ms} compared.
 *
 * <p>Usage: {@code benchmarks/spring-startup.sh [--runs N] [--url JDBC_URL --user U --password P]};
 * by default an H2 file database under {@code target/}, 21 runs of each after 3 warm-up runs.
 */
public final class SpringStartupBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = 21;
        String url = "jdbc:h2:file:" + Path.of("benchmarks/spring-startup/target/startup-db/db").toAbsolutePath()
                + ";DATABASE_TO_LOWER=TRUE";
        String user = "sa";
        String password = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--url" -> url = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --runs N, --url JDBC_URL, --user U, --password P");
            }
        }
        String full = System.getProperty("java.class.path");
        String without = Arrays.stream(full.split(File.pathSeparator))
                .filter(entry -> !entry.contains("divemap-spring-boot-starter"))
                .collect(Collectors.joining(File.pathSeparator));
        if (without.equals(full)) {
            throw new IllegalStateException("the starter is not on the class path: " + full);
        }
        List<String> app = List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password);

        System.out.println("migrating the database to head: " + measure(full, app).get("startup-ms") + " ms");
        for (int i = 0; i < 3; i++) {
            start(full, app);
            start(without, app);
        }
        Map<String, List<Long>> with = new LinkedHashMap<>();
        Map<String, List<Long>> plain = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            // alternate, so that a change in the machine's load falls on both
            measure(full, app).forEach((key, value) -> with.computeIfAbsent(key, k -> new ArrayList<>()).add(value));
            measure(without, app).forEach((key, value) -> plain.computeIfAbsent(key, k -> new ArrayList<>()).add(value));
        }
        System.out.printf("runs: %d each (after 3 warm-up runs each); %s%n", runs, url.replaceAll("password=[^&;]*", "password=****"));
        System.out.printf("without the starter: median %s%n", summary(plain.get("startup-ms"), "ms"));
        System.out.printf("with the starter:    median %s%n", summary(with.get("startup-ms"), "ms"));
        System.out.printf("the starter adds:    %+d ms (median of each)%n",
                median(with.get("startup-ms")) - median(plain.get("startup-ms")));
        System.out.printf("CPU time until the context is refreshed, main thread: without %s; with %s; %+d ms%n",
                summary(plain.get("startup-main-cpu-ms"), "ms"), summary(with.get("startup-main-cpu-ms"), "ms"),
                median(with.get("startup-main-cpu-ms")) - median(plain.get("startup-main-cpu-ms")));
        System.out.printf("CPU time until the context is refreshed, whole JVM: without %s; with %s; %+d ms%n",
                summary(plain.get("startup-process-cpu-ms"), "ms"), summary(with.get("startup-process-cpu-ms"), "ms"),
                median(with.get("startup-process-cpu-ms")) - median(plain.get("startup-process-cpu-ms")));
        System.out.printf("classes loaded until the context is refreshed: without %s; with %s; %+d%n",
                summary(plain.get("startup-classes"), ""), summary(with.get("startup-classes"), ""),
                median(with.get("startup-classes")) - median(plain.get("startup-classes")));
        System.out.printf("the starter's beans (Divemap and the initializer's upgrade check), from Spring's start-up"
                + " steps: median %s%n", summary(with.get("divemap-beans-ms"), "ms"));
        System.out.printf("  CPU time of the thread creating them: median %s; classes loaded meanwhile: median %s%n",
                summary(with.get("divemap-beans-cpu-ms"), "ms"), summary(with.get("divemap-beans-classes"), ""));
        System.out.printf("  without creating the DataSource and its connections (the first one starts the pool and"
                + " opens the database, which JPA does without the starter): median %s; CPU time: median %s; classes: median %s%n",
                summary(with.get("divemap-beans-own-ms"), "ms"), summary(with.get("divemap-beans-own-cpu-ms"), "ms"),
                summary(with.get("divemap-beans-own-classes"), ""));
    }

    private static String summary(List<Long> values, String unit) {
        String suffix = unit.isEmpty() ? "" : " " + unit;
        return median(values) + suffix + " (min " + values.stream().mapToLong(Long::longValue).min().orElseThrow()
                + ", max " + values.stream().mapToLong(Long::longValue).max().orElseThrow() + ")";
    }

    private static void start(String classPath, List<String> arguments) throws IOException, InterruptedException {
        measure(classPath, arguments);
    }

    /**
     * The figures one start prints as {@code key value} lines: start-up milliseconds, CPU time and
     * classes until the context is refreshed and, with the starter, the milliseconds spent creating
     * its beans, the CPU milliseconds of the thread creating them, and the classes loaded meanwhile.
     */
    private static Map<String, Long> measure(String classPath, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, StartupApp.class.getName()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Map<String, Long> figures = new LinkedHashMap<>();
        output.lines().filter(l -> l.startsWith("startup-") || l.startsWith("divemap-beans-")).forEach(l -> {
            String[] parts = l.split(" ");
            figures.put(parts[0], Long.parseLong(parts[1]));
        });
        if (exit != 0 || !figures.containsKey("startup-ms")) {
            throw new IllegalStateException("the application did not start (exit " + exit + "):\n" + output);
        }
        return figures;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private SpringStartupBenchmark() {}

}
