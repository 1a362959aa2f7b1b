package dev.patchworkmcp.sidecar.insight.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.patchworkmcp.sidecar.db.Timestamps;
import dev.patchworkmcp.sidecar.insight.clustering.Cluster;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterCounts;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterDetail;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterEvent;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterReport;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterView;
import dev.patchworkmcp.sidecar.insight.clustering.FixRate;
import dev.patchworkmcp.sidecar.insight.clustering.Severity;
import java.time.Instant;
import java.util.List;

/**
 * The wire form of clusters: records written with the API's snake_case names (Jackson's snake-case strategy), in
 * the order the API has always used; absent values are written as {@code null}. Stateless.
 */
public final class ClusterJson {
    private ClusterJson() {}

    /** A list row: the cluster, its counts, and its severity with every factor. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Item(
            String id,
            String serverName,
            String status,
            String title,
            String titleReportId,
            int reports,
            int sessions,
            int clients,
            int models,
            int blocked,
            int partial,
            int workedAround,
            int unreviewed,
            String firstSeen,
            String lastSeen,
            String resolvedPrUrl,
            String resolvedAt,
            Reopened reopened,
            String createdAt,
            String updatedAt,
            Severity severity) {}

    /** When a resolved cluster was reopened, and by which report (blank when a reviewer reopened it). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Reopened(String at, String byReportId) {}

    /** The opened cluster: the list row, then its reports, suggestions side by side, tools, fix rate and history. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Detail(
            @JsonUnwrapped Item item,
            List<ClusterReport> items,
            List<Suggestion> suggestions,
            List<ToolCount> tools,
            Fix fixRate,
            List<ClusterEvent> events) {}

    /** One report's suggestion, with who made it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Suggestion(
            String reportId, String suggestion, String sessionId, String clientName, String agentModel) {}

    /** How many of the cluster's reports involved a tool. */
    public record ToolCount(String name, int reports) {}

    /** Reports per day before and after the cluster was resolved, over {@link FixRate#WINDOW_DAYS} days. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Fix(
            String resolvedAt, int windowDays, int before, int after, double beforePerDay, double afterPerDay) {}

    public static Item item(ClusterView view) {
        Cluster c = view.cluster();
        ClusterCounts n = view.counts();
        return new Item(
                c.id(),
                c.serverName(),
                c.status(),
                c.title(),
                c.titleFeedbackId(),
                n.reports(),
                n.sessions(),
                n.clients(),
                n.models(),
                n.blocked(),
                n.partial(),
                n.workedAround(),
                n.unreviewed(),
                text(n.firstSeen()),
                text(n.lastSeen()),
                c.resolvedPrUrl(),
                c.resolvedAt(),
                c.reopenedAt() == null ? null : new Reopened(c.reopenedAt(), c.reopenedBy()),
                c.createdAt(),
                c.updatedAt(),
                view.severity());
    }

    public static Detail detail(ClusterDetail detail) {
        List<Suggestion> suggestions = detail.reports().stream()
                .filter(r -> !r.suggestion().isBlank())
                .map(r -> new Suggestion(r.id(), r.suggestion(), r.sessionId(), r.clientName(), r.agentModel()))
                .toList();
        List<ToolCount> tools = detail.tools().entrySet().stream()
                .map(tool -> new ToolCount(tool.getKey(), tool.getValue()))
                .toList();
        Fix fix = detail.fix()
                .map(f -> new Fix(
                        f.resolvedAt(), FixRate.WINDOW_DAYS, f.before(), f.after(), f.beforePerDay(), f.afterPerDay()))
                .orElse(null);
        return new Detail(item(detail.view()), detail.reports(), suggestions, tools, fix, detail.events());
    }

    private static String text(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }
}
