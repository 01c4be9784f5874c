package org.divemap.migrations.benchmarks.sidebyside;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Liquibase's process in {@code side-by-side.sh}: {@code changelog.xml} in DIR (one changeset of one
 * {@code <sql>} per migration), the {@code update} command on one JDBC connection. INFO logging and
 * the console summary are turned off, and so is usage analytics.
 *
 * <pre>java -cp ... LiquibaseRun JDBC_URL DIR</pre>
 */
public final class LiquibaseRun {

    /** Held here: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger QUIET = Logger.getLogger("liquibase");

    private LiquibaseRun() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false");
        QUIET.setLevel(Level.WARNING);
        try (Connection connection = DriverManager.getConnection(args[0])) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(Path.of(args[1])),
                    Scope.Attr.ui.name(), new LoggerUIService());
            Scope.child(scope, () -> new CommandScope("update")
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, "changelog.xml")
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                    .execute());
        }
    }
}
