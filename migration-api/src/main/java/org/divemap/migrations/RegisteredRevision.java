package org.divemap.migrations;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One revision as recorded in a {@link RevisionRegistry}: the attributes of its {@link Revision}
 * annotation, the class that declares it, and a factory for the migration.
 *
 * @param id the revision id
 * @param revises the parents; empty for a base, two or more for a merge
 * @param branchLabels the labels declared on this revision (not the ones it inherits)
 * @param dependsOn ids or branch labels this revision depends on
 * @param message the one-line description, possibly empty
 * @param migrationClass the binary name of the declaring class ({@code com.example.Outer$Inner}); a
 *     name and not a {@code Class}, so that listing a thousand revisions loads none of their classes
 * @param irreversibleReason the reason given by {@link Irreversible}, or {@code null} when the
 *     revision can be downgraded
 * @param sourceDigest the SHA-256, in hex, of the tokens of the file that declares the migration
 *     (comments and layout left out), as the processor computed it; {@code null} for a registry
 *     written by hand or compiled without javac. The history table keeps it, so that {@code check}
 *     and {@code upgrade} can tell an applied migration whose code was edited.
 * @param factory creates a new instance of the migration, without reflection
 */
public record RegisteredRevision(
        String id,
        List<String> revises,
        List<String> branchLabels,
        List<String> dependsOn,
        String message,
        String migrationClass,
        String irreversibleReason,
        String sourceDigest,
        Supplier<? extends Migration> factory) {

    public RegisteredRevision {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("revision id must not be blank");
        }
        revises = List.copyOf(revises);
        branchLabels = List.copyOf(branchLabels);
        dependsOn = List.copyOf(dependsOn);
        message = message == null ? "" : message;
        Objects.requireNonNull(migrationClass, "migrationClass");
        Objects.requireNonNull(factory, "factory");
        if (sourceDigest != null && !isLowerHexSha256(sourceDigest)) {
            throw new IllegalArgumentException("sourceDigest must be a SHA-256 in lower-case hex, not " + sourceDigest);
        }
    }

    // a loop, not String.matches: a registry of 1,000 revisions would compile 1,000 patterns at start-up
    private static boolean isLowerHexSha256(String digest) {
        if (digest.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = digest.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** A revision without a source digest, as a registry written by hand gives it. */
    public RegisteredRevision(String id, List<String> revises, List<String> branchLabels, List<String> dependsOn,
            String message, String migrationClass, String irreversibleReason, Supplier<? extends Migration> factory) {
        this(id, revises, branchLabels, dependsOn, message, migrationClass, irreversibleReason, null, factory);
    }

    /** Whether {@code downgrade} undoes this revision, that is whether it is not {@link Irreversible}. */
    public boolean reversible() {
        return irreversibleReason == null;
    }

    /** A new instance of the migration. */
    public Migration newMigration() {
        return factory.get();
    }

    @Override
    public String toString() {
        return "RegisteredRevision[" + id + " revises " + revises + ", " + migrationClass + "]";
    }
}
