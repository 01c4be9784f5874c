package org.divemap.backend.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0005_add_user_diving_fields",
          revises = "0004_add_view_count_fields",
          message = "Add diving certification and number of dives to users")
public final class AddUserDivingFields implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.addColumn("users", Column.of("diving_certification", Type.varchar(100)).nullable());
        op.addColumn("users", Column.of("number_of_dives", Type.integer()).defaultValue(0));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropColumn("users", "number_of_dives");
        op.dropColumn("users", "diving_certification");
    }
}
