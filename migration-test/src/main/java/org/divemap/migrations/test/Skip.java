package org.divemap.migrations.test;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A revision the standard checks pass over, for {@link MigrationTest#skip()}:
 *
 * <pre>{@code
 * @MigrationTest(skip = @Skip(revision = "0042_drop_legacy_tables",
 *                            reason = "irreversible by design: the legacy data is archived first"))
 * }</pre>
 *
 * <p>A skipped revision is still applied where a check walks through the history (the next ones
 * need it); it is just not checked. The reason is printed and recorded as the skip reason of that
 * revision's test.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Skip {

    /** The revision id, exactly. */
    String revision();

    /** Why it is skipped; required, so the report can say. */
    String reason();

    /** The checks that pass over it; empty (the default) for all of them. */
    Check[] checks() default {};
}
