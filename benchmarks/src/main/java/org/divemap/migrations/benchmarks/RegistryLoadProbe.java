package org.divemap.migrations.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.RevisionRegistry;

/**
 * Start-up cost of a generated registry in a fresh JVM: finds it with {@link ServiceLoader} over a
 * folder of compiled migrations and lists its revisions, as {@code Divemap.load()} does first.
 * Prints wall and CPU time in microseconds. Run it many times, alternating two registries (two
 * processor versions compiling the same history), and compare medians.
 *
 * <pre>
 * java -cp migration-api.jar:benchmarks/target/classes \
 *     org.divemap.migrations.benchmarks.RegistryLoadProbe CLASSES_DIR EXPECTED_COUNT
 * </pre>
 */
public final class RegistryLoadProbe {

    private RegistryLoadProbe() {}

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[0]).toUri().toURL()},
                RegistryLoadProbe.class.getClassLoader())) {
            RevisionRegistry registry = ServiceLoader.load(RevisionRegistry.class, loader).findFirst().orElseThrow();
            List<RegisteredRevision> revisions = registry.revisions();
            long wall = System.nanoTime() - start;
            long used = threads.getCurrentThreadCpuTime() - cpu;
            if (revisions.size() != Integer.parseInt(args[1])) {
                throw new IllegalStateException("expected " + args[1] + " revisions, found " + revisions.size());
            }
            System.out.println(wall / 1000 + " " + used / 1000);
        }
    }
}
