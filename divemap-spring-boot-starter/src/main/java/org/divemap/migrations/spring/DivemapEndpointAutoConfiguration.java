package org.divemap.migrations.spring;

import org.divemap.migrations.runtime.Divemap;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code /actuator/divemap} endpoint, when the application has Actuator and exposes it. */
@AutoConfiguration(after = DivemapAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnAvailableEndpoint(DivemapEndpoint.class)
public final class DivemapEndpointAutoConfiguration {

    @Bean
    @ConditionalOnBean(Divemap.class)
    @ConditionalOnMissingBean
    DivemapEndpoint divemapEndpoint(Divemap divemap) {
        return new DivemapEndpoint(divemap);
    }
}
