package org.divemap.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegisteredRevisionTest {

    private static final String DIGEST = "0123456789abcdef".repeat(4);

    private static RegisteredRevision withDigest(String digest) {
        return new RegisteredRevision("a1", List.of(), List.of(), List.of(), "m", "x.A", null, digest,
                () -> op -> { });
    }

    @Test
    void acceptsALowerCaseHexSha256OrNone() {
        assertEquals(DIGEST, withDigest(DIGEST).sourceDigest());
        assertNull(withDigest(null).sourceDigest());
    }

    @Test
    void refusesAnyOtherDigest() {
        for (String bad : List.of("", DIGEST.substring(1), DIGEST + "0", DIGEST.toUpperCase(),
                DIGEST.substring(1) + "g", DIGEST.substring(1) + "/", DIGEST.substring(1) + ":",
                DIGEST.substring(1) + "`", DIGEST.substring(1) + " ")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withDigest(bad));
            assertEquals("sourceDigest must be a SHA-256 in lower-case hex, not " + bad, e.getMessage());
        }
    }
}
