package org.divemap.migrations.runtime;

import java.time.Duration;
import java.util.List;

/**
 * Hears what a command does while it runs, for callers that print progress (the Maven plugin and the
 * command line print each revision as it runs). All methods do nothing by default.
 */
public interface MigrationListener {

    /** The plan is known: these revisions will run, in this order. */
    default void planned(String command, String target, List<String> revisions) {}

    /** A revision starts. */
    default void starting(String revision, boolean upgrade) {}

    /** A revision finished and its version row is written. */
    default void finished(String revision, boolean upgrade, Duration duration) {}

    /** A batch of {@code op.batchUpdate(...)} committed: rows so far, and how far through the keys. */
    default void batch(String revision, org.divemap.migrations.BatchUpdate.Progress progress) {}

    /** The runtime is waiting for another process's migration lock. */
    default void waitingForLock(String holder) {}
}
