package org.divemap.migrations.runtime.logging;

import java.util.List;
import org.divemap.migrations.Migration;
import org.divemap.migrations.Operations;
import org.divemap.migrations.RegisteredRevision;
import org.divemap.migrations.runtime.Divemap;

/** The program {@link LoggingTest} runs in a JVM of its own: one upgrade on H2, through a URL and a password. */
public final class LoggedUpgrade {

    static final String SECRET_VALUE = "s3cr3t-value";
    static final String PASSWORD = "pw-never-logged";

    public static void main(String[] args) {
        List<RegisteredRevision> revisions = List.of(new RegisteredRevision("0001_secrets", List.of(), List.of(),
                List.of(), "Secrets", Secrets.class.getName(), null, Secrets::new));
        try (Divemap divemap = Divemap.configure().dataSource(args[0], "sa", PASSWORD)
                .registries(() -> revisions).load()) {
            divemap.upgrade("head");
        }
    }

    /** Creates a table and inserts a value that must not reach the log. */
    public static final class Secrets implements Migration {
        @Override
        public void upgrade(Operations op) {
            op.execute("CREATE TABLE secrets (id INT PRIMARY KEY, val VARCHAR(50))");
            op.execute("INSERT INTO secrets (id, val) VALUES (?, ?)", 1, SECRET_VALUE);
        }

        @Override
        public void downgrade(Operations op) {
            op.execute("DROP TABLE secrets");
        }
    }
}
