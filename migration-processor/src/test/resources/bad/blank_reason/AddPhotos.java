package test.migrations;

import org.divemap.migrations.Irreversible;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;

@Revision(id = "0004_add_photos",
          revises = "0003_add_country")
@Irreversible(reason = " ")
public final class AddPhotos implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.execute("DROP TABLE legacy_tokens");
    }
}
