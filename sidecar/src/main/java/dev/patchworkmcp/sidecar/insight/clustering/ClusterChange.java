package dev.patchworkmcp.sidecar.insight.clustering;

/**
 * What happened to a cluster when a report arrived: it was {@code CREATED} by it, the report {@code JOINED} it,
 * or it had been resolved and the report {@code REOPENED} it. Immutable.
 */
public record ClusterChange(Kind kind, String clusterId, String serverName, String feedbackId) {
    public enum Kind {
        CREATED,
        JOINED,
        REOPENED
    }

    /** Told about every change after it is committed. Implementations must be quick or hand off. */
    @FunctionalInterface
    public interface Listener {
        void changed(ClusterChange change);
    }
}
