package org.divemap.migrations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a {@link Revision} cannot be downgraded, and why.
 *
 * <p>A migration that does not override {@link Migration#downgrade(Operations)} must carry this
 * annotation, or the build fails: whether a history can be rolled back is known at build time,
 * not discovered during an outage.
 *
 * <pre>{@code
 * @Revision(id = "0009_drop_legacy_tokens", revises = "0008_add_sessions")
 * @Irreversible(reason = "The legacy tokens are deleted; restore them from a backup.")
 * public final class DropLegacyTokens implements Migration { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Irreversible {

    /** Why this revision cannot be undone, and what an operator can do instead. Must not be blank. */
    String reason();
}
