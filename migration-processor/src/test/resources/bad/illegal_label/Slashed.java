package test.migrations;

import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;

@Revision(id = "0004_reports",
          revises = "0003_add_country",
          branchLabels = {"reports", "reports/2024"})
public final class Slashed implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.execute("SELECT 1");
    }

    @Override
    public void downgrade(Operations op) {
        op.execute("SELECT 2");
    }
}
