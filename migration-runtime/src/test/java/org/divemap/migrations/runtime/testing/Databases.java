package org.divemap.migrations.runtime.testing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.divemap.migrations.Operations;

/**
 * One test class's databases, created on first use per kind so a server that is down fails only
 * its own tests, and dropped together:
 *
 * <pre>{@code
 * static final Databases DATABASES = new Databases("version_table");
 * @AfterAll static void drop() { DATABASES.close(); }
 * @ParameterizedTest @MethodSource(Databases.KINDS) void creates(Operations.Database kind) { DATABASES.get(kind) ... }
 * }</pre>
 */
public final class Databases implements AutoCloseable {

    /** The {@code @MethodSource} of the kinds every behaviour is tested on. */
    public static final String KINDS = "org.divemap.migrations.runtime.testing.Databases#kinds";

    /** The {@code @MethodSource} of the servers (no H2): MySQL/MariaDB and PostgreSQL. */
    public static final String SERVERS = "org.divemap.migrations.runtime.testing.Databases#servers";

    private final String name;
    private final Map<Operations.Database, TestDatabase> first = new EnumMap<>(Operations.Database.class);
    private final Map<Operations.Database, TestDatabase> second = new EnumMap<>(Operations.Database.class);

    public Databases(String name) {
        this.name = name;
    }

    /** MariaDB (the server at {@value TestDatabase#MYSQL_ENV}), PostgreSQL and H2. */
    public static Stream<Operations.Database> kinds() {
        return Stream.of(Operations.Database.MARIADB, Operations.Database.POSTGRESQL, Operations.Database.H2);
    }

    /** MariaDB and PostgreSQL, the kinds with a server process. */
    public static Stream<Operations.Database> servers() {
        return Stream.of(Operations.Database.MARIADB, Operations.Database.POSTGRESQL);
    }

    /** This class's database of {@code kind}. */
    public synchronized TestDatabase get(Operations.Database kind) {
        return first.computeIfAbsent(kind, k -> TestDatabase.create(k, name));
    }

    /** A second database of {@code kind} on the same server (a second schema, on PostgreSQL). */
    public synchronized TestDatabase other(Operations.Database kind) {
        return second.computeIfAbsent(kind, k -> TestDatabase.create(k, name + "_2"));
    }

    @Override
    public synchronized void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (TestDatabase database : Stream.concat(first.values().stream(), second.values().stream()).toList()) {
            try {
                database.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        first.clear();
        second.clear();
        if (!failures.isEmpty()) {
            RuntimeException e = failures.get(0);
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }
}
