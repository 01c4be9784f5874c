package org.divemap.migrations.runtime.command;

import java.util.List;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.MigrationResult;
import org.divemap.migrations.runtime.sql.LiveOperations;
import org.divemap.migrations.runtime.sql.RenderedOperations;

/** The text of a failed migration: the revision, the cause, the failing statement, and what was done about it. */
final class FailureReport {

    private FailureReport() {}

    private static String rows(List<String> rows) {
        return rows.isEmpty() ? "(empty)" : String.join(", ", rows);
    }

    /**
     * @param undo what undoing the migration achieved, or null when its transaction was rolled back
     * @param before the version rows as the run left them before it, naming the revision before it
     * @param now the version rows as the table holds them after the failure
     * @param done the revisions this run completed before it
     */
    static String of(RegisteredRevision revision, boolean upgrade, LiveOperations operations, String cause,
            LiveOperations.UndoReport undo, List<String> before, List<String> now, List<MigrationResult.Step> done) {
        StringBuilder text = new StringBuilder();
        text.append("Revision ").append(revision.id()).append(" (").append(revision.migrationClass())
                .append(") failed during ").append(upgrade ? "upgrade" : "downgrade").append(": ").append(cause);
        if (operations.failedStatement() != null) {
            text.append("\n  Failing statement: ").append(operations.failedStatement());
        }
        if (undo == null) {
            text.append(operations.committedEarly()
                    ? "\n  It was rolled back to its last commit: op.batchUpdate commits the work before it and"
                            + " each batch, and those stay. Once fixed, run it again (its batch action must be"
                            + " safe to repeat), or undo them by hand."
                    : "\n  It was rolled back completely.");
        } else if (undo.undone().isEmpty() && undo.kept().isEmpty()) {
            text.append("\n  None of its statements had run.");
        } else {
            if (!undo.undone().isEmpty()) {
                text.append("\n  The database commits each DDL statement, so what ran before the failure was undone:");
                undo.undone().forEach(op -> text.append("\n    undone: ").append(op.description()));
            }
            if (undo.complete()) {
                text.append("\n  The schema is back at the previous revision.");
            } else {
                text.append("\n  These statements ran before the failure and could not be undone automatically"
                        + (undo.failure() != null ? " (" + undo.failure() + ")" : "")
                        + "; undo them by hand, or restore a backup, before running again:");
                for (RenderedOperations.Done op : undo.kept()) {
                    op.statements().forEach(sql -> text.append("\n    ").append(sql).append(';'));
                }
            }
        }
        text.append("\n  ").append(revision.id()).append(" is not recorded: the version table ");
        if (now.equals(before)) {
            text.append("still says ").append(rows(before)).append('.');
        } else { // changed behind the run's back, or a batch before it could not be recorded
            text.append("says ").append(rows(now)).append(" (this run left it at ").append(rows(before)).append(").");
        }
        if (!done.isEmpty()) {
            text.append(" Revisions completed before it in this run: ")
                    .append(String.join(", ", done.stream().map(MigrationResult.Step::revision).toList())).append('.');
        }
        return text.toString();
    }

    /** What the report adds when the revision left changes: the mark that stops later runs. */
    static String marked(String revision) {
        return "\n  The history table marks " + revision + " as having left changes: later runs refuse to start until"
                + " a stamp says where the schema is, or, if its migration is declared re-runnable, until one retries"
                + " it (retryInterrupted, --retry-interrupted); see docs/troubleshooting.md#interrupted_revision.";
    }
}
