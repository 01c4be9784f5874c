package org.divemap.migrations.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * The baseline process: connect through {@link DriverManager} (no pool: one connection is all a
 * one-shot program needs), run one query, exit. Args: url user password.
 */
public final class PlainJdbcMain {

    private PlainJdbcMain() {}

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        if (!args[1].isEmpty()) {
            properties.setProperty("user", args[1]);
        }
        if (!args[2].isEmpty()) {
            properties.setProperty("password", args[2]);
        }
        try (Connection connection = DriverManager.getConnection(args[0], properties);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 1")) {
            rows.next();
        }
    }
}
