package org.divemap.migrations.spring;

import java.util.List;
import javax.sql.DataSource;
import org.divemap.migrations.runtime.Configuration;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.DivemapException;
import org.divemap.migrations.runtime.MigrationListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition.ConfigurationPhase;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;

/**
 * Migrates the application's database to head at start-up, before the JPA
 * {@code EntityManagerFactory} and everything else that uses the database.
 *
 * <p>Applies when the application has a {@link DataSource} bean or sets {@code spring.divemap.url},
 * unless {@code spring.divemap.enabled=false}. It migrates the {@code DataSource} bean marked
 * {@link DivemapDataSource} if there is one. It defines a {@link Divemap} (the application may
 * define its own instead) and a {@link DivemapMigrationInitializer} that upgrades it to
 * {@code spring.divemap.target}, or hands it to the application's {@link DivemapMigrationStrategy}.
 * Spring Boot's database-initialization ordering ({@link DatabaseInitializationDependencyConfigurer})
 * makes the beans that use the database wait for that initializer.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Divemap.class)
@ConditionalOnBooleanProperty(name = "spring.divemap.enabled", matchIfMissing = true)
@Conditional(DivemapAutoConfiguration.DatabaseCondition.class)
@EnableConfigurationProperties(DivemapProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class DivemapAutoConfiguration {

    /**
     * The application's migrations, on the {@code DataSource} bean marked {@link DivemapDataSource} if
     * there is one, otherwise on a connection of their own when {@code spring.divemap.url} or
     * {@code spring.divemap.user} is set, otherwise on the application's {@code DataSource}. Every
     * {@link MigrationListener} bean hears the commands it runs.
     */
    @Bean
    @ConditionalOnMissingBean
    Divemap divemap(DivemapProperties properties, @DivemapDataSource ObjectProvider<DataSource> divemapDataSource,
            ObjectProvider<DataSource> dataSource, ObjectProvider<JdbcConnectionDetails> connectionDetails,
            ObjectProvider<MigrationListener> listeners, ResourceLoader resourceLoader) {
        Configuration configuration = Divemap.configure();
        DataSource marked = divemapDataSource.getIfAvailable();
        if (marked != null) {
            configuration.dataSource(marked);
        } else if (properties.getUrl() != null || properties.getUser() != null) {
            JdbcConnectionDetails application = connectionDetails.getIfAvailable();
            String url = properties.getUrl() != null ? properties.getUrl()
                    : application != null ? application.getJdbcUrl() : null;
            if (url == null) {
                throw new DivemapException(DivemapException.Kind.CONFIGURATION, "spring.divemap.user is set but no"
                        + " JDBC URL is known to connect with: set spring.divemap.url, or spring.datasource.url for"
                        + " the application's connection.");
            }
            boolean ownUser = properties.getUser() != null;
            configuration.dataSource(url, ownUser ? properties.getUser() : application != null ? application.getUsername() : null,
                    ownUser ? properties.getPassword() : application != null ? application.getPassword() : null);
        } else {
            configuration.dataSource(dataSource.getObject());
        }
        ClassLoader classLoader = resourceLoader.getClassLoader();
        if (classLoader != null) {
            configuration.classLoader(classLoader);
        }
        List<MigrationListener> all = listeners.orderedStream().toList();
        if (!all.isEmpty()) {
            configuration.listener(all.size() == 1 ? all.get(0) : new CompositeMigrationListener(all));
        }
        return configuration.versionTable(properties.getVersionTable())
                .historyTable(properties.getHistoryTable())
                .schema(properties.getSchema())
                .lockWait(properties.getLockWait())
                .recordEvery(properties.getRecordEvery())
                .validateOnMigrate(properties.isValidateOnMigrate())
                .load();
    }

    /** Upgrades the database while the context starts; JPA and JDBC beans wait for it. */
    @Bean
    @ConditionalOnMissingBean
    DivemapMigrationInitializer divemapMigrationInitializer(Divemap divemap, DivemapProperties properties,
            ObjectProvider<DivemapMigrationStrategy> strategy) {
        return new DivemapMigrationInitializer(divemap, properties.getTarget(), strategy.getIfAvailable());
    }

    /** A {@code DataSource} bean, or a URL of its own to migrate. */
    static final class DatabaseCondition extends AnyNestedCondition {

        DatabaseCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        private static final class DataSourceBean {}

        @ConditionalOnProperty(prefix = "spring.divemap", name = "url")
        private static final class OwnUrl {}
    }
}
