package org.divemap.migrations.benchmarks.spring.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0001_step")
public final class Step0001 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.createTable("sites", Column.of("id", Type.bigint()).primaryKey(), Column.of("name", Type.varchar(100)));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("sites");
    }
}
