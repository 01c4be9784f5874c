package it.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0001_users", message = "CreateUsers")
public final class CreateUsers implements Migration {
    @Override public void upgrade(Operations op) { op.createTable("users", Column.of("id", Type.integer()).primaryKey()); }
    @Override public void downgrade(Operations op) { op.dropTable("users"); }
}
