package org.divemap.migrations.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a backup command to its end or to a timeout. Its output (standard output and error
 * together) goes to a file, not a pipe, so a chatty command never blocks on a full pipe and a
 * command that never ends cannot keep us waiting for its output: the timeout always fires. A
 * command still running then is killed, with the processes it started.
 */
final class BackupProcess {

    /** The most of the output that is kept for the message: its end, where tools say what went wrong. */
    static final int OUTPUT_LIMIT = 16 * 1024;

    /**
     * How the command ended.
     *
     * @param timedOut whether it was still running at the timeout, and was killed
     * @param exitCode its exit code, when it ended by itself
     * @param output the end of what it printed, decoded as UTF-8
     */
    record Outcome(boolean timedOut, int exitCode, String output) {}

    private BackupProcess() {}

    static Outcome run(ProcessBuilder builder, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile("divemap-backup-", ".log");
        try {
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            process.getOutputStream().close(); // a command that reads its input gets none, and does not wait
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Outcome(false, process.exitValue(), tail(log));
            }
            List<ProcessHandle> started = process.descendants().toList(); // before they lose their parent
            process.destroyForcibly();
            started.forEach(ProcessHandle::destroyForcibly);
            // killed, they end as soon as the system lets them; a dump must not go on writing after we return
            process.waitFor(1, TimeUnit.MINUTES);
            try {
                CompletableFuture.allOf(started.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                        .get(1, TimeUnit.MINUTES);
            } catch (ExecutionException | TimeoutException e) {
                // a process the system cannot end (stuck in the kernel): nothing more we can do
            }
            return new Outcome(true, -1, tail(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The last {@link #OUTPUT_LIMIT} bytes of the file, as UTF-8 (a character cut in two becomes U+FFFD). */
    private static String tail(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - OUTPUT_LIMIT);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
