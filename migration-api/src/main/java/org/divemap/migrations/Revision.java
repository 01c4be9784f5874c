package org.divemap.migrations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class as one revision of the schema history.
 *
 * <pre>{@code
 * @Revision(id = "0003_add_country_region_fields",
 *           revises = "0002_add_max_depth",
 *           message = "Add country and region to dive sites")
 * public final class AddCountryRegionFields implements Migration { ... }
 * }</pre>
 *
 * <p>The annotated class must be a public, concrete {@link Migration} with a public no-argument
 * constructor. The {@code migration-processor} annotation processor checks the whole revision graph
 * while the application compiles and generates the {@link RevisionRegistry} the runtime reads.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Revision {

    /**
     * The revision's unique id, as stored in the version table. It holds only letters ({@code a-z},
     * {@code A-Z}), digits, {@code _} and {@code .}, since it is also typed as a revision target,
     * written into SQL and used in file names; and it is not {@code head}, {@code heads} or
     * {@code base}. Alembic's hex ids ({@code 29fac01eff2e}) and numbered ones
     * ({@code 0003_add_country_region_fields}) fit. Anything else is a compile error that names the
     * character.
     */
    String id();

    /**
     * The revisions this one follows: empty for a base, one id for an ordinary revision, two or
     * more for a merge revision.
     */
    String[] revises() default {};

    /**
     * Names for the line of history that starts (or continues) at this revision, under the same
     * rule as {@link #id()}.
     */
    String[] branchLabels() default {};

    /**
     * Revisions (ids or branch labels) that must be applied before this one without being its
     * parents, as Alembic's {@code depends_on}.
     */
    String[] dependsOn() default {};

    /** A one-line description shown by {@code history} and {@code show}. */
    String message() default "";
}
