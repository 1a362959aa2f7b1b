package dev.patchworkmcp.sidecar.drafting;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Which reports have a draft running; a second draft of any of them is refused. Thread-safe. */
public final class DraftLocks {
    private final Set<String> running = new HashSet<>();

    /** Locks every report id, or none: returns the id already being drafted when there is one. */
    public synchronized Optional<String> tryLock(List<String> reportIds) {
        for (String id : reportIds) {
            if (running.contains(id)) {
                return Optional.of(id);
            }
        }
        running.addAll(reportIds);
        return Optional.empty();
    }

    public synchronized void unlock(List<String> reportIds) {
        reportIds.forEach(running::remove);
    }

    public synchronized boolean isRunning(String reportId) {
        return running.contains(reportId);
    }
}
