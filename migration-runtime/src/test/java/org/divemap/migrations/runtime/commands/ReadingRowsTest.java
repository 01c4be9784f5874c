package org.divemap.migrations.runtime.commands;

import static org.divemap.migrations.runtime.commands.InterruptedHistory.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.testing.Databases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data migrations read rows ({@code op.queryForList}, {@code query}, {@code queryForStream},
 * {@code queryForObject}), count the rows they change ({@code op.update}), read generated keys
 * ({@code op.insertReturningKey}), and commit part-way ({@code op.commit()}, or
 * {@code op.connection().commit()}), with the revision's bookkeeping kept right on every database.
 */
class ReadingRowsTest {

    private static final Databases DATABASES = new Databases("reading_rows");
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    private static RegisteredRevision revision(String id, String parent, Consumer<Operations> up) {
        return new RegisteredRevision(id, parent == null ? List.of() : List.of(parent), List.of(), List.of(), "",
                InterruptedHistory.Step.class.getName(), null, () -> new InterruptedHistory.Step(up, op -> { }, false));
    }

    private static Divemap divemap(DataSource dataSource, String p, List<RegisteredRevision> revisions) {
        return Divemap.configure().dataSource(dataSource).registries(() -> revisions).versionTable(p + "version")
                .historyTable(p + "history").load();
    }

