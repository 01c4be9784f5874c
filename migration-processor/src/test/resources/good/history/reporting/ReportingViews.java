package test.migrations.reporting;

import org.divemap.migrations.Irreversible;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;

@Revision(id = "1001_reporting_views",
          revises = "0002_add_max_depth",
          branchLabels = {"reporting"},
          dependsOn = {"0003_add_country_region_fields"},
          message = "Reporting views")
public final class ReportingViews implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.execute("SELECT 1");
    }

    @Override
    public void downgrade(Operations op) {
        op.execute("SELECT 2");
    }
}
