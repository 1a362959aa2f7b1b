package dev.patchworkmcp.sidecar.insight.clustering;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A report as shown inside a cluster: the fields a reviewer compares side by side, its similarity to the
 * cluster's centroid when it was assigned, the tools it involved and its notes. Immutable.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ClusterReport(
        String id,
        String timestamp,
        @JsonProperty("what_i_needed") String whatINeeded,
        @JsonProperty("what_i_tried") String whatITried,
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
