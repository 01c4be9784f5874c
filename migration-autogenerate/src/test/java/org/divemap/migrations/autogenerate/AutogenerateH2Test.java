package org.divemap.migrations.autogenerate;

import org.divemap.migrations.Operations;

class AutogenerateH2Test extends AutogenerateLoopTest {
    @Override
    Operations.Database database() {
        return Operations.Database.H2;
    }
}
