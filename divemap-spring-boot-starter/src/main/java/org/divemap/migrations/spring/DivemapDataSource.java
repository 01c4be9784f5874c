package org.divemap.migrations.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks the {@code DataSource} bean the starter migrates, instead of the application's primary one,
 * as Spring Boot's {@code @FlywayDataSource} does for Flyway:
 *
 * <pre>{@code
 * @Bean(defaultCandidate = false)
 * @DivemapDataSource
 * DataSource migrations() {
 *     return DataSourceBuilder.create().url("jdbc:mysql://db:3306/shop").username("divemap_ddl").build();
 * }
 * }</pre>
 *
 * <p>With {@code defaultCandidate = false} the bean is injected only where this qualifier asks for
 * it, so Spring Boot still configures the application's own {@code DataSource} from
 * {@code spring.datasource.*} and JPA uses that one. The marked bean takes precedence over
 * {@code spring.divemap.url} and {@code spring.divemap.user}. Divemap borrows connections from it and
 * does not close it.
 *
 * @since 0.1.0
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface DivemapDataSource {}
