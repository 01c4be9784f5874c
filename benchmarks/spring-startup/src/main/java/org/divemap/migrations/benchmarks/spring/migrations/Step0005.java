package org.divemap.migrations.benchmarks.spring.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0005_step", revises = "0004_step")
public final class Step0005 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("log_5", Column.of("id", Type.bigint()).primaryKey(), Column.of("note", Type.varchar(200)).nullable());
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("log_5");
    }
}
