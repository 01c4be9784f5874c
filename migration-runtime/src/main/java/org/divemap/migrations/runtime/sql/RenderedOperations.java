package org.divemap.migrations.runtime.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.divemap.migrations.Column;
import org.divemap.migrations.ColumnChange;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.Index;
import org.divemap.migrations.NamingConvention;
import org.divemap.migrations.OnlineDdl;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Table;
import org.divemap.migrations.runtime.dialect.Ddl;
import org.divemap.migrations.runtime.dialect.Dialect;

/**
 * What the operations of a migration do alike online and offline: each schema-changing call is
 * rendered by the dialect's {@link Ddl}, remembered with how to undo it, and digested into the
 * checksum the history table keeps, which is the same online and offline. What is done with each
 * rendered statement is the subclass's: {@link LiveOperations} runs it on a connection,
 * {@link OfflineOperations} only records it for a script.
 */
public abstract sealed class RenderedOperations implements Operations permits LiveOperations, OfflineOperations {

    final Dialect dialect;
    final Ddl ddl;
    final OnlineDdl online;
    final NamingConvention names;
    final Log log;
    /** Set while an operation runs its own statements, so they are not recorded as raw executes. */
    private boolean internal;

    /** What ran, shared by the views {@link #online(OnlineDdl)} returns. */
    static class Log {
        final List<String> executed = new ArrayList<>();
        final List<Done> done = new ArrayList<>();
        /** The SHA-256 of the migration's SQL as an offline script would print it. */
        final MessageDigest rendered = sha256();
        String failed;
    }

    RenderedOperations(Dialect dialect, NamingConvention names, OnlineDdl online, Log log) {
        this.dialect = dialect;
        this.ddl = Ddl.of(dialect);
        this.names = names;
        this.online = online;
        this.log = log;
    }

    /**
     * A new SHA-256 digest: a copy of one looked up once, as looking a digest up through the security
     * providers costs more than the digest of a migration's SQL.
     */
    static MessageDigest sha256() {
        try {
            return (MessageDigest) Sha256.PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return Sha256.lookUp();
        }
    }

    private static final class Sha256 {
        static final MessageDigest PROTOTYPE = lookUp();

