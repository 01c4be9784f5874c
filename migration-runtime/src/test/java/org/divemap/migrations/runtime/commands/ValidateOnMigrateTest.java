package org.divemap.migrations.runtime.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.divemap.migrations.Column;
import org.divemap.migrations.Operations.Database;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.Type;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.testing.Databases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * As Flyway's validate-on-migrate: an upgrade over a revision whose migration was edited after it ran
 * refuses before running anything, unless validation is turned off. A revision that was stamped, not
 * run, cannot be verified and does not stop it.
 */
class ValidateOnMigrateTest {

    private static final Databases DATABASES = new Databases("validate");
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @AfterAll
    static void drop() {
        DATABASES.close();
    }

    private static RegisteredRevision revision(String p, String id, String parent, String digest) {
        String table = p + id;
        return new RegisteredRevision(id, parent == null ? List.of() : List.of(parent), List.of(), List.of(), "",
                InterruptedHistory.Step.class.getName(), null, digest, () -> new InterruptedHistory.Step(
                        op -> op.createTable(table, Column.of("id", Type.integer()).primaryKey()),
                        op -> op.dropTable(table), false));
    }

    private static Divemap divemap(DataSource dataSource, String p, boolean validate, RegisteredRevision... revisions) {
        return Divemap.configure().dataSource(dataSource).registries(() -> List.of(revisions))
                .versionTable(p + "version").historyTable(p + "history").validateOnMigrate(validate).load();
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void anUpgradeOverAnEditedRevisionRefusesUnlessValidationIsOff(Database kind) {
        String p = "v" + PREFIXES.incrementAndGet() + "_";
        DataSource dataSource = DATABASES.get(kind).dataSource();
        try (Divemap divemap = divemap(dataSource, p, true, revision(p, "r1", null, "a".repeat(64)))) {
            divemap.upgrade("head");
        }
        RegisteredRevision edited = revision(p, "r1", null, "b".repeat(64));
        RegisteredRevision next = revision(p, "r2", "r1", "c".repeat(64));
        try (Divemap divemap = divemap(dataSource, p, true, edited, next)) {
            DivemapException e = assertThrows(DivemapException.class, () -> divemap.upgrade("head"));
            assertEquals(Kind.CHANGED_REVISIONS, e.kind());
            assertTrue(e.getMessage().startsWith("Cannot upgrade: revision r1 (" + InterruptedHistory.Step.class.getName()
                    + ") was applied to this database and edited since"), e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was changed."), e.getMessage());
            assertEquals(List.of("r1"), divemap.current().versionRows());
            // nothing to do is not refused: the edit matters to the next upgrade, and to check
            assertEquals(List.of(), divemap.upgrade("r1").revisions());
        }
        try (Divemap divemap = divemap(dataSource, p, false, edited, next)) {
            assertEquals(List.of("r2"), divemap.upgrade("head").revisions());
            assertEquals(List.of("r1"), divemap.check().changed());
        }
    }

    @ParameterizedTest
    @MethodSource(Databases.KINDS)
    void aStampedRevisionCannotBeVerifiedAndDoesNotStopAnUpgrade(Database kind) {
        String p = "w" + PREFIXES.incrementAndGet() + "_";
        DataSource dataSource = DATABASES.get(kind).dataSource();
        try (Divemap divemap = divemap(dataSource, p, true, revision(p, "r1", null, "a".repeat(64)))) {
            divemap.stamp(false, "r1");
        }
        try (Divemap divemap = divemap(dataSource, p, true, revision(p, "r1", null, "b".repeat(64)),
                revision(p, "r2", "r1", "c".repeat(64)))) {
            assertEquals(List.of("r2"), divemap.upgrade("head").revisions());
            assertEquals(List.of("r1"), divemap.check().unverifiable());
        }
    }
}
