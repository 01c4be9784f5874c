package test.migrations;

import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;

@Revision(id = "q1_a\\",
          revises = "0003_add_country")
public final class Backslash implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.execute("SELECT 1");
    }

    @Override
    public void downgrade(Operations op) {
        op.execute("SELECT 2");
    }
}
