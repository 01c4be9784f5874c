package org.divemap.migrations.spring.app;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0001_create_dive_sites", message = "Create dive sites")
public final class CreateDiveSites implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.createTable("dive_sites",
                Column.of("id", Type.bigint()).primaryKey(),
                Column.of("name", Type.varchar(100)));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("dive_sites");
    }
}
