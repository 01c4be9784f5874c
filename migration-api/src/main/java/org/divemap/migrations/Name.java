package org.divemap.migrations;

/**
 * The name of an index or constraint, and whether the {@link NamingConvention} may still change it.
 *
 * <p>A name given with {@code named("max_depth_positive")} is {@linkplain #of(String) plain}: a
 * convention whose template contains {@code {constraint}} builds the final name from it
 * ({@code ck_dives_max_depth_positive}). A name wrapped with {@link Operations#f(String) op.f(...)}
 * or {@link #converted(String)} is final and used exactly as written, as Alembic's {@code op.f()}.
 *
 * @param value the name as written; never blank
 * @param converted {@code true} if the name is final and no convention applies to it
 */
public record Name(String value, boolean converted) {

    /** Checks that the name is not blank. */
    public Name {
        Checks.identifier(value, "a constraint or index name");
    }

    /** A plain name, which a convention containing {@code {constraint}} still builds on. */
    public static Name of(String value) {
        return new Name(value, false);
    }

    /** A final name, used exactly as written. Same as {@link Operations#f(String)}. */
    public static Name converted(String value) {
        return new Name(value, true);
    }

    /** The name as written. */
    @Override
    public String toString() {
        return value;
    }
}
