package org.divemap.migrations.spring;

import java.util.List;
import org.divemap.migrations.runtime.CheckResult;
import org.divemap.migrations.runtime.Divemap;
import org.divemap.migrations.runtime.RevisionInfo;
import org.divemap.migrations.runtime.history.HistoryEntry;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/divemap}: where the database stands. Reads only; takes no lock.
 *
 * <pre>{@code
 * {"current": ["0002_add_sites"], "heads": ["0002_add_sites"], "pending": [], "atHead": true, "changed": [],
 *  "history": [{"id": 1, "revision": "0001_create_users", "direction": "up", "startedAt": "2026-...Z",
 *               "durationMs": 12, "success": true, "user": "app", "host": "web-1", "checksum": "3f7a...",
 *               "error": null}, ...]}
 * }</pre>
 */
@Endpoint(id = "divemap")
public class DivemapEndpoint {

    private final Divemap divemap;

    public DivemapEndpoint(Divemap divemap) {
        this.divemap = divemap;
    }

    @ReadOperation
    public DivemapDescriptor divemap() {
        CheckResult check = divemap.check();
        List<String> heads = divemap.heads().stream().map(RevisionInfo::id).toList();
        List<Run> history = divemap.runs().stream().map(Run::of).toList();
        return new DivemapDescriptor(check.versionRows(), heads, check.pending(), check.atHead(), check.changed(),
                history);
    }

    /**
     * The endpoint's answer.
     *
     * @param current the version-table rows, sorted
     * @param heads the heads of the application's revision graph
     * @param pending the revisions an upgrade to every head would run, in order
     * @param atHead whether nothing is pending
     * @param changed applied revisions whose migration renders different SQL than when it ran
     * @param history the history table, oldest first
     */
    public record DivemapDescriptor(List<String> current, List<String> heads, List<String> pending, boolean atHead,
            List<String> changed, List<Run> history) {}

    /**
     * One row of the history table.
     *
     * @param id the row's number, increasing
     * @param revision the revision
     * @param direction {@code up}, {@code down} or {@code stamp}
     * @param startedAt when, ISO-8601 in UTC
     * @param durationMs how long it ran
     * @param success whether it completed
     * @param user the operating-system user that ran it
     * @param host the machine that ran it
     * @param checksum SHA-256 of its rendered SQL, or null
     * @param error why it failed, or null
     */
    public record Run(long id, String revision, String direction, String startedAt, long durationMs, boolean success,
            String user, String host, String checksum, String error) {

        static Run of(HistoryEntry entry) {
            return new Run(entry.id(), entry.revision(), entry.direction(),
                    entry.startedAt() == null ? null : entry.startedAt().toString(), entry.durationMs(),
                    entry.success(), entry.osUser(), entry.host(), entry.checksum(), entry.error());
        }
    }
}
