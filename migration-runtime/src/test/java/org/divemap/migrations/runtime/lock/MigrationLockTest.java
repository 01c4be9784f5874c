package org.divemap.migrations.runtime.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.testing.Databases;
import org.divemap.migrations.runtime.testing.DirectDataSource;
import org.divemap.migrations.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationLockTest {

    static final Databases DATABASES = new Databases("migration_lock");

    static final Duration SHORT = Duration.ofSeconds(1);
    /**
     * A wait that a released lock never needs: a test that gets the lock within it has proven the
     * release, however loaded the machine is. No test asserts how fast anything happened.
     */
    static final Duration LONG = Duration.ofSeconds(60);

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aSecondMigratorWaitsThenGetsTheLockWhenTheFirstReleasesIt(Database kind) throws Exception {
        TestDatabase db = DATABASES.get(kind);
        Dialect dialect = dialect(db);
        MigrationLock first = MigrationLock.acquire(dialect, db.dataSource(), "l_wait", SHORT);
        first.verifyHeld();
        List<String> told = new CopyOnWriteArrayList<>();
        Future<MigrationLock> second = executor.submit(
                () -> MigrationLock.acquire(dialect, db.dataSource(), null, "l_wait", LONG, told::add));
        long deadline = System.nanoTime() + LONG.toNanos();
        while (told.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10); // until the waiter has found the lock taken, however long the machine makes that
        }
        assertFalse(second.isDone(), "the second migrator must wait while the first holds the lock");
        assertEquals(1, told.size(), "the waiter is told once who holds the lock");
        first.close();
        try (MigrationLock lock = second.get(LONG.toSeconds(), TimeUnit.SECONDS)) {
            lock.verifyHeld();
        }
        first.close(); // a second close does nothing
        assertTrue(told.get(0).startsWith(switch (kind) {
            case MYSQL, MARIADB -> dialect.displayName() + " connection ";
            case POSTGRESQL -> "PostgreSQL backend pid ";
            case H2 -> "H2 session ";
        }), told.get(0));
        List<String> notTold = new ArrayList<>();
        MigrationLock.acquire(dialect, db.dataSource(), null, "l_wait", LONG, notTold::add).close();
        assertEquals(List.of(), notTold, "a free lock needs no wait");
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aShortWaitTimesOutNamingTheHolder(Database kind) throws Exception {
        TestDatabase db = DATABASES.get(kind);
        Dialect dialect = dialect(db);
        DirectDataSource holderSource = db.directDataSource();
        try (MigrationLock holder = MigrationLock.acquire(dialect, holderSource, "l_timeout", SHORT)) {
            long session = sessionId(kind, holderSource.only());
            long start = System.nanoTime();
            DivemapException e = assertThrows(DivemapException.class,
                    () -> MigrationLock.acquire(dialect, db.dataSource(), "l_timeout", SHORT));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(DivemapException.Kind.LOCK_TIMEOUT, e.kind());
            // at least the wait asked for; the upper bound only tells a wait from a hang, on any load
            assertTrue(waited.compareTo(Duration.ofMillis(900)) >= 0 && waited.compareTo(LONG) < 0,
                    "waited " + waited);
            String message = e.getMessage();
            assertTrue(message.contains(holder.name()), message);
            assertTrue(message.contains("waited 1 s"), message);
            assertTrue(message.contains("It is held by "), message);
            String stop = switch (kind) {
                case MYSQL, MARIADB -> "KILL " + session;
                case POSTGRESQL -> "pg_terminate_backend(" + session + ")";
                case H2 -> "ABORT_SESSION(" + session + ")";
            };
            assertTrue(message.contains(stop), message);
            if (kind == Database.H2) { // H2 cannot say which process; the holder wrote it into the lock row
                assertTrue(message.contains("pid " + ProcessHandle.current().pid() + " on "), message);
            } else {
                assertTrue(message.contains(" from "), message); // the holder's client address
            }
            assertFalse(message.contains("password"), message);
        }
        DivemapException immediate = assertThrows(DivemapException.class, () -> {
            try (MigrationLock holder = MigrationLock.acquire(dialect, db.dataSource(), "l_timeout", SHORT)) {
                holder.verifyHeld();
                MigrationLock.acquire(dialect, db.dataSource(), "l_timeout", Duration.ZERO).close();
            }
        });
        assertEquals(DivemapException.Kind.LOCK_TIMEOUT, immediate.kind());
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aHolderWhoseConnectionIsCutOffReleasesTheLock(Database kind) throws Exception {
        TestDatabase db = DATABASES.get(kind);
        Dialect dialect = dialect(db);
        DirectDataSource holderSource = db.directDataSource();
        MigrationLock holder = MigrationLock.acquire(dialect, holderSource, "l_cut", SHORT);
        Connection connection = holderSource.only();
        connection.abort(Runnable::run);
        if (!connection.isClosed()) { // H2's abort leaves the session open
            connection.close();
        }
        assertTaken(dialect, db, "l_cut");
        assertLost(holder);
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aHolderKilledByTheServerReleasesTheLock(Database kind) throws Exception {
        TestDatabase db = DATABASES.get(kind);
        Dialect dialect = dialect(db);
        DirectDataSource holderSource = db.directDataSource();
        MigrationLock holder = MigrationLock.acquire(dialect, holderSource, "l_kill", SHORT);
        long session = sessionId(kind, holderSource.only());
        try (Connection admin = db.connect(); Statement statement = admin.createStatement()) {
            statement.execute(switch (kind) {
                case MYSQL, MARIADB -> "KILL " + session;
                case POSTGRESQL -> "SELECT pg_terminate_backend(" + session + ")";
                case H2 -> "CALL ABORT_SESSION(" + session + ")";
            });
        }
        assertTaken(dialect, db, "l_kill");
        assertLost(holder);
    }

    @ParameterizedTest
    @MethodSource(Databases.SERVERS)
    void aHolderProcessKilledMidRunLeavesNoStaleLock(Database kind) throws Exception {
        TestDatabase db = DATABASES.get(kind);
        Dialect dialect = dialect(db);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", testClassPath(),
                LockHolderProcess.class.getName(), db.jdbcUrl(), db.user(), "l_process");
        builder.environment().put("DIVEMAP_TEST_PASSWORD", db.password() == null ? "" : db.password());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        try {
            List<String> output = new ArrayList<>();
            String locked = awaitLine(process, "LOCKED ", Duration.ofSeconds(30), output);
            if (locked == null) {
                fail("the holder process did not take the lock; it printed:\n" + String.join("\n", output));
            }
            DivemapException e = assertThrows(DivemapException.class,
                    () -> MigrationLock.acquire(dialect, db.dataSource(), "l_process", Duration.ZERO));
            assertEquals(DivemapException.Kind.LOCK_TIMEOUT, e.kind());
            assertTrue(e.getMessage().contains(locked.substring("LOCKED ".length())), e.getMessage());

            process.destroyForcibly();
            assertTrue(process.waitFor(LONG.toSeconds(), TimeUnit.SECONDS));
            assertTaken(dialect, db, "l_process");
        } finally {
            process.destroyForcibly();
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void twoSchemasOnOneServerDoNotBlockEachOther(Database kind) throws Exception {
        TestDatabase db = DATABASES.get(kind);
        Dialect dialect = dialect(db);
        // MySQL: another database on the server; PostgreSQL: another schema of the database; H2: the same,
        // as in-memory databases never share locks
        String otherSchema = kind == Database.H2 ? "divemap_second" : DATABASES.other(kind).schema();
        if (kind == Database.H2) {
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS divemap_second");
            }
        }
        try (MigrationLock first = MigrationLock.acquire(dialect, db.dataSource(), "divemap_version", SHORT);
                MigrationLock second = MigrationLock.acquire(dialect, db.dataSource(), otherSchema, "divemap_version",
                        Duration.ZERO)) {
            assertNotEquals(first.name(), second.name());
            assertTrue(first.name().endsWith(db.schema() + ".divemap_version"), first.name());
            assertTrue(second.name().endsWith(otherSchema + ".divemap_version"), second.name());
            first.verifyHeld();
            second.verifyHeld();
        }
        if (kind != Database.H2) { // and through the other database's own connections
            TestDatabase other = DATABASES.other(kind);
            try (MigrationLock first = MigrationLock.acquire(dialect, db.dataSource(), "divemap_version", SHORT);
                    MigrationLock second = MigrationLock.acquire(dialect, other.dataSource(), "divemap_version",
                            Duration.ZERO)) {
                assertNotEquals(first.name(), second.name());
                assertTrue(second.name().endsWith(other.schema() + ".divemap_version"), second.name());
            }
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void eachVersionTableHasALockOfItsOwn(Database kind) throws Exception {
        TestDatabase db = DATABASES.get(kind);
        Dialect dialect = dialect(db);
        try (MigrationLock divemap = MigrationLock.acquire(dialect, db.dataSource(), "l_divemap", SHORT);
                MigrationLock alembic = MigrationLock.acquire(dialect, db.dataSource(), db.schema(), "l_alembic",
                        Duration.ZERO)) {
            assertEquals(MigrationLock.name(scope(dialect, db), "l_divemap"), divemap.name());
            assertEquals(MigrationLock.name(scope(dialect, db), "l_alembic"), alembic.name());
        }
    }

    @Test
    void theNameJoinsScopeAndVersionTable() throws SQLException {
        assertEquals("divemap:shop.alembic_version", MigrationLock.name("shop", "alembic_version"));
        TestDatabase db = DATABASES.get(Database.POSTGRESQL);
        try (MigrationLock lock = MigrationLock.acquire(dialect(db), db.dataSource(), "l_name", SHORT);
                Connection connection = db.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_database()")) {
            rs.next();
            assertEquals("divemap:" + rs.getString(1) + "." + db.schema() + ".l_name", lock.name());
        }
    }

    /** The lock is free again: taken within {@link #LONG}, which a lock still held would run out. */
    private static void assertTaken(Dialect dialect, TestDatabase db, String table) {
        try (MigrationLock lock = MigrationLock.acquire(dialect, db.dataSource(), table, LONG)) {
            lock.verifyHeld();
        }
    }

    private static void assertLost(MigrationLock holder) {
        DivemapException verify = assertThrows(DivemapException.class, holder::verifyHeld);
        assertEquals(DivemapException.Kind.DATABASE, verify.kind());
        assertTrue(verify.getMessage().contains("no longer holds the migration lock"), verify.getMessage());
        DivemapException close = assertThrows(DivemapException.class, holder::close);
        assertEquals(DivemapException.Kind.DATABASE, close.kind());
    }

    private static Dialect dialect(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            return Dialect.detect(connection);
        }
    }

    private static String scope(Dialect dialect, TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            return dialect.lockScope(connection, null);
        }
    }

    /** The server's id for a session: what KILL, pg_terminate_backend and ABORT_SESSION take. */
    private static long sessionId(Database kind, Connection connection) throws SQLException {
        String sql = switch (kind) {
            case MYSQL, MARIADB -> "SELECT CONNECTION_ID()";
            case POSTGRESQL -> "SELECT pg_backend_pid()";
            case H2 -> "SELECT SESSION_ID()";
        };
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The first line starting with {@code prefix}, or null if the process ends or the time runs out first. */
    private String awaitLine(Process process, String prefix, Duration limit, List<String> output)
            throws InterruptedException {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        executor.submit(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process was killed
            }
            lines.add("\u0000end");
            return null;
        });
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.equals("\u0000end")) {
                return null;
            }
            output.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }
}
