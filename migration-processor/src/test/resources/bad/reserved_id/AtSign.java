package test.migrations;

import org.divemap.migrations.Irreversible;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;

@Revision(id = "0004_a@b",
          revises = "0003_add_country",
          branchLabels = {"x"})
public final class AtSign implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.execute("SELECT 1");
    }

    @Override
    public void downgrade(Operations op) {
        op.execute("SELECT 2");
    }
}
