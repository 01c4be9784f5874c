package org.divemap.migrations.spring.app;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0002_add_max_depth", revises = "0001_create_dive_sites", message = "Add max depth, and two sites")
public final class AddMaxDepth implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.addColumn("dive_sites", Column.of("max_depth", Type.integer()).nullable());
        op.execute("INSERT INTO dive_sites (id, name, max_depth) VALUES (1, 'Blue Hole', 120)");
        op.execute("INSERT INTO dive_sites (id, name, max_depth) VALUES (2, 'Thistlegorm', 30)");
    }

    @Override
    public void downgrade(Operations op) {
        op.execute("DELETE FROM dive_sites WHERE id IN (1, 2)");
        op.dropColumn("dive_sites", "max_depth");
    }
}
