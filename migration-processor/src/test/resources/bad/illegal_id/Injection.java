package test.migrations;

import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;

@Revision(id = "q2_;DROP/**/TABLE/**/q1;#",
          revises = "0003_add_country")
public final class Injection implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.execute("SELECT 1");
    }

    @Override
    public void downgrade(Operations op) {
        op.execute("SELECT 2");
    }
}
