package org.divemap.migrations.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup command of {@code --safe}: a command that never ends is stopped at the timeout, with
 * what it started, and its output is UTF-8 whatever the platform's charset. The guard of two
 * minutes only turns a hang into a failure; the assertions are about what was killed, not how fast.
 */
class BackupProcessTest {

    private static final Duration HANG_GUARD = Duration.ofMinutes(2);
    /**
     * The timeout of the commands that never end: long enough that even a loaded machine has run their
     * first lines (the pid file, "dumping") before it fires, so the test depends on no timing.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static BackupProcess.Outcome run(String command, Duration timeout) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> BackupProcess.run(new ProcessBuilder("sh", "-c", command),
                timeout), "the backup was not stopped by its timeout");
    }

    private static boolean alive(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void aCommandThatNeverEndsIsKilledAtTheTimeout() throws Exception {
        Path pid = dir.resolve("pid");
        // it prints, then waits forever holding its output open: reading the output to its end never returns
        BackupProcess.Outcome outcome = run("echo $$ > '" + pid + "'; echo dumping; exec sleep 86400", TIMEOUT);
        assertTrue(outcome.timedOut());
        assertEquals("dumping\n", outcome.output());
        assertFalse(alive(pid), "the command was killed");
    }

    @Test
    void whatTheCommandStartedIsKilledToo() throws Exception {
        Path pid = dir.resolve("pid");
        BackupProcess.Outcome outcome = run("sleep 86400 & echo $! > '" + pid + "'; wait", TIMEOUT);
        assertTrue(outcome.timedOut());
        assertFalse(alive(pid), "the dump the command started was killed");
    }

    @Test
    void theOutputIsUtf8AndItsEndIsKept() {
        BackupProcess.Outcome failed = run("printf 'disque plein \\303\\251\\n' >&2; exit 3", Duration.ofMinutes(1));
        assertFalse(failed.timedOut());
        assertEquals(3, failed.exitCode());
        assertEquals("disque plein \u00e9\n", failed.output());
        // a chatty command neither blocks on a full pipe nor fills the message
        BackupProcess.Outcome chatty = run("head -c 1000000 /dev/zero | tr '\\0' x; echo; echo done",
                Duration.ofMinutes(1));
        assertEquals(0, chatty.exitCode());
        assertEquals(BackupProcess.OUTPUT_LIMIT, chatty.output().length());
        assertTrue(chatty.output().endsWith("x\ndone\n"), chatty.output().substring(BackupProcess.OUTPUT_LIMIT - 20));
    }

    @Test
    void aCommandThatReadsItsInputGetsNone() {
        BackupProcess.Outcome outcome = run("cat; echo read all", Duration.ofMinutes(1));
        assertFalse(outcome.timedOut());
        assertEquals("read all\n", outcome.output());
    }
}
