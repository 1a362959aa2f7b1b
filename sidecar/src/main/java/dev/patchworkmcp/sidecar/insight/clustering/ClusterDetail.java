package dev.patchworkmcp.sidecar.insight.clustering;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cluster opened up: its list row, its reports (newest first, at most {@link ClusterReports#LIMIT}), the
 * tools its reports involved with how many reports involved each, its history, and once it has been resolved the
 * report rate before and after the fix. Immutable.
 */
public record ClusterDetail(
        ClusterView view,
        List<ClusterReport> reports,
        Map<String, Integer> tools,
        List<ClusterEvent> events,
        Optional<FixRate> fix) {
    public ClusterDetail {
        reports = List.copyOf(reports);
        tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
        events = List.copyOf(events);
    }
}
