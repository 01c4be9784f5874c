package org.divemap.backend.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0004_add_view_count_fields",
          revises = "0003_add_country_region_fields",
          message = "Count how often dive sites and user profiles are viewed")
public final class AddViewCountFields implements Migration {

    @Override
    public void upgrade(Operations op) {
        // NOT NULL with a default: existing rows get 0, no backfill needed
        op.addColumn("dive_sites", Column.of("view_count", Type.integer()).defaultValue(0));
        op.addColumn("users", Column.of("profile_view_count", Type.integer()).defaultValue(0));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropColumn("users", "profile_view_count");
        op.dropColumn("dive_sites", "view_count");
    }
}
