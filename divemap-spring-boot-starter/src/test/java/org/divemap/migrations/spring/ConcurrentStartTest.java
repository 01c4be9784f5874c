package org.divemap.migrations.spring;

import static org.divemap.migrations.spring.StartUpMigrationTest.cause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.MigrationListener;
import org.divemap.migrations.spring.app.DiveSiteRepository;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the service start on one database at the same time. The first is held inside its
 * first revision (by a listener bean) until the second reports that it waits for the lock; then the
 * first finishes, and the second finds nothing to do. No sleeps: the steps are ordered by latches,
 * whose bounds only keep a broken build from hanging.
 */
class ConcurrentStartTest {

    private static final long BOUND_MINUTES = 5;

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void aSecondInstanceWaitsForTheLockThenFindsNothingToDo(Database kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, "concurrent")) {
            CountDownLatch firstInside = new CountDownLatch(1);
            CountDownLatch secondWaiting = new CountDownLatch(1);
            Gate gate = new Gate(firstInside, secondWaiting);
            Recorder firstPlan = new Recorder(null);
            Recorder secondPlan = new Recorder(secondWaiting);

            CompletableFuture<ConfigurableApplicationContext> first = start(
                    () -> Apps.on(db).bean("gate", gate).bean("recorder", firstPlan).run());
            await(firstInside, "the first instance to start its first revision", first);
            CompletableFuture<ConfigurableApplicationContext> second = start(
                    () -> Apps.on(db).bean("recorder", secondPlan).run());
            await(secondWaiting, "the second instance to wait for the lock", second);
            gate.open();

            try (ConfigurableApplicationContext a = first.get(BOUND_MINUTES, TimeUnit.MINUTES);
                    ConfigurableApplicationContext b = second.get(BOUND_MINUTES, TimeUnit.MINUTES)) {
                assertEquals(List.of("0001_create_dive_sites", "0002_add_max_depth"), firstPlan.planned);
                assertEquals(List.of(), secondPlan.planned, "the second instance found nothing left to do");
                assertEquals(1, secondPlan.waits.size());
                assertEquals(2, b.getBean(DiveSiteRepository.class).count());
                assertEquals(List.of(List.of("0001_create_dive_sites", "up"), List.of("0002_add_max_depth", "up")),
                        db.query("SELECT revision, direction FROM divemap_history ORDER BY id"),
                        "each revision ran once");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"MARIADB", "POSTGRESQL", "H2"})
    void lockWaitZeroStopsTheSecondInstanceAtOnce(Database kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, "lock_wait")) {
            CountDownLatch firstInside = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            Gate gate = new Gate(firstInside, never);
            CompletableFuture<ConfigurableApplicationContext> first = start(
                    () -> Apps.on(db).bean("gate", gate).run());
            try {
                await(firstInside, "the first instance to start its first revision", first);
                RuntimeException failure = assertThrows(RuntimeException.class,
                        () -> Apps.on(db).with("spring.divemap.lock-wait", "0").run());
                DivemapException divemap = cause(failure, DivemapException.class);
                assertNotNull(divemap, failure::toString);
                assertEquals(DivemapException.Kind.LOCK_TIMEOUT, divemap.kind());
            } finally {
                gate.open();
                first.get(BOUND_MINUTES, TimeUnit.MINUTES).close();
            }
        }
    }

    /**
     * Starts an instance on a thread of its own. Not on the common pool: on 2 cores, Java 25 queued the
     * second instance behind the first, which holds the pool's worker while it waits at the gate, and
     * the test never ended (Java 17 gives each task a thread when the pool is that small).
     */
    private static CompletableFuture<ConfigurableApplicationContext> start(
            Supplier<ConfigurableApplicationContext> instance) {
        return CompletableFuture.supplyAsync(instance, task -> {
            Thread thread = new Thread(task, "application-instance");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static void await(CountDownLatch latch, String what, CompletableFuture<?> instance) throws Exception {
        // a bound far beyond any start-up, so that a stuck instance fails the test instead of hanging the build
        long deadline = System.nanoTime() + Duration.ofMinutes(BOUND_MINUTES).toNanos();
        while (!latch.await(1, TimeUnit.SECONDS)) {
            if (instance.isDone()) {
                instance.get(); // a failed start-up shows here
                throw new AssertionError("the instance started without " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no sign of " + what + " after " + BOUND_MINUTES + " minutes");
            }
        }
    }

    /** Holds the first revision until the second instance waits (or the gate is opened). */
    private static final class Gate implements MigrationListener {
        private final CountDownLatch inside;
        private final CountDownLatch release;
        private final CountDownLatch opened = new CountDownLatch(1);

        Gate(CountDownLatch inside, CountDownLatch release) {
            this.inside = inside;
            this.release = release;
        }

        void open() {
            opened.countDown();
        }

        @Override
        public void starting(String revision, boolean upgrade) {
            if (inside.getCount() == 0) {
                return;
            }
            inside.countDown();
            try {
                long deadline = System.nanoTime() + Duration.ofMinutes(BOUND_MINUTES).toNanos();
                while (release.getCount() > 0 && opened.getCount() > 0 && System.nanoTime() < deadline) {
                    opened.await(100, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records what an instance planned and each wait for the lock. */
    private static final class Recorder implements MigrationListener {
        final List<String> planned = new CopyOnWriteArrayList<>();
        final List<String> waits = new CopyOnWriteArrayList<>();
        private final CountDownLatch waiting;

        Recorder(CountDownLatch waiting) {
            this.waiting = waiting;
        }

        @Override
        public void planned(String command, String target, List<String> revisions) {
            planned.addAll(revisions);
        }

        @Override
        public void waitingForLock(String holder) {
            waits.add(holder);
            if (waiting != null) {
                waiting.countDown();
            }
        }
    }
}
