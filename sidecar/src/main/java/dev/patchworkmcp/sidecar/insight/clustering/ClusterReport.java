package dev.patchworkmcp.sidecar.insight.clustering;

import java.util.List;

/**
 * A report as shown inside a cluster: the fields a reviewer compares side by side, its similarity to the
 * cluster's centroid when it was assigned, the tools it involved and its notes. Immutable.
 */
public record ClusterReport(
        String id,
        String timestamp,
        String whatINeeded,
        String whatITried,
        String suggestion,
        String userGoal,
        String gapType,
        String resolution,
        String sessionId,
        String clientName,
        String agentModel,
        boolean reviewed,
        double similarity,
        List<String> tools,
        List<Note> notes) {
    public ClusterReport {
        tools = List.copyOf(tools);
        notes = List.copyOf(notes);
    }

    /** A reviewer's note on a report, oldest first. */
    public record Note(String id, String timestamp, String content) {}
}
