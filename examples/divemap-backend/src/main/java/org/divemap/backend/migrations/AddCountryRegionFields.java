package org.divemap.backend.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0003_add_country_region_fields",
          revises = "75b96c8832aa",
          message = "Add country and region to dive sites")
public final class AddCountryRegionFields implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.addColumn("dive_sites", Column.of("country", Type.varchar(100)).nullable());
        op.addColumn("dive_sites", Column.of("region", Type.varchar(100)).nullable());
    }

    @Override
    public void downgrade(Operations op) {
        op.dropColumn("dive_sites", "region");
        op.dropColumn("dive_sites", "country");
    }
}
