package org.divemap.migrations.runtime.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.RevisionRegistry;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.sql.ConnectionSource;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an application starting on a database at head pays (the Spring Boot starter's case): one
 * connection and two reads, the version rows and the history's newest row, with no catalog query, on
 * every database. On an H2 file database, whose trace file records failed statements, the tables are
 * read directly once the driver's metadata lists them, and a database without them still leaves no
 * trace.
 */
class AtHeadStartUpTest {

    private static final Databases DATABASES = new Databases("at_head_start");
    /** The same revisions' tables, for the test of registries that give their heads. */
    private static final Databases GIVEN_HEADS = new Databases("at_head_given");

    @AfterAll
    static void drop() {
        DATABASES.close();
        GIVEN_HEADS.close();
    }

    private static List<RegisteredRevision> revisions() {
        return List.of(
                new RegisteredRevision("h1", List.of(), List.of(), List.of(), "", InterruptedHistory.Step.class.getName(),
                        null, () -> new InterruptedHistory.Step(op -> op.createTable("ah_a",
                                Column.of("id", Type.integer()).primaryKey()), op -> { }, false)),
                new RegisteredRevision("h2", List.of("h1"), List.of(), List.of(), "",
                        InterruptedHistory.Step.class.getName(), null, () -> new InterruptedHistory.Step(op -> op
                                .createTable("ah_b", Column.of("id", Type.integer()).primaryKey()), op -> { }, false)));
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void anUpgradeAtHeadReadsTwiceOnOneConnection(Database kind) {
        TestDatabase db = DATABASES.get(kind);
        try (Divemap divemap = Divemap.configure().dataSource(db.dataSource()).registries(AtHeadStartUpTest::revisions)
                .versionTable("ah_version").historyTable("ah_history").load()) {
            assertEquals(List.of("h1", "h2"), divemap.upgrade("heads").revisions());
        }
        Recording recording = new Recording(db.dataSource());
        try (Divemap divemap = Divemap.configure().dataSource(recording).registries(AtHeadStartUpTest::revisions)
                .versionTable("ah_version").historyTable("ah_history").load()) {
            assertTrue(divemap.upgrade("heads").nothingToDo());
        }
        assertEquals(1, recording.connections, "connections opened");
        assertEquals(2, recording.statements.size(), "statements run: " + recording.statements);
        assertTrue(recording.statements.get(0).contains("ah_version"), recording.statements.toString());
        assertTrue(recording.statements.get(1).contains("ah_history"), recording.statements.toString());
    }

    /** A registry that gives its heads, as the generated ones do, and counts how often its revisions are read. */
    private static final class GivesHeads implements RevisionRegistry {
        private final List<String> heads;
        int reads;

        GivesHeads(String... heads) {
            this.heads = List.of(heads);
        }

        @Override
        public List<RegisteredRevision> revisions() {
            reads++;
            return AtHeadStartUpTest.revisions();
        }

        @Override
        public List<String> heads() {
            return heads;
        }
    }

    private static Divemap load(TestDatabase db, RevisionRegistry registry) {
        return Divemap.configure().dataSource(db.dataSource()).registries(registry).versionTable("gh_version")
                .historyTable("gh_history").load();
    }

    /**
     * An upgrade to head that finds the database there answers from the heads the registry gives,
     * without reading its revisions; any other target, or a database elsewhere, reads them.
     */
    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aRegistryThatGivesItsHeadsIsNotReadAtHead(Database kind) {
        TestDatabase db = GIVEN_HEADS.get(kind);
        GivesHeads registry = new GivesHeads("h2");
        try (Divemap divemap = load(db, registry)) {
            assertEquals(0, registry.reads, "read at load()");
            assertEquals(List.of("h1", "h2"), divemap.upgrade("head").revisions());
            assertEquals(1, registry.reads, "read for the plan");
        }
        registry.reads = 0;
        try (Divemap divemap = load(db, registry)) {
            assertTrue(divemap.upgrade("head").nothingToDo());
            assertTrue(divemap.upgrade("heads").nothingToDo());
            assertEquals(0, registry.reads, "read at head");
            assertTrue(divemap.upgrade("h2").nothingToDo());
            assertEquals(1, registry.reads, "read for a target by id");
        }
        // a registry whose heads are not its revisions' is found out as soon as they are read
        GivesHeads wrong = new GivesHeads("h1");
        try (Divemap divemap = load(db, wrong)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(DivemapException.Kind.CONFIGURATION, e.kind());
            assertTrue(e.getMessage().contains("says its heads are [h1], but its revisions have the heads [h2]"),
                    e.getMessage());
        }
    }

    @Test
    void anH2FileDatabaseAtHeadIsReadDirectlyAndAnEmptyOneLeavesNoTrace(@TempDir Path directory) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("db") + ";DATABASE_TO_LOWER=TRUE");
        h2.setUser("sa");
        Recording first = new Recording(h2);
        try (Divemap divemap = Divemap.configure().dataSource(first).registries(AtHeadStartUpTest::revisions).load()) {
            assertEquals(List.of("h1", "h2"), divemap.upgrade("heads").revisions());
        }
        assertTrue(first.statements.stream().anyMatch(AtHeadStartUpTest::readsCatalog),
                "no table yet: looked up in the catalog, not tried: " + first.statements);
        Recording again = new Recording(h2);
        try (Divemap divemap = Divemap.configure().dataSource(again).registries(AtHeadStartUpTest::revisions).load()) {
            assertTrue(divemap.upgrade("heads").nothingToDo());
        }
        assertEquals(1, again.connections, "connections opened");
        assertEquals(2, again.statements.size(), "statements run: " + again.statements);
        assertFalse(again.statements.stream().anyMatch(AtHeadStartUpTest::readsCatalog), again.statements.toString());
        try (var files = Files.list(directory)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".trace.db"))
                    .toList(), "no failed statement written to H2's trace file");
        }
    }

    private static boolean readsCatalog(String sql) {
        return sql.toLowerCase(Locale.ROOT).contains("information_schema");
    }

    /** A data source that counts the connections it opens and records each statement's SQL. */
    private static final class Recording extends ConnectionSource {
        private final DataSource target;
        int connections;
        final List<String> statements = new ArrayList<>();

        Recording(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections++;
            Connection connection = target.getConnection();
            return proxy(Connection.class, connection, (proxy, method, args) -> {
                if (method.getName().equals("prepareStatement") || method.getName().equals("prepareCall")) {
                    statements.add((String) args[0]);
                }
                Object result = invoke(connection, method, args);
                if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                    return proxy(Statement.class, statement, (p, m, a) -> {
                        if (m.getName().startsWith("execute") && a != null && a.length > 0 && a[0] instanceof String sql) {
                            statements.add(sql);
                        }
                        return invoke(statement, m, a);
                    });
                }
                return result;
            });
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
        }
    }
}