    private static List<String> names(Database kind, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DATABASES.get(kind).connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + q(kind, "name") + " FROM " + q(kind, table) + " ORDER BY "
                        + q(kind, "name"))) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aDataMigrationReadsRowsCountsChangesAndGetsGeneratedKeys(Database kind) throws SQLException {
        String p = "r" + PREFIXES.incrementAndGet() + "_";
        String sites = p + "sites";
        List<Object> seen = new ArrayList<>();
        List<RegisteredRevision> revisions = List.of(
                revision("r1", null, op -> {
                    op.createTable(sites, Column.of("id", Type.bigint()).autoIncrement().primaryKey(),
                            Column.of("name", Type.varchar(50)), Column.of("country", Type.varchar(50)).nullable());
                    op.bulkInsert(sites, List.of("name", "country"), List.of(List.of("Blue Hole", "Egypt"),
                            List.of("Thistlegorm", "Egypt"), List.of("Yongala", "Australia")));
                }),
                revision("r2", "r1", op -> {
                    String d = q(op.database(), sites);
                    String name = q(op.database(), "name");
                    String country = q(op.database(), "country");
                    long egypt = op.queryForObject("SELECT COUNT(*) FROM " + d + " WHERE " + country + " = ?",
                            Long.class, "Egypt");
                    seen.add(egypt);
                    List<Map<String, Object>> rows = op.queryForList("SELECT " + name + " FROM " + d + " WHERE "
                            + country + " = ? ORDER BY " + name, "Egypt");
                    seen.add(rows.size());
                    seen.add(rows.get(0).values().iterator().next());
                    seen.add(op.query("SELECT " + name + " FROM " + d + " ORDER BY " + name, row -> row.getString(1)));
                    try (Stream<String> names = op.queryForStream("SELECT " + name + " FROM " + d, row -> row.getString(1))) {
                        seen.add(names.filter(n -> n.startsWith("T")).count());
                    }
                    seen.add(op.update("UPDATE " + d + " SET " + country + " = ? WHERE " + country + " = ?", "EG",
                            "Egypt"));
                    Object key = op.insertReturningKey("INSERT INTO " + d + " (" + name + ", " + country
                            + ") VALUES (?, ?)", "id", "Chuuk", "Micronesia");
                    seen.add(key);
                    seen.add(op.queryForObject("SELECT " + name + " FROM " + d + " WHERE " + q(op.database(), "id")
                            + " = ?", String.class, key));
                    // a lookup that finds nothing is not an error for a list
                    seen.add(op.queryForList("SELECT " + name + " FROM " + d + " WHERE " + country + " = ?", "Mars")
                            .isEmpty());
                }));
        try (Divemap divemap = divemap(DATABASES.get(kind).dataSource(), p, revisions)) {
            assertEquals(List.of("r1", "r2"), divemap.upgrade("head").revisions());
            assertTrue(divemap.check().ok());
        }
        assertEquals(List.of(2L, 2, "Blue Hole", List.of("Blue Hole", "Thistlegorm", "Yongala"), 1L, 2, 4L, "Chuuk",
                true), seen);
        assertEquals(List.of("Blue Hole", "Chuuk", "Thistlegorm", "Yongala"), names(kind, sites));
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aQueryOfTheWrongShapeFailsTheMigrationWithTheStatement(Database kind) {
        String p = "s" + PREFIXES.incrementAndGet() + "_";
        String t = p + "t";
        List<RegisteredRevision> revisions = List.of(revision("s1", null, op -> {
            op.createTable(t, Column.of("id", Type.integer()).primaryKey());
            op.queryForObject("SELECT " + q(op.database(), "id") + " FROM " + q(op.database(), t), Long.class);
        }));
        try (Divemap divemap = divemap(DATABASES.get(kind).dataSource(), p, revisions)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.MIGRATION_FAILED, e.kind());
            assertTrue(e.getMessage().contains("op.queryForObject needs exactly one row, but SELECT "), e.getMessage());
            assertTrue(e.getMessage().contains("returned 0. Use op.queryForList"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aCommitInsideAMigrationKeepsItsBookkeepingRightWhenItSucceedsAndWhenItFails(Database kind) throws Exception {
        String p = "c" + PREFIXES.incrementAndGet() + "_";
        String notes = p + "notes";
        Consumer<Operations> table = op -> op.createTable(notes, Column.of("name", Type.varchar(20)).primaryKey());
        String insert = "INSERT INTO %s (%s) VALUES (?)";
        DataSource dataSource = DATABASES.get(kind).dataSource();
        // succeeds: the version row moves on, as for any revision (Alembic's revision loops for ever here)
        List<RegisteredRevision> ok = List.of(revision("c1", null, table), revision("c2", "c1", op -> {
            op.execute(String.format(insert, q(op.database(), notes), q(op.database(), "name")), "first");
            op.commit();
            op.execute(String.format(insert, q(op.database(), notes), q(op.database(), "name")), "second");
        }));
        try (Divemap divemap = divemap(dataSource, p, ok)) {
            assertEquals(List.of("c1", "c2"), divemap.upgrade("head").revisions());
            assertEquals(List.of("c2"), divemap.current().versionRows());
            assertTrue(divemap.check().ok());
        }
        assertEquals(List.of("first", "second"), names(kind, notes));
        // fails after the commit, through the connection as ported code would: what committed stays, and
        // the revision is marked so that the next run does not do it twice
        List<RegisteredRevision> failing = List.of(revision("c1", null, table), revision("c2", "c1", op -> { }),
                revision("c3", "c2", op -> {
                    try (var statement = op.connection().prepareStatement(String.format(insert,
                            q(op.database(), notes), q(op.database(), "name")))) {
                        statement.setString(1, "third");
                        statement.executeUpdate();
                        op.connection().commit();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    op.execute(String.format(insert, q(op.database(), notes), q(op.database(), "name")), "first");
                }));
        try (Divemap divemap = divemap(dataSource, p, failing)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.MIGRATION_FAILED, e.kind());
            assertTrue(e.getMessage().contains("The history table marks c3 as having left changes"), e.getMessage());
            assertEquals(Kind.INTERRUPTED_REVISION,
                    assertThrows(DivemapException.class, () -> divemap.upgrade("head")).kind());
            assertEquals(List.of("c3"), divemap.check().interrupted());
        }
        assertEquals(List.of("first", "second", "third"), names(kind, notes));
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void rollingBackOrClosingTheConnectionIsRefusedWithWhatToDoInstead(Database kind) {
        String p = "b" + PREFIXES.incrementAndGet() + "_";
        List<RegisteredRevision> revisions = List.of(revision("b1", null, op -> {
            try {
                op.connection().rollback();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }));
        try (Divemap divemap = divemap(DATABASES.get(kind).dataSource(), p, revisions)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertTrue(e.getMessage().contains("op.connection().rollback(...) is not allowed in a migration: the"
                    + " runtime owns the connection's transaction. Use op.commit()"), e.getMessage());
        }
    }

    @Test
    void offlineTheReadingHelpersSayWhyTheMigrationCannotBeRenderedAndACommitSplitsTheTransaction() {
        List<RegisteredRevision> reading = List.of(revision("o1", null, op -> op.queryForList("SELECT 1")));
        try (Divemap divemap = Divemap.configure().registries(() -> reading).load()) {
            DivemapException e = assertThrows(DivemapException.class,
                    () -> divemap.upgradeScript(Database.POSTGRESQL, "head"));
            assertTrue(e.getMessage().contains("op.queryForList(...) needs a live database (there are no rows to"
                    + " read), so this migration cannot be rendered"), e.getMessage());
        }
        List<RegisteredRevision> committing = List.of(revision("o1", null, op -> {
            op.execute("INSERT INTO notes VALUES (1)");
            op.commit();
            op.execute("INSERT INTO notes VALUES (2)");
        }));
        try (Divemap divemap = Divemap.configure().registries(() -> committing).load()) {
            String script = divemap.upgradeScript(Database.POSTGRESQL, "head");
            assertTrue(script.contains("BEGIN;\nINSERT INTO notes VALUES (1);\nCOMMIT;\nBEGIN;\nINSERT INTO notes"
                    + " VALUES (2);\n"), script);
            assertTrue(divemap.upgradeScript(Database.MARIADB, "head").contains("INSERT INTO notes VALUES (1);\n"
                    + "COMMIT;\nINSERT INTO notes VALUES (2);\n"));
        }
    }
}
