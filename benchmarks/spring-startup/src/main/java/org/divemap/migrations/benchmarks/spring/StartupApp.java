package org.divemap.migrations.benchmarks.spring;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * The measured application: JPA with one entity and its repository on a database that is already at
 * head. One start per JVM: prints {@code startup-ms N}, the time from {@code main} until the context
 * is refreshed (JPA up, and with the starter on the class path, the database checked), and
 * {@code startup-main-cpu-ms N}, {@code startup-process-cpu-ms N} and {@code startup-classes N} (the CPU
 * time of the main thread and of the whole JVM until then, and the classes loaded by then),
 * {@code divemap-beans-ms N}, the time Spring spent creating the starter's beans (the {@code Divemap}
 * and its initializer, which runs the upgrade), from Spring's own start-up steps, with
 * {@code divemap-beans-cpu-ms N} (CPU time of the thread creating them) and {@code divemap-beans-classes N}
 * (classes the JVM loaded meanwhile), and the same three without creating the application's other beans
 * (the DataSource) and without the DataSource handing out connections meanwhile ({@code divemap-beans-own-*}; see {@link FirstConnections}).
 * Then it exits.
 */
@SpringBootApplication
public class StartupApp {

    public static void main(String[] args) {
        long started = System.nanoTime();
        CountingStartup counting = new CountingStartup(new BufferingApplicationStartup(10_000));
        BufferingApplicationStartup steps = counting.buffering();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StartupApp.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).applicationStartup(counting)
                .initializers(c -> c.getBeanFactory().addBeanPostProcessor(new FirstConnections(counting))).run(args);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long mainCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        long processCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        long sites = context.getBean(SiteRepository.class).count();
        context.close();
        System.out.println("startup-ms " + millis + " sites " + sites);
        System.out.println("startup-main-cpu-ms " + mainCpu);
        System.out.println("startup-process-cpu-ms " + processCpu);
        System.out.println("startup-classes " + classes);
        long beansNanos = divemapBeans(steps.getBufferedTimeline()).toNanos();
        long[] connections = counting.connections();
        System.out.println("divemap-beans-ms " + beansNanos / 1_000_000);
        System.out.println("divemap-beans-cpu-ms " + counting.divemapCpuNanos() / 1_000_000);
        System.out.println("divemap-beans-classes " + counting.divemapClasses());
        // the same without creating the application's DataSource bean (the starter's bean asks for it first) and
        // without that DataSource handing out connections (the first one starts the pool and opens the database):
        // the application without the starter does both a moment later, for JPA
        System.out.println("divemap-beans-own-ms " + (beansNanos - connections[0]) / 1_000_000);
        System.out.println("divemap-beans-own-cpu-ms " + (counting.divemapCpuNanos() - connections[1]) / 1_000_000);
        System.out.println("divemap-beans-own-classes " + (counting.divemapClasses() - connections[2]));
    }

    /** The time spent instantiating beans named divemap*, each counted once (not again inside another). */
    private static Duration divemapBeans(StartupTimeline timeline) {
        Map<Long, StartupTimeline.TimelineEvent> byId = new HashMap<>();
        timeline.getEvents().forEach(event -> byId.put(event.getStartupStep().getId(), event));
        Duration total = Duration.ZERO;
        for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
            if (isDivemapBean(event.getStartupStep()) && !insideDivemapBean(event, byId)) {
                total = total.plus(event.getDuration());
            }
        }
        return total;
    }

    private static boolean insideDivemapBean(StartupTimeline.TimelineEvent event,
            Map<Long, StartupTimeline.TimelineEvent> byId) {
        Long parent = event.getStartupStep().getParentId();
        while (parent != null && byId.containsKey(parent)) {
            StartupTimeline.TimelineEvent up = byId.get(parent);
            if (isDivemapBean(up.getStartupStep())) {
                return true;
            }
            parent = up.getStartupStep().getParentId();
        }
        return false;
    }

    static boolean isDivemapBean(StartupStep step) {
        if (!step.getName().equals("spring.beans.instantiate")) {
            return false;
        }
        for (StartupStep.Tag tag : step.getTags()) {
            if (tag.getKey().equals("beanName") && tag.getValue().startsWith("divemap")) {
                return true;
            }
        }
        return false;
    }
}
