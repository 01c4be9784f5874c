package org.divemap.migrations.benchmarks.spring.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0002_step", revises = "0001_step")
public final class Step0002 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("sites", Column.of("country", Type.varchar(100)).nullable());
    }

    @Override
    public void downgrade(Operations op) {
        op.dropColumn("sites", "country");
    }
}
