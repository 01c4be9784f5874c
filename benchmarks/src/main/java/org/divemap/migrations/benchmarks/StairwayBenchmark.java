package org.divemap.migrations.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.divemap.migrations.Column;
import org.divemap.migrations.Index;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.Type;
import org.divemap.migrations.test.Check;
import org.divemap.migrations.test.MigrationTest;
import org.divemap.migrations.test.StandardMigrationTests;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * How long the stairway check of {@code migration-test} takes over a history of 100 revisions on
 * in-memory H2, run through the JUnit platform as {@code mvn test} runs it: each round creates the
 * test schema, walks the 100 revisions (upgrade, read the schema, downgrade one step, read it,
 * upgrade again, read it) and drops the schema.
 *
 * <p>The history cycles through what real ones do: create a table (with a foreign key to the
 * previous one), add a column, add an index. Usage: {@code benchmarks/stairway.sh [--runs N]
 * [--revisions N]}.
 */
public final class StairwayBenchmark {

    static int revisions = 100;

    private StairwayBenchmark() {}

    public static void main(String[] args) {
        int runs = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--revisions" -> revisions = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + "; use --runs N and --revisions N");
            }
        }
        System.out.printf("Stairway over %d revisions on in-memory H2, %d rounds (after one warm-up round)%n",
                revisions, runs);
        round(Stairway.class); // warm-up: class loading and JIT
        List<Long> times = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            times.add(round(Stairway.class));
            System.out.printf("  round %d: %,d ms%n", run + 1, times.get(times.size() - 1));
        }
        List<Long> sorted = times.stream().sorted().toList();
        System.out.printf("median %,d ms (min %,d, max %,d)%n", sorted.get(sorted.size() / 2), sorted.get(0),
                sorted.get(sorted.size() - 1));
        long all = round(AllChecks.class);
        System.out.printf("all five standard checks once: %,d ms%n", all);
    }

    private static long round(Class<?> testClass) {
        long start = System.nanoTime();
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().allEvents();
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (events.failed().count() > 0) {
            events.failed().stream().forEach(e -> System.err.println(e));
            throw new IllegalStateException("The stairway failed; the history is meant to be healthy.");
        }
        long walked = events.succeeded().filter(e -> e.getTestDescriptor().isTest()).count();
        if (walked < revisions) {
            throw new IllegalStateException("Only " + walked + " tests passed; expected at least " + revisions);
        }
        return millis;
    }

    @MigrationTest(registries = Generated.class, checks = Check.STAIRWAY)
    public static class Stairway extends StandardMigrationTests {}

    @MigrationTest(registries = Generated.class)
    public static class AllChecks extends StandardMigrationTests {}

    /** A linear history: table, column, index, table, column, index, ... */
    public static final class Generated implements RevisionRegistry {
        @Override
        public List<RegisteredRevision> revisions() {
            List<RegisteredRevision> list = new ArrayList<>();
            for (int i = 1; i <= revisions; i++) {
                int table = (i + 2) / 3;
                String name = "t" + table;
                String id = String.format("%04d_step", i);
                String parent = i == 1 ? null : String.format("%04d_step", i - 1);
                Migration migration = switch (i % 3) {
                    case 1 -> new Migration() {
                        @Override
                        public void upgrade(Operations op) {
                            List<org.divemap.migrations.TableElement> elements = new ArrayList<>(List.of(
                                    Column.of("id", Type.integer()).autoIncrement().primaryKey(),
                                    Column.of("name", Type.varchar(100)),
                                    Column.of("parent_id", Type.integer()).nullable()));
                            if (table > 1) {
                                elements.add(org.divemap.migrations.Constraint.foreignKey("parent_id",
                                        "t" + (table - 1), "id"));
                            }
                            op.createTable(name, elements.toArray(org.divemap.migrations.TableElement[]::new));
                        }

                        @Override
                        public void downgrade(Operations op) {
                            op.dropTable(name);
                        }
                    };
                    case 2 -> new Migration() {
                        @Override
                        public void upgrade(Operations op) {
                            op.addColumn(name, Column.of("created_at", Type.timestamp()).nullable());
                        }

                        @Override
                        public void downgrade(Operations op) {
                            op.dropColumn(name, "created_at");
                        }
                    };
                    default -> new Migration() {
                        @Override
                        public void upgrade(Operations op) {
                            op.createIndex(name, Index.on("name").named("idx_" + name + "_name"));
                        }

                        @Override
                        public void downgrade(Operations op) {
                            op.dropIndex(name, "idx_" + name + "_name");
                        }
                    };
                };
                list.add(new RegisteredRevision(id, parent == null ? List.of() : List.of(parent), List.of(), List.of(),
                        "step " + i, "bench.Step" + i, null, () -> migration));
            }
            return list;
        }
    }
}
