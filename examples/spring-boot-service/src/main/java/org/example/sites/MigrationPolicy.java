package org.example.sites;

import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.spring.DivemapMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** In production the deployment pipeline migrates (divemap upgrade --safe); the service only checks. */
@Configuration
public class MigrationPolicy {

    @Bean
    @Profile("production")
    DivemapMigrationStrategy checkOnly() {
        return (divemap, target) -> {
            CheckResult check = divemap.check();
            if (!check.ok()) {
                throw new IllegalStateException("The database is not at head (pending: " + check.pending()
                        + ", changed: " + check.changed() + "). Run the migration job before this service.");
            }
        };
    }
}
