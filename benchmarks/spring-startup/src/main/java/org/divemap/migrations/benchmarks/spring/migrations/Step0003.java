package org.divemap.migrations.benchmarks.spring.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0003_step", revises = "0002_step")
public final class Step0003 implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.addColumn("sites", Column.of("depth", Type.integer()).nullable());
    }

    @Override
    public void downgrade(Operations op) {
        op.dropColumn("sites", "depth");
    }
}
