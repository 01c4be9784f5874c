package org.divemap.migrations.benchmarks.sidebyside;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * The baseline process of {@code side-by-side.sh}: one connection from {@code DriverManager}, the
 * statements of a history in order on it (auto-commit, no bookkeeping), then exit. With
 * {@code --noop} instead of a file it connects and runs one query, as a plain JDBC program would.
 *
 * <pre>java -cp ... RawJdbcRun JDBC_URL (STATEMENTS_FILE | --noop)</pre>
 */
public final class RawJdbcRun {

    private RawJdbcRun() {}

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0]);
                Statement statement = connection.createStatement()) {
            if (args[1].equals("--noop")) {
                try (ResultSet rows = statement.executeQuery("SELECT 1")) {
                    rows.next();
                }
                return;
            }
            List<String> statements = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
            for (String sql : statements) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }
}
