package org.divemap.migrations.benchmarks.spring;

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
 * {@code divemap-beans-ms N}, the time Spring spent creating the starter's beans (the {@code Divemap}
 * and its initializer, which runs the upgrade), from Spring's own start-up steps. Then it exits.
 */
@SpringBootApplication
public class StartupApp {

    public static void main(String[] args) {
        long started = System.nanoTime();
        BufferingApplicationStartup steps = new BufferingApplicationStartup(10_000);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StartupApp.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).applicationStartup(steps).run(args);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long sites = context.getBean(SiteRepository.class).count();
        context.close();
        System.out.println("startup-ms " + millis + " sites " + sites);
        System.out.println("divemap-beans-ms " + divemapBeans(steps.getBufferedTimeline()).toMillis());
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

    private static boolean isDivemapBean(StartupStep step) {
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
