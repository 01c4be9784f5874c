package test.migrations;

import org.divemap.migrations.Irreversible;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;

@Revision(id = "0002_add_max_depth",
          revises = "0001_initial",
          message = "Add max_depth to dive sites")
public final class AddMaxDepth implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.execute("SELECT 1");
    }

    @Override
    public void downgrade(Operations op) {
        op.execute("SELECT 2");
    }
}
