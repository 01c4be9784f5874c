package test.migrations;

import org.divemap.migrations.Irreversible;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;

@Revision(id = "0004_add_photos",
          revises = "0003_add_country")
public final class AddPhotos implements Migration {
    private final String table;

    public AddPhotos(String table) {
        this.table = table;
    }

    @Override
    public void upgrade(Operations op) {
        op.execute("CREATE TABLE " + table + " (id INT)");
    }

    @Override
    public void downgrade(Operations op) {
        op.execute("DROP TABLE " + table);
    }
}