        static MessageDigest lookUp() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
        }
    }

    /**
     * An operation that ran, with the statements that undo it (null when unknown) and the table it
     * changed (null when not known, as for {@code execute}).
     */
    public record Done(String description, List<String> statements, List<String> inverse, Subject subject) {
        Done(String description, List<String> statements, List<String> inverse) {
            this(description, statements, inverse, null);
        }

        Done describedAs(String text) {
            return new Done(text, statements, inverse, subject);
        }
    }

    /** The table an operation changed: one it created, or one it renamed to {@code renamedTo}. */
    public record Subject(String table, boolean creates, String renamedTo) {
        static Subject of(String table) {
            return new Subject(table, false, null);
        }
    }

    /** Runs or records one rendered statement; throws {@link StatementFailed} when it fails. */
    abstract void send(String sql);

    /** Runs or records {@code sql} with {@code params} bound, {@code inline} being it with them written in. */
    abstract void send(String sql, String inline, Object[] params);

    /** A view of these operations with other online-DDL options, sharing what ran. */
    abstract RenderedOperations withOnline(OnlineDdl options);

    void render(String statement) {
        log.rendered.update((statement + ";\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The checksum of everything this migration rendered: the same online and offline. */
    public String checksum() {
        return HexFormat.of().formatHex(log.rendered.digest());
    }

    /** The statements that completed, in order. */
    public List<String> executed() {
        return List.copyOf(log.executed);
    }

    /** The statement that failed, or null. */
    public String failedStatement() {
        return log.failed;
    }

    void run(List<String> statements) {
        statements.forEach(this::execute);
    }

    /**
     * Runs one operation's statements and remembers how to undo it: {@code inverse} holds the
     * statements that revert it, or is null when they are not known. An operation that fails after
     * some of its statements ran is remembered as not undoable, with those statements.
     */
    void run(String description, List<String> statements, List<String> inverse) {
        run(null, description, statements, inverse);
    }

    /** Like {@link #run(String, List, List)}, for an operation that changes the table {@code subject} names. */
    void run(Subject subject, String description, List<String> statements, List<String> inverse) {
        List<String> ran = new ArrayList<>();
        boolean outer = !internal;
        internal = true;
        try {
            for (String statement : statements) {
                execute(statement);
                ran.add(statement);
            }
        } finally {
            if (outer) {
                internal = false;
            }
            if (!ran.isEmpty()) {
                boolean complete = ran.size() == statements.size();
                log.done.add(new Done(description, List.copyOf(ran), complete ? inverse : null, subject));
            }
        }
    }

    @Override
    public final void execute(String sql) {
        if (!internal) {
            internal = true;
            try {
                run("execute", List.of(sql), null);
            } finally {
                internal = false;
            }
            return;
        }
        render(sql);
        send(sql);
        log.executed.add(sql);
    }

    @Override
    public final void execute(String sql, Object... params) {
        String inline = ddl.inline(sql, params);
        render(inline);
        send(sql, inline, params);
        log.executed.add(inline);
        // like execute(sql): it ran and cannot be undone, so a failure later lists it and stops the undo there
        log.done.add(new Done("execute", List.of(inline), null));
    }

    /** Commits the open transaction, after what the migration did so far; offline, nothing. */
    abstract void sendCommit();

    @Override
    public final void commit() {
        render("COMMIT");
        sendCommit();
        log.executed.add("COMMIT");
    }

    @Override
    public final Database database() {
        return dialect.database();
    }

    @Override
    public final NamingConvention namingConvention() {
        return names;
    }

    @Override
    public final void createTable(Table table) {
        run(new Subject(table.name(), true, null), "createTable " + table.name(), ddl.createTable(table, names),
                ddl.dropTable(table.name()));
    }

    @Override
    public final void dropTable(String table) {
        run(Subject.of(table), "dropTable " + table, ddl.dropTable(table), null);
    }

    @Override
    public final void renameTable(String from, String to) {
        run(new Subject(from, false, to), "renameTable " + from + " to " + to, ddl.renameTable(from, to),
                ddl.renameTable(to, from));
    }

    @Override
    public final void addColumn(String table, Column column) {
        run(Subject.of(table), "addColumn " + table + "." + column.name(), ddl.addColumn(table, column, online, names),
                ddl.dropColumn(table, column.name(), OnlineDdl.DEFAULT));
    }

    @Override
    public final void dropColumn(String table, String column) {
        run(Subject.of(table), "dropColumn " + table + "." + column, ddl.dropColumn(table, column, online), null);
    }

    @Override
    public final void alterColumn(String table, ColumnChange change) {
        ColumnChange inverse = change.inverse().orElse(null);
        run(Subject.of(table), "alterColumn " + table + "." + change.column(), ddl.alterColumn(table, change, online),
                inverse == null ? null : ddl.alterColumn(table, inverse, OnlineDdl.DEFAULT));
    }

    @Override
    public final void createIndex(String table, Index index) {
        List<String> create = ddl.createIndex(table, index, names, online);
        run(Subject.of(table), "createIndex " + names.nameFor(table, index).orElse("") + " on " + table, create,
                ddl.dropIndex(table, names.nameFor(table, index).orElseThrow(), OnlineDdl.DEFAULT));
    }

    @Override
    public final void dropIndex(String table, String name) {
        run(Subject.of(table), "dropIndex " + name + " on " + table, ddl.dropIndex(table, name, online), null);
    }

    @Override
    public void addConstraint(String table, Constraint constraint) {
        String name = names.nameFor(table, constraint).orElse(null);
        run(Subject.of(table), "addConstraint " + (name != null ? name : constraint.kind()) + " on " + table,
                ddl.addConstraint(table, constraint, names),
                name == null ? null : ddl.dropConstraint(table, name, constraint.kind()));
    }

    @Override
    public final void dropConstraint(String table, String name, Constraint.Kind kind) {
        run(Subject.of(table), "dropConstraint " + name + " on " + table, ddl.dropConstraint(table, name, kind), null);
    }

    @Override
    public final Operations online(OnlineDdl options) {
        return withOnline(options);
    }

    /** A statement of a migration failed; carries the statement for the report. */
    public static final class StatementFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StatementFailed(String statement, java.sql.SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
