package test.migrations;

import org.divemap.migrations.Irreversible;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.Revision;

@Revision(id = "0006_drop_legacy_tokens",
          revises = "0005_merge")
@Irreversible(reason = "The legacy tokens are deleted; restore them from a backup.")
public final class DropLegacyTokens implements Migration {
    @Override
    public void upgrade(Operations op) {
        op.execute("DROP TABLE legacy_tokens");
    }
}
