package test.migrations;

import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;

public final class Holder {
    private Holder() {}

    @Revision(id = "1002_reporting_indexes", revises = "1001_reporting_views")
    public static final class ReportingIndexes implements Migration {
        @Override
        public void upgrade(Operations op) {
            op.execute("CREATE INDEX ix_report ON report (day)");
        }

        @Override
        public void downgrade(Operations op) {
            op.execute("DROP INDEX ix_report");
        }
    }
}
