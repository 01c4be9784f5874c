package org.divemap.migrations.spring;

import org.divemap.migrations.runtime.Divemap;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code divemap} health indicator, when the application has Spring Boot's health support. */
@AutoConfiguration(after = DivemapAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnEnabledHealthIndicator("divemap")
public final class DivemapHealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(Divemap.class)
    @ConditionalOnMissingBean(name = "divemapHealthIndicator")
    DivemapHealthIndicator divemapHealthIndicator(Divemap divemap) {
        return new DivemapHealthIndicator(divemap);
    }
}
