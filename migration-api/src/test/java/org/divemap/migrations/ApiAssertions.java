package org.divemap.migrations;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Assertions shared by the tests of the {@link Operations} value types. */
final class ApiAssertions {

    private ApiAssertions() {}

    /**
     * Asserts that {@code call} throws {@link IllegalArgumentException} whose message contains every
     * fragment, and returns the message.
     */
    static String assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        String message = e.getMessage();
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment),
                    () -> "expected the message to contain \"" + fragment + "\" but it was: " + message);
        }
        return message;
    }
}
