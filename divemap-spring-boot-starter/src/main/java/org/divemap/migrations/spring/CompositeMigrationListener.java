package org.divemap.migrations.spring;

import java.time.Duration;
import java.util.List;
import org.divemap.migrations.BatchUpdate;
import org.divemap.migrations.runtime.MigrationListener;

/** Passes each event to every {@link MigrationListener} bean of the application, in their order. */
final class CompositeMigrationListener implements MigrationListener {

    private final List<MigrationListener> listeners;

    CompositeMigrationListener(List<MigrationListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void planned(String command, String target, List<String> revisions) {
        listeners.forEach(l -> l.planned(command, target, revisions));
    }

    @Override
    public void starting(String revision, boolean upgrade) {
        listeners.forEach(l -> l.starting(revision, upgrade));
    }

    @Override
    public void finished(String revision, boolean upgrade, Duration duration) {
        listeners.forEach(l -> l.finished(revision, upgrade, duration));
    }

    @Override
    public void batch(String revision, BatchUpdate.Progress progress) {
        listeners.forEach(l -> l.batch(revision, progress));
    }

    @Override
    public void waitingForLock(String holder) {
        listeners.forEach(l -> l.waitingForLock(holder));
    }
}
