package org.divemap.migrations.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.divemap.migrations.BatchUpdate;
import org.slf4j.Logger;

/** Logs what a command does to {@link Logs#PROGRESS}, then tells the caller's listener. */
final class ProgressLog implements MigrationListener {

    private final MigrationListener next;
    private final Logger log = Logs.progress();

    ProgressLog(MigrationListener next) {
        this.next = next;
    }

    @Override
    public void planned(String command, String target, List<String> revisions) {
        if (revisions.isEmpty()) {
            log.info("{} to {}: nothing to do", capitalized(command), target);
        } else {
            log.info("{} to {}: {} revision{} to run: {}", capitalized(command), target, revisions.size(),
                    revisions.size() == 1 ? "" : "s", String.join(", ", revisions));
        }
        next.planned(command, target, revisions);
    }

    @Override
    public void starting(String revision, boolean upgrade) {
        log.debug("{} {} ...", upgrade ? "Upgrading" : "Downgrading", revision);
        next.starting(revision, upgrade);
    }

    @Override
    public void finished(String revision, boolean upgrade, Duration duration) {
        log.info("{} {} in {} ms", upgrade ? "Applied" : "Reverted", revision, duration.toMillis());
        next.finished(revision, upgrade, duration);
    }

    @Override
    public void batch(String revision, BatchUpdate.Progress progress) {
        if (log.isDebugEnabled()) {
            log.debug(String.format(Locale.ROOT, "%s: %s batch %d, %,d rows so far, %.0f%% of the keys", revision,
                    progress.table(), progress.batch(), progress.rowsSoFar(), 100 * progress.fraction()));
        }
        next.batch(revision, progress);
    }

    @Override
    public void waitingForLock(String holder) {
        log.warn("Waiting for another migrator to release the migration lock: {}", holder);
        next.waitingForLock(holder);
    }

    private static String capitalized(String command) {
        return command.isEmpty() ? command : command.substring(0, 1).toUpperCase(Locale.ROOT) + command.substring(1);
    }
}
