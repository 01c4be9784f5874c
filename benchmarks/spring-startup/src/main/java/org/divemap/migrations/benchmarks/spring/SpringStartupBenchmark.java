package org.divemap.migrations.benchmarks.spring;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

        System.out.println("migrating the database to head: " + start(full, app));
        for (int i = 0; i < 3; i++) {
            start(full, app);
            start(without, app);
        }
        List<Long> with = new ArrayList<>();
        List<Long> plain = new ArrayList<>();
        List<Long> beans = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            // alternate, so that a change in the machine's load falls on both
            long[] run = measure(full, app);
            with.add(run[0]);
            beans.add(run[1]);
            plain.add(start(without, app));
        }
        long medianWith = median(with);
        long medianWithout = median(plain);
        System.out.printf("runs: %d each (after 3 warm-up runs each); %s%n", runs, url.replaceAll("password=[^&;]*", "password=****"));
        System.out.printf("without the starter: median %d ms (min %d, max %d)%n", medianWithout,
                plain.stream().mapToLong(Long::longValue).min().orElseThrow(),
                plain.stream().mapToLong(Long::longValue).max().orElseThrow());
        System.out.printf("with the starter:    median %d ms (min %d, max %d)%n", medianWith,
                with.stream().mapToLong(Long::longValue).min().orElseThrow(),
                with.stream().mapToLong(Long::longValue).max().orElseThrow());
        System.out.printf("the starter adds:    %+d ms (median of each)%n", medianWith - medianWithout);
        System.out.printf("the starter's beans (Divemap and the initializer's upgrade check), from Spring's start-up"
                + " steps: median %d ms (min %d, max %d)%n", median(beans),
                beans.stream().mapToLong(Long::longValue).min().orElseThrow(),
                beans.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    private static long start(String classPath, List<String> arguments) throws IOException, InterruptedException {
        return measure(classPath, arguments)[0];
    }

    /** Start-up milliseconds, and the milliseconds spent creating the starter's beans. */
    private static long[] measure(String classPath, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, StartupApp.class.getName()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        String line = output.lines().filter(l -> l.startsWith("startup-ms ")).findFirst().orElse(null);
        String beans = output.lines().filter(l -> l.startsWith("divemap-beans-ms ")).findFirst().orElse("x 0");
        if (exit != 0 || line == null) {
            throw new IllegalStateException("the application did not start (exit " + exit + "):\n" + output);
        }
        return new long[] {Long.parseLong(line.split(" ")[1]), Long.parseLong(beans.split(" ")[1])};
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private SpringStartupBenchmark() {}

}
