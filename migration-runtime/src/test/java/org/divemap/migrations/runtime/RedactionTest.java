package org.divemap.migrations.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a command-line parser quotes back is masked when the arguments name a password, however misspelt. */
class RedactionTest {

    private static String masked(String message, String... arguments) {
        return Redaction.arguments(message, List.of(arguments));
    }

    @Test
    void theValueOfAnOptionNamedLikeAPasswordIsMasked() {
        for (String option : List.of("--password", "--pasword", "--passwrod", "--passwd", "--paswd", "--pass",
                "--pwd", "--pw", "-p", "--db-password", "--PASSWORD", "-password", "--client-secret")) {
            assertEquals("Unknown options: '" + option + "', '****'",
                    masked("Unknown options: '" + option + "', 'Hunter2!'", "current", option, "Hunter2!"), option);
            assertEquals("Unknown option: '" + option + "=****'",
                    masked("Unknown option: '" + option + "=Hunter2!'", "current", option + "=Hunter2!"), option);
        }
        assertEquals("Unknown option: '-p****'", masked("Unknown option: '-pHunter2!'", "current", "-pHunter2!"));
        assertEquals("Unknown option: '-p****'", masked("Unknown option: '-pMy-Secret'", "current", "-pMy-Secret"));
    }

    @Test
    void otherOptionsAndShortSecretsLeaveTheMessageReadable() {
        assertEquals("Unknown options: '--bogus', 'value'",
                masked("Unknown options: '--bogus', 'value'", "upgrade", "--bogus", "value"));
        assertEquals("Unknown options: '--user', 'root'", masked("Unknown options: '--user', 'root'", "--user", "root"));
        // the option after a password-like one is not its value
        assertEquals("Unknown option: '--pass'", masked("Unknown option: '--pass'", "--pass", "--json"));
        // a one-letter secret is masked where it is quoted, not in every word
        assertEquals("Unknown options: '--pass', '****'", masked("Unknown options: '--pass', 's'", "--pass", "s"));
    }

    @Test
    void aUrlAmongTheArgumentsIsMasked() {
        String url = "jdbc:oracle:thin:scott/tiger@db:1521/orcl";
        assertEquals("Unmatched argument at index 1: 'jdbc:oracle:thin:scott/****@db:1521/orcl'",
                masked("Unmatched argument at index 1: '" + url + "'", "current", url));
        assertEquals("Unmatched argument: 'jdbc:mysql://db/app?password1=****'",
                masked("Unmatched argument: 'jdbc:mysql://db/app?password1=x'", "jdbc:mysql://db/app?password1=x"));
    }
}
