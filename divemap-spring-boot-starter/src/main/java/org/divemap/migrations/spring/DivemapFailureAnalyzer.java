package org.divemap.migrations.spring;

import org.divemap.migrations.runtime.DivemapException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a start-up stopped by the migration as Spring Boot prints its own failures: Divemap's
 * message (what happened, the evidence, the next step) instead of a stack of bean-creation errors.
 */
final class DivemapFailureAnalyzer extends AbstractFailureAnalyzer<DivemapException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DivemapException cause) {
        String description = "Divemap could not bring the database to the configured target (" + cause.kind()
                + "):\n\n" + cause.getMessage();
        String action = switch (cause.kind()) {
            case CONNECTION -> "Check spring.datasource.* (or spring.divemap.url, user and password) and that the"
                    + " database is running.";
            case CONFIGURATION, MALFORMED_TARGET, UNKNOWN_REVISION, AMBIGUOUS_TARGET, INVALID_RANGE ->
                    "Correct the spring.divemap.* properties named above.";
            case LOCK_TIMEOUT -> "Wait for the other migration to finish, or raise spring.divemap.lock-wait.";
            default -> "Do what the message above says, then start the application again. To start it without"
                    + " migrating, set spring.divemap.enabled=false.";
        };
        return new FailureAnalysis(description, action, cause);
    }
}
