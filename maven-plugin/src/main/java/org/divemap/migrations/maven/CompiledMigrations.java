package org.divemap.migrations.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's migrations as its sources declare them, beside what its output folder holds: which
 * source files carry {@code @Revision}, and which of them have no compiled class or one older than the
 * source. The goals read the registry that the compile left in {@code target/classes}; when the last
 * compile failed (a graph error stops the annotation processor) or has not run since a migration
 * changed, that registry is missing or out of date, and these texts say so instead of blaming the
 * processor. Read from files only, so it is tested without Maven.
 *
 * @param root the project's base folder, to print paths relative to it
 * @param classes the output folder, {@code target/classes}
 * @param sources the source files that declare a revision, sorted
 * @param neverCompiled those of them that have no class in {@code classes}
 * @param changed those of them whose class is older than the source
 * @param registry whether {@code classes} holds the registry's service file
 */
record CompiledMigrations(Path root, Path classes, List<Path> sources, List<Path> neverCompiled, List<Path> changed,
        boolean registry) {

    /** The service file the annotation processor writes beside the registry it generates. */
    static final String SERVICE_FILE = "META-INF/services/org.divemap.migrations.RevisionRegistry";

    private static final Pattern REVISION = Pattern.compile("@(?:org\\.divemap\\.migrations\\.)?Revision\\s*\\(");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final int NAMED = 3;

    CompiledMigrations {
        sources = List.copyOf(sources);
        neverCompiled = List.copyOf(neverCompiled);
        changed = List.copyOf(changed);
    }

    /** Reads the source roots that exist and the output folder. */
    static CompiledMigrations inspect(Path root, List<Path> sourceRoots, Path classes) {
        List<Path> sources = new ArrayList<>();
        List<Path> neverCompiled = new ArrayList<>();
        List<Path> changed = new ArrayList<>();
        for (Path sourceRoot : sourceRoots) {
            if (!Files.isDirectory(sourceRoot)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sourceRoot)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    // read byte for byte: what is looked for is ASCII, and a project may use any source encoding
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    if (!REVISION.matcher(text).find()) {
                        continue;
                    }
                    sources.add(file);
                    Matcher pkg = PACKAGE.matcher(text);
                    String name = file.getFileName().toString().replaceFirst("\\.java$", ".class");
                    Path compiled = pkg.find() ? classes.resolve(pkg.group(1).replace('.', '/')).resolve(name)
                            : classes.resolve(name);
                    if (!Files.isRegularFile(compiled)) {
                        neverCompiled.add(file);
                    } else if (modified(compiled).compareTo(modified(file)) < 0) {
                        changed.add(file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the sources under " + sourceRoot + ": "
                        + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw new UncheckedIOException("Could not read the sources under " + sourceRoot + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
        return new CompiledMigrations(root, classes, sources, neverCompiled, changed,
                Files.isRegularFile(classes.resolve(SERVICE_FILE)));
    }

    private static FileTime modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file);
    }

    /**
     * Why the class path has no registry, for a goal that needs one, when the sources tell: the
     * migrations were not compiled (the compile failed or did not run), or were compiled without
     * the processor, or there are none. {@code goal} is the goal's name, such as {@code merge}.
     */
    String noRegistry(String goal) {
        if (!upToDate()) {
            return notCompiledText(goal);
        }
        if (!sources.isEmpty()) {
            return "No revision registry found: " + relative(classes) + " holds the compiled migrations ("
                    + names(sources) + ") but no " + SERVICE_FILE + ", so migration-processor did not run when"
                    + " they were compiled (javac 23 and later no longer run a processor that is only on the class"
                    + " path). Add it to maven-compiler-plugin's <annotationProcessorPaths> (see"
                    + " docs/getting-started.md), then run mvn clean compile divemap:" + goal + ".";
        }
        return "No revision registry found: no source file of this project declares a @Revision, and its class path"
                + " holds no compiled registry. Run the goal in the module that holds the migrations, or write a"
                + " first one with mvn divemap:revision -Ddivemap.message=\"...\".";
    }

    /**
     * Why the registry on the class path may not be the sources' graph: migrations changed after the
     * last compile that succeeded. Null when every migration's class is up to date.
     */
    String outOfDate(String goal) {
        return upToDate() ? null : notCompiledText(goal);
    }

    private boolean upToDate() {
        return neverCompiled.isEmpty() && changed.isEmpty();
    }

    private String notCompiledText(String goal) {
        List<String> parts = new ArrayList<>();
        if (!neverCompiled.isEmpty()) {
            parts.add(files(neverCompiled) + (neverCompiled.size() == 1 ? " has" : " have") + " no compiled class");
        }
        if (!changed.isEmpty()) {
            parts.add(files(changed) + " changed after " + (changed.size() == 1 ? "it was" : "they were")
                    + " last compiled");
        }
        return "The compiled revision registry is " + (registry ? "out of date" : "missing") + ": "
                + String.join("; ", parts) + " (in " + relative(classes) + "). The last mvn compile failed, or has"
                + " not run since (the goals read the compiled registry; they do not compile). Run mvn compile and"
                + " fix what it reports: two heads on one line of history fail it with [Divemap/BranchConflict],"
                + " whose message gives the merge revision to paste. Then run mvn compile divemap:" + goal + ".";
    }

    private String files(List<Path> files) {
        return files.size() == 1 ? relative(files.get(0)) : files.size() + " migrations (" + names(files) + ")";
    }

    private String names(List<Path> files) {
        List<String> names = files.stream().limit(NAMED).map(f -> f.getFileName().toString()).toList();
        return String.join(", ", names) + (files.size() > NAMED ? " and " + (files.size() - NAMED) + " more" : "");
    }

    private String relative(Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }
}
