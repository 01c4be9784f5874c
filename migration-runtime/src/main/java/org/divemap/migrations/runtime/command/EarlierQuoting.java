package org.divemap.migrations.runtime.command;

import java.util.function.Function;
import org.divemap.migrations.runtime.dialect.Dialect;

/**
 * The one-time change of the SQL Divemap renders when it began to quote names only where needed.
 * Revisions applied before it carry in the history table the checksum of SQL that quoted every name
 * ({@code CREATE TABLE "dive_sites"}); the same revision now renders {@code CREATE TABLE dive_sites}.
 * {@code check} asks this class before it reports such a revision as changed: a recorded checksum
 * that the revision still gives when every name is quoted is the revision as it was applied.
 */
final class EarlierQuoting {

    private EarlierQuoting() {}

    /**
     * Whether {@code recorded} is the checksum of the revision rendered with every name quoted.
     *
     * @param checksum renders the revision for a dialect and returns the checksum of its SQL
     */
    static boolean matches(String recorded, Dialect dialect, Function<Dialect, String> checksum) {
        return recorded.equals(checksum.apply(dialect.quotingEveryName()));
    }
}
