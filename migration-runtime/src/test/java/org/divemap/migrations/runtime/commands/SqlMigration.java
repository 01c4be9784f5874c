package org.divemap.migrations.runtime.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;

/**
 * A test migration made of SQL statements, so tests can build small histories without the
 * processor: {@code SqlMigration.revision("0002", "0001").up("CREATE ...").down("DROP ...")}.
 */
public final class SqlMigration implements Migration {

    final List<String> up;
    final List<String> down;
    final boolean transactional;

    SqlMigration(List<String> up, List<String> down, boolean transactional) {
        this.up = up;
        this.down = down;
        this.transactional = transactional;
    }

    public SqlMigration() {
        this(List.of(), List.of(), true);
    }

    @Override
    public void upgrade(Operations op) {
        up.forEach(op::execute);
    }

    @Override
    public void downgrade(Operations op) {
        down.forEach(op::execute);
    }

    @Override
    public boolean transactional() {
        return transactional;
    }

    /** Builds one revision. */
    static Builder revision(String id, String... revises) {
        return new Builder(id, List.of(revises));
    }

    static final class Builder {
        final String id;
        final List<String> revises;
        final List<String> up = new ArrayList<>();
        final List<String> down = new ArrayList<>();
        List<String> labels = List.of();
        List<String> dependsOn = List.of();
        boolean transactional = true;
        String irreversible;
        Supplier<Migration> factory;

        Builder(String id, List<String> revises) {
            this.id = id;
            this.revises = revises;
        }

        Builder up(String... sql) {
            up.addAll(List.of(sql));
            return this;
        }

        Builder down(String... sql) {
            down.addAll(List.of(sql));
            return this;
        }

        Builder labels(String... labels) {
            this.labels = List.of(labels);
            return this;
        }

        Builder nonTransactional() {
            transactional = false;
            return this;
        }

        Builder irreversible(String reason) {
            irreversible = reason;
            return this;
        }

        Builder migration(Supplier<Migration> factory) {
            this.factory = factory;
            return this;
        }

        RegisteredRevision build() {
            List<String> u = List.copyOf(up);
            List<String> d = List.copyOf(down);
            boolean t = transactional;
            Supplier<Migration> f = factory != null ? factory : () -> new SqlMigration(u, d, t);
            return new RegisteredRevision(id, revises, labels, dependsOn, "Revision " + id, SqlMigration.class.getName(),
                    irreversible, f);
        }
    }
}
