package test.migrations;

import org.divemap.migrations.Irreversible;

@Irreversible(reason = "not a migration")
public final class Helper {
}
