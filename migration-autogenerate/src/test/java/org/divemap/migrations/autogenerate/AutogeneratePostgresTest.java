package org.divemap.migrations.autogenerate;

import org.divemap.migrations.Operations;

class AutogeneratePostgresTest extends AutogenerateLoopTest {
    @Override
    Operations.Database database() {
        return Operations.Database.POSTGRESQL;
    }
}
