package org.divemap.backend.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "ratings_0002_add_dive_site_rating",
          revises = "ratings_0001_create_dive_site_ratings",
          message = "Keep each dive site's average rating")
public final class AddDiveSiteRating implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.addColumn("dive_sites", Column.of("rating", Type.decimal(3, 1)).nullable());
    }

    @Override
    public void downgrade(Operations op) {
        op.dropColumn("dive_sites", "rating");
    }
}
