package it.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0002_add_photos", revises = "0001_users", message = "AddPhotos")
public final class AddPhotos implements Migration {
    @Override public void upgrade(Operations op) { op.execute("SELECT 1"); }
    @Override public void downgrade(Operations op) { op.execute("SELECT 1"); }
}
