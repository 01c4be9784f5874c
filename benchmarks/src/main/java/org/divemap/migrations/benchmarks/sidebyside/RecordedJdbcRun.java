package org.divemap.migrations.benchmarks.sidebyside;

import com.mysql.cj.jdbc.JdbcConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.divemap.migrations.benchmarks.RecordingFloor;

/**
 * The floor of recording each revision on MySQL and MariaDB, as a whole process beside
 * {@link RawJdbcRun}: the same statements on one connection, each followed by the two writes Divemap
 * makes for a revision there, and no other work of a migration tool. The writes are the version row's
 * {@code UPDATE} and one upsert that finishes the revision's history row and inserts the next
 * revision's mark, both prepared once on the server and left open for the next statement's implicit
 * commit (the last ones committed at the end); the first revision's mark is committed before it
 * runs. (The last revision's upsert inserts a mark for a revision that does not come, which Divemap
 * leaves out: one row in a run.) What this process costs above raw JDBC is the price of the
 * per-revision guarantee on the server; what Divemap costs above this process is Divemap's own.
 *
 * <pre>java -cp ... RecordedJdbcRun JDBC_URL STATEMENTS_FILE</pre>
 */
public final class RecordedJdbcRun {

    private static final String CHECKSUM = "0".repeat(64);

    private RecordedJdbcRun() {}

    public static void main(String[] args) throws Exception {
        List<String> statements = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8).stream()
                .filter(sql -> !sql.isBlank()).toList();
        try (Connection connection = DriverManager.getConnection(args[0]);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE recorded_version (version_num VARCHAR(255) NOT NULL PRIMARY KEY)");
            statement.execute("CREATE TABLE recorded_history (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                    + " revision VARCHAR(255) NOT NULL, direction VARCHAR(5) NOT NULL, started_at DATETIME(3) NOT NULL,"
                    + " duration_ms BIGINT NOT NULL, success BOOLEAN NOT NULL, os_user VARCHAR(255), host VARCHAR(255),"
                    + " checksum VARCHAR(64), error TEXT, source_checksum VARCHAR(64))");
            statement.execute("INSERT INTO recorded_version VALUES ('r0')");
            JdbcConnection driver = connection.unwrap(JdbcConnection.class);
            try (PreparedStatement version = driver.serverPrepareStatement(
                            "UPDATE recorded_version SET version_num = ? WHERE version_num = ?");
                    PreparedStatement record = driver.serverPrepareStatement("INSERT INTO recorded_history (id,"
                            + " revision, direction, started_at, duration_ms, success, os_user, host, checksum, error,"
                            + " source_checksum) VALUES (NULL, ?, 'up', UTC_TIMESTAMP(3), 0, FALSE, 'deploy', 'host',"
                            + " NULL, ?, NULL), (?, ?, 'up', UTC_TIMESTAMP(3), ?, TRUE, 'deploy', 'host', ?, NULL, ?)"
                            + " ON DUPLICATE KEY UPDATE duration_ms = VALUES(duration_ms), success = VALUES(success),"
                            + " checksum = VALUES(checksum), error = VALUES(error),"
                            + " source_checksum = VALUES(source_checksum)", Statement.RETURN_GENERATED_KEYS)) {
                long mark = firstMark(statement);
                connection.setAutoCommit(false);
                for (int i = 1; i <= statements.size(); i++) {
                    statement.execute(statements.get(i - 1));
                    version.setString(1, "r" + i);
                    version.setString(2, "r" + (i - 1));
                    if (version.executeUpdate() != 1) {
                        throw new IllegalStateException("the version row was not r" + (i - 1));
                    }
                    record.setString(1, "r" + (i + 1));
                    record.setString(2, RecordingFloor.MARK);
                    record.setLong(3, mark);
                    record.setString(4, "r" + i);
                    record.setLong(5, 2);
                    record.setString(6, CHECKSUM);
                    record.setString(7, CHECKSUM);
                    record.executeUpdate();
                    try (ResultSet keys = record.getGeneratedKeys()) {
                        keys.next();
                        mark = keys.getLong(1);
                    }
                }
                connection.commit();
            }
        }
    }

    /** Inserts, under auto-commit, the first revision's mark and returns its id. */
    private static long firstMark(Statement statement) throws SQLException {
        statement.executeUpdate("INSERT INTO recorded_history (revision, direction, started_at, duration_ms, success,"
                + " os_user, host, error) VALUES ('r1', 'up', UTC_TIMESTAMP(3), 0, FALSE, 'deploy', 'host', '"
                + RecordingFloor.MARK.replace("\n", "\\n") + "')", Statement.RETURN_GENERATED_KEYS);
        try (ResultSet keys = statement.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
