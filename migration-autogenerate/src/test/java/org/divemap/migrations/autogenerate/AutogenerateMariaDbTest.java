package org.divemap.migrations.autogenerate;

import org.divemap.migrations.Operations;

class AutogenerateMariaDbTest extends AutogenerateLoopTest {
    @Override
    Operations.Database database() {
        return Operations.Database.MARIADB;
    }
}
