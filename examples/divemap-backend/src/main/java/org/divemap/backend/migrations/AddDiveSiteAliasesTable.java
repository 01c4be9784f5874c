package org.divemap.backend.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.DefaultValue;
import org.divemap.migrations.Index;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.ReferentialAction;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

/** Kept with the id Alembic generated for it, so a database Alembic migrated is adopted as it is. */
@Revision(id = "29fac01eff2e",
          revises = "0002_add_max_depth_and_alternative_names",
          message = "Add dive_site_aliases table for alternative names")
public final class AddDiveSiteAliasesTable implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.createTable("dive_site_aliases",
                Column.of("id", Type.integer()).autoIncrement().primaryKey(),
                Column.of("dive_site_id", Type.integer()),
                Column.of("alias", Type.varchar(255)),
                Column.of("language", Type.varchar(10)).nullable(),
                Column.of("created_at", Type.timestamp()).defaultValue(DefaultValue.currentTimestamp()),
                Constraint.foreignKey("dive_site_id", "dive_sites", "id").onDelete(ReferentialAction.CASCADE),
                Constraint.unique("dive_site_id", "alias"));
        op.createIndex("dive_site_aliases", Index.on("alias"));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("dive_site_aliases");
    }
}
