package org.divemap.backend.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0002_add_max_depth_and_alternative_names",
          revises = "0001_initial",
          message = "Add max_depth and alternative_names to dive sites")
public final class AddMaxDepthAndAlternativeNames implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.addColumn("dive_sites", Column.of("max_depth", Type.decimal(5, 2)).nullable());
        op.addColumn("dive_sites", Column.of("alternative_names", Type.text()).nullable());
    }

    @Override
    public void downgrade(Operations op) {
        op.dropColumn("dive_sites", "alternative_names");
        op.dropColumn("dive_sites", "max_depth");
    }
}
