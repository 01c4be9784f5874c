package org.divemap.migrations.runtime.command;

import java.util.List;
import java.util.Optional;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.DivemapException.Kind;
import org.divemap.migrations.runtime.dialect.Dialect;
import org.divemap.migrations.runtime.graph.Plan;
import org.divemap.migrations.runtime.graph.RevisionMap;
import org.divemap.migrations.runtime.history.VersionTable;
import org.divemap.migrations.runtime.sql.OfflineOperations;

/**
 * The SQL of revisions, rendered without a database: the scripts of {@code upgrade --sql} and
 * {@code downgrade --sql}, one revision's statements, and the checksum a revision's SQL has.
 */
public final class OfflineScript {

    private final Setup setup;
    private final RevisionMap map;

    public OfflineScript(Context context) {
        this.setup = context.setup();
        this.map = context.map();
    }

    /**
     * The script of an upgrade ({@code upgrade} true) or a downgrade over {@code range}
     * ({@code FROM:TO}; an upgrade may give only a target, from base), version-table statements
     * included.
     */
    public String script(boolean upgrade, Operations.Database database, String range) {
        int colon = range.indexOf(':');
        if (colon < 0 && !upgrade) {
            throw new DivemapException(Kind.MALFORMED_TARGET, "An offline downgrade needs a range FROM:TO, such as"
                    + " head:base or 0005_photos:0002_sites: without a database there is no current revision.");
        }
        String from = colon < 0 ? "base" : range.substring(0, colon);
        String to = colon < 0 ? range : range.substring(colon + 1);
        List<String> rows = from.isEmpty() || from.equals("base") ? List.of() : map.resolve(from);
        Plan plan = upgrade ? map.upgrade(rows, to) : map.downgrade(rows, to);
        Dialect dialect = Dialect.of(database);
        setup.requireNamesFit(dialect);
        VersionTable versions = new VersionTable(dialect, setup.schema(), setup.versionTable());
        StringBuilder sql = new StringBuilder();
        sql.append("-- Divemap Migrations: ").append(upgrade ? "upgrade" : "downgrade").append(' ').append(from)
                .append(':').append(to).append(" for ").append(dialect.displayName()).append("\n\n");
        if (upgrade && rows.isEmpty()) {
            sql.append(versions.createStatement()).append(";\n\n");
        }
        List<String> before = Context.sorted(rows);
        for (Plan.Step step : plan.steps()) {
            RegisteredRevision revision = step.revision();
            requireRenderable(revision, step.upgrade());
            Migration migration = revision.newMigration();
            OfflineOperations operations;
            try {
                operations = render(migration, step.upgrade(), dialect);
            } catch (IllegalStateException | UnsupportedOperationException e) {
                throw new DivemapException(Kind.MIGRATION_FAILED, "Revision " + revision.id() + " ("
                        + revision.migrationClass() + ") cannot be rendered offline: " + e.getMessage()
                        + " Run it against the database instead.", e);
            }
            boolean transaction = dialect.transactionalDdl() && migration.transactional();
            sql.append("-- Running ").append(step.upgrade() ? "upgrade " : "downgrade ")
                    .append(step.upgrade() ? parents(revision) + " -> " + revision.id()
                            : revision.id() + " -> " + parents(revision))
                    .append(revision.message().isEmpty() ? "" : ", " + oneLine(revision.message())).append("\n");
            if (transaction) {
                sql.append("BEGIN;\n");
            }
            for (String statement : operations.executed()) {
                // op.commit() inside the script's transaction ends it there and opens the next
                sql.append(statement).append(transaction && statement.equals("COMMIT") ? ";\nBEGIN;\n" : ";\n");
            }
            for (String statement : versions.changeStatements(before, step.versionRowsAfter())) {
                sql.append(statement).append(";\n");
            }
            if (transaction) {
                sql.append("COMMIT;\n");
            }
            sql.append('\n');
            before = step.versionRowsAfter();
        }
        return sql.toString();
    }

    /**
     * The statements one revision's upgrade or downgrade renders for {@code database}; empty when the
     * migration needs the live database, since its statements then depend on the data.
     */
    public Optional<List<String>> statements(String revision, boolean upgrade, Operations.Database database) {
        RegisteredRevision registered = map.revision(revision);
        if (registered == null) {
            throw new DivemapException(Kind.UNKNOWN_REVISION, "No revision \"" + revision + "\" in this build.");
        }
        requireRenderable(registered, upgrade);
        try {
            return Optional.of(render(registered.newMigration(), upgrade, Dialect.of(database)).executed());
        } catch (IllegalStateException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * The checksum of {@code revision}'s upgrade as {@code dialect} renders it offline; empty when the
     * migration needs the live database to render.
     */
    Optional<String> checksum(RegisteredRevision revision, Dialect dialect) {
        try {
            return Optional.of(render(revision.newMigration(), true, dialect).checksum());
        } catch (IllegalStateException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static void requireRenderable(RegisteredRevision revision, boolean upgrade) {
        if (!upgrade && !revision.reversible()) {
            throw new DivemapException(Kind.IRREVERSIBLE, "Cannot render the downgrade of " + revision.id()
                    + ": it is @Irreversible (" + revision.irreversibleReason() + ").");
        }
    }

    /**
     * Runs one direction of a migration on operations that only record its SQL. Throws
     * IllegalStateException or UnsupportedOperationException when it needs the live database.
     */
    private OfflineOperations render(Migration migration, boolean upgrade, Dialect dialect) {
        OfflineOperations operations = new OfflineOperations(dialect, setup.namingConvention());
        if (upgrade) {
            migration.upgrade(operations);
        } else {
            migration.downgrade(operations);
        }
        return operations;
    }

    /** A message on one line: a line break would end the script's {@code --} comment, and the rest would run. */
    private static String oneLine(String message) {
        return message.replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " ");
    }

    static String parents(RegisteredRevision revision) {
        return revision.revises().isEmpty() ? "<base>" : String.join(", ", revision.revises());
    }
}
