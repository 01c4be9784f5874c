package org.divemap.migrations.spring;

import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The configuration docs/spring-boot.md shows: a second DataSource, for the migrations only. */
@Configuration(proxyBeanMethods = false)
class MigrationsDataSource {

    @Bean(defaultCandidate = false)
    @DivemapDataSource
    DataSource migrations(Environment environment) {
        return DataSourceBuilder.create()
                .url(environment.getProperty("migrations.url"))
                .username(environment.getProperty("migrations.user"))
                .password(environment.getProperty("migrations.password"))
                .build();
    }
}
