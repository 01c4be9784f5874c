package org.example.notes.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.DefaultValue;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0001_create_notes", message = "Create the notes table")
public final class CreateNotes implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.createTable("notes",
                Column.of("id", Type.integer()).autoIncrement().primaryKey(),
                Column.of("text", Type.varchar(500)),
                Column.of("created_at", Type.timestamp()).defaultValue(DefaultValue.currentTimestamp()));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("notes");
    }
}
