package com.example.db;

import org.divemap.migrations.*;

@Revision(id = "0001_initial", message = "Initial schema: users and dive sites")
public final class Initial implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.createTable("users",
                Column.of("id", Type.integer()).autoIncrement().primaryKey(),
                Column.of("username", Type.varchar(50)).unique(),
                Column.of("email", Type.varchar(255)).unique(),
                Column.of("password_hash", Type.varchar(255)),
                Column.of("google_id", Type.varchar(255)).nullable().unique(),
                Column.of("created_at", Type.timestamp()).defaultValue(DefaultValue.currentTimestamp()),
                Column.of("updated_at", Type.timestamp()).defaultValue(DefaultValue.currentTimestamp())
                        .onUpdateCurrentTimestamp(),
                Column.of("is_admin", Type.bool()).defaultValue(false),
                Column.of("is_moderator", Type.bool()).defaultValue(false));
        op.createTable("dive_sites",
                Column.of("id", Type.integer()).autoIncrement().primaryKey(),
                Column.of("name", Type.varchar(255)),
                Column.of("description", Type.text()).nullable(),
                Column.of("latitude", Type.decimal(10, 8)).nullable(),
                Column.of("longitude", Type.decimal(11, 8)).nullable(),
                Column.of("created_at", Type.timestamp()).defaultValue(DefaultValue.currentTimestamp()));
    }

    @Override
    public void downgrade(Operations op) {
        op.dropTable("dive_sites");
        op.dropTable("users");
    }
}
