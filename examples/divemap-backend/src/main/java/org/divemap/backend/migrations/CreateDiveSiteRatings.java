package org.divemap.backend.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Constraint;
import org.divemap.migrations.DefaultValue;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.ReferentialAction;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

/**
 * The first revision of the "ratings" side branch, developed beside 0004 and 0005 and merged back by
 * 0006_merge_ratings. Before the merge the label let {@code upgrade ratings@head} move this branch
 * alone; after it, every later revision carries the label too.
 */
@Revision(id = "ratings_0001_create_dive_site_ratings",
          revises = "0003_add_country_region_fields",
          branchLabels = "ratings",
          message = "Let users rate dive sites")
public final class CreateDiveSiteRatings implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.createTable("dive_site_ratings",
                Column.of("id", Type.integer()).autoIncrement().primaryKey(),
                Column.of("dive_site_id", Type.integer()),
                Column.of("user_id", Type.integer()),
                Column.of("score", Type.integer()),
                Column.of("created_at", Type.timestamp()).defaultValue(DefaultValue.currentTimestamp()),
                Constraint.foreignKey("dive_site_id", "dive_sites", "id").onDelete(ReferentialAction.CASCADE),
                Constraint.foreignKey("user_id", "users", "id").onDelete(ReferentialAction.CASCADE),
                Constraint.unique("dive_site_id", "user_id"),
                // the naming convention makes it ck_dive_site_ratings_score_range
                Constraint.check("score BETWEEN 1 AND 10").named("score_range"));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("dive_site_ratings");
    }
}
