package it.migrations;

import org.divemap.migrations.Column;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;
import org.divemap.migrations.Type;

@Revision(id = "0002_reports", revises = "0001_users", branchLabels = "reporting", message = "Reports")
public final class Reports implements Migration {
    @Override public void upgrade(Operations op) { op.createTable("reports", Column.of("id", Type.integer()).primaryKey()); }
    @Override public void downgrade(Operations op) { op.dropTable("reports"); }
}
