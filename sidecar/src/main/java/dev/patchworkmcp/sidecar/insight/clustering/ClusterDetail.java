package dev.patchworkmcp.sidecar.insight.clustering;

import java.util.List;
import java.util.Map;

/**
 * One cluster opened up: its list row, its reports (newest first, at most {@link ClusterReports#LIMIT}), the
 * tools its reports involved with how many reports involved each, and its history. Immutable.
 */
public record ClusterDetail(
        ClusterView view, List<ClusterReport> reports, Map<String, Integer> tools, List<ClusterEvent> events) {
    public ClusterDetail {
        reports = List.copyOf(reports);
        tools = Map.copyOf(tools);
        events = List.copyOf(events);
    }
}
