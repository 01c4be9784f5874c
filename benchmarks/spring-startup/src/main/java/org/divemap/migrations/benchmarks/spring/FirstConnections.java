package org.divemap.migrations.benchmarks.spring;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Wraps the application's DataSource so that {@link CountingStartup} can tell how much of the
 * starter's beans' time is the pool's first connection (starting the pool, opening the database):
 * work the application does anyway, without the starter a moment later for JPA. Both variants of the
 * benchmark run with it.
 */
final class FirstConnections implements BeanPostProcessor {

    private final CountingStartup counting;

    FirstConnections(CountingStartup counting) {
        this.counting = counting;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof Counted)) {
            return new Counted(dataSource, counting);
        }
        return bean;
    }

    private static final class Counted extends DelegatingDataSource {
        private final CountingStartup counting;

        Counted(DataSource target, CountingStartup counting) {
            super(target);
            this.counting = counting;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counting.connection(() -> getTargetDataSource().getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counting.connection(() -> getTargetDataSource().getConnection(username, password));
        }
    }
}
