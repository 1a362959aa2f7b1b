package dev.patchworkmcp.sidecar.drafting;

import java.util.List;

/** One feedback report as drafting sees it: the agent's own words, plus the reviewers' notes, oldest first. */
public record SubjectReport(
        String id,
        String serverName,
        String gapType,
        String whatINeeded,
        String whatITried,
        String suggestion,
        String userGoal,
        String resolution,
        String clientType,
        List<String> toolsAvailable,
        List<ReviewerNote> notes) {
    public SubjectReport {
        toolsAvailable = toolsAvailable == null ? List.of() : List.copyOf(toolsAvailable);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
