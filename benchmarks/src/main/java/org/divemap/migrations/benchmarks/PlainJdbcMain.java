package org.divemap.migrations.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** The baseline process: connect through HikariCP, run one query, exit. Args: url user password. */
public final class PlainJdbcMain {

    private PlainJdbcMain() {}

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        if (!args[1].isEmpty()) {
            config.setUsername(args[1]);
        }
        if (!args[2].isEmpty()) {
            config.setPassword(args[2]);
        }
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(0);
        try (HikariDataSource pool = new HikariDataSource(config);
                Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 1")) {
            rows.next();
        }
    }
}
