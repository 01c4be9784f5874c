package org.divemap.migrations.benchmarks.spring;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * Spring's buffering start-up steps, plus what the timeline does not show: the CPU time of the
 * thread that creates the starter's beans ({@code divemap*}) and the classes the JVM loaded meanwhile,
 * each bean counted once (a bean created inside another one's creation is part of it).
 */
final class CountingStartup implements ApplicationStartup {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

    private final BufferingApplicationStartup buffering;
    /** Finished divemap bean steps, outermost only: {start cpu, end cpu, start classes, end classes, start seq}. */
    private final List<long[]> divemap = new ArrayList<>();
    private long sequence;
    /** Divemap bean steps open now. */
    private int openDivemapSteps;
    /** Steps of the application's other beans (the DataSource...) open now inside the starter's beans. */
    private int openForeignSteps;
    /**
     * Inside the starter's beans, spent creating the application's other beans (the DataSource, which the
     * starter's bean needs first) and in the application's DataSource handing out connections.
     */
    private long connectionNanos;
    private long connectionCpuNanos;
    private long connectionClasses;
    /** {@code -Ddivemap.benchmark.trace=true}: a line on standard output as each step starts and ends, to line up with {@code -Xlog:class+load}. */
    private final boolean trace = Boolean.getBoolean("divemap.benchmark.trace");

    CountingStartup(BufferingApplicationStartup buffering) {
        this.buffering = buffering;
    }

    BufferingApplicationStartup buffering() {
        return buffering;
    }

    /** Whether a bean named divemap* is being created on this thread. */
    boolean insideDivemap() {
        return openDivemapSteps > 0;
    }

    /**
     * Runs {@code open} (the application's DataSource handing out a connection) and, inside the
     * starter's beans, counts its time, CPU time and classes apart: the first connection starts the pool
     * and opens the database, which the application without the starter does a moment later for JPA.
     */
    <T> T connection(java.util.concurrent.Callable<T> open) throws java.sql.SQLException {
        boolean counted = insideDivemap() && openForeignSteps == 0;
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long classes = CLASSES.getTotalLoadedClassCount();
        if (trace) {
            System.out.println("@@connection " + counted + " cpu=" + cpu / 1000);
        }
        try {
            return open.call();
        } catch (java.sql.SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (trace) {
                System.out.println("@@connected cpu=" + THREADS.getCurrentThreadCpuTime() / 1000);
            }
            if (counted) {
                connectionNanos += System.nanoTime() - wall;
                connectionCpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
                connectionClasses += CLASSES.getTotalLoadedClassCount() - classes;
            }
        }
    }

    /**
     * Of the starter's beans' figures, what went to creating the application's other beans and to its
     * DataSource handing out connections: {nanos, cpu nanos, classes}.
     */
    long[] connections() {
        return new long[] {connectionNanos, connectionCpuNanos, connectionClasses};
    }

    /** CPU nanoseconds of the creating thread inside the starter's beans. */
    long divemapCpuNanos() {
        return divemap.stream().mapToLong(d -> d[1] - d[0]).sum();
    }

    /** Classes loaded (by any thread) while the starter's beans were created. */
    long divemapClasses() {
        return divemap.stream().mapToLong(d -> d[3] - d[2]).sum();
    }

    @Override
    public StartupStep start(String name) {
        if (trace) {
            System.out.println("@@start " + sequence + " " + name + " cpu=" + THREADS.getCurrentThreadCpuTime() / 1000);
        }
        return new Counted(buffering.start(name), THREADS.getCurrentThreadCpuTime(),
                CLASSES.getTotalLoadedClassCount(), sequence++);
    }

    private final class Counted implements StartupStep {
        private final StartupStep step;
        private final long cpu;
        private final long classes;
        private final long seq;

        Counted(StartupStep step, long cpu, long classes, long seq) {
            this.step = step;
            this.cpu = cpu;
            this.classes = classes;
            this.seq = seq;
        }

        @Override public String getName() { return step.getName(); }
        @Override public long getId() { return step.getId(); }
        @Override public Long getParentId() { return step.getParentId(); }
        private boolean divemapBean;
        private boolean foreignBean;
        private long foreignWall;

        @Override
        public StartupStep tag(String key, String value) {
            step.tag(key, value);
            if (key.equals("beanName") && value.startsWith("divemap") && !divemapBean) {
                divemapBean = true; // Spring tags the step as it starts it, before the bean is created
                openDivemapSteps++;
            } else if (key.equals("beanName") && !value.toLowerCase(java.util.Locale.ROOT).contains("divemap")
                    && insideDivemap() && openForeignSteps == 0 && !foreignBean) {
                // a bean of the application's own that the starter's bean asked for first, the DataSource: created
                // anyway without the starter
                foreignBean = true;
                openForeignSteps++;
                foreignWall = System.nanoTime();
            }
            return this;
        }

        @Override public StartupStep tag(String key, Supplier<String> value) { step.tag(key, value); return this; }
        @Override public Tags getTags() { return step.getTags(); }

        @Override
        public void end() {
            long endCpu = THREADS.getCurrentThreadCpuTime();
            long endClasses = CLASSES.getTotalLoadedClassCount();
            step.end();
            if (foreignBean) {
                openForeignSteps--;
                connectionNanos += System.nanoTime() - foreignWall;
                connectionCpuNanos += endCpu - cpu;
                connectionClasses += endClasses - classes;
            }
            if (divemapBean) {
                openDivemapSteps--;
            }
            if (trace) {
                StringBuilder tags = new StringBuilder();
                step.getTags().forEach(tag -> tags.append(' ').append(tag.getKey()).append('=').append(tag.getValue()));
                System.out.println("@@end " + seq + " " + step.getName() + tags + " cpu=" + THREADS.getCurrentThreadCpuTime() / 1000);
            }
            if (StartupApp.isDivemapBean(step)) {
                divemap.removeIf(d -> d[4] > seq); // nested in this one
                divemap.add(new long[] {cpu, endCpu, classes, endClasses, seq});
            }
        }
    }
}
