package it.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0002_email", revises = "0001_users", message = "AddEmail")
public final class AddEmail implements Migration {
    @Override public void upgrade(Operations op) { op.addColumn("users", Column.of("email", Type.varchar(255)).nullable()); }
    @Override public void downgrade(Operations op) { op.dropColumn("users", "email"); }
}
