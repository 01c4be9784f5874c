package org.divemap.backend.migrations;

import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;

/** Joins the ratings branch back into the main line; written by {@code mvn divemap:merge}. */
@Revision(id = "0006_merge_ratings",
          revises = {"0005_add_user_diving_fields", "ratings_0002_add_dive_site_rating"},
          message = "Merge the ratings branch")
public final class MergeRatings implements Migration {

    @Override
    public void upgrade(Operations op) {
        // a merge revision changes nothing; it only joins the two lines
    }

    @Override
    public void downgrade(Operations op) {
        // nothing to undo
    }
}
