package org.example.sites.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0002_add_country", revises = "0001_create_dive_sites", message = "Add country, and two sites")
public final class AddCountry implements Migration {

    @Override
    public void upgrade(Operations op) {
        op.addColumn("dive_sites", Column.of("country", Type.varchar(100)).nullable());
        op.execute("INSERT INTO dive_sites (id, name, country) VALUES (1, 'Blue Hole', 'Belize')");
        op.execute("INSERT INTO dive_sites (id, name, country) VALUES (2, 'Thistlegorm', 'Egypt')");
    }

    @Override
    public void downgrade(Operations op) {
        op.execute("DELETE FROM dive_sites WHERE id IN (1, 2)");
        op.dropColumn("dive_sites", "country");
    }
}
