package org.divemap.backend.migrations;

import org.divemap.migrations.Index;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;

/** An index in its own migration: on a large table it can be built (or dropped) on its own. */
@Revision(id = "0007_add_dive_sites_rating_index",
          revises = "0006_merge_ratings",
          message = "Index dive sites by rating")
public final class AddDiveSitesRatingIndex implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.createIndex("dive_sites", Index.on("rating").named("idx_dive_sites_rating"));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropIndex("dive_sites", "idx_dive_sites_rating");
    }
}
