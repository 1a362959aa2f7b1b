package dev.patchworkmcp.sidecar.insight.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.db.Timestamps;
import dev.patchworkmcp.sidecar.http.Json;
import dev.patchworkmcp.sidecar.insight.clustering.Cluster;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterCounts;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterDetail;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterReport;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterView;
import dev.patchworkmcp.sidecar.insight.clustering.FixRate;
import dev.patchworkmcp.sidecar.insight.clustering.Severity;
import java.time.Instant;

/** The wire form of clusters, with the API's snake_case field names. Stateless. */
public final class ClusterJson {
    private ClusterJson() {}

    /** A list row: the cluster, its counts, and its severity with every factor. */
    public static ObjectNode item(ClusterView view) {
        Cluster c = view.cluster();
        ClusterCounts n = view.counts();
        ObjectNode json = Json.object();
        json.put("id", c.id());
        json.put("server_name", c.serverName());
        json.put("status", c.status());
        json.put("title", c.title());
        json.put("title_report_id", c.titleFeedbackId());
        json.put("reports", n.reports());
        json.put("sessions", n.sessions());
        json.put("clients", n.clients());
        json.put("models", n.models());
        json.put("blocked", n.blocked());
        json.put("partial", n.partial());
        json.put("worked_around", n.workedAround());
        json.put("unreviewed", n.unreviewed());
        json.put("first_seen", text(n.firstSeen()));
        json.put("last_seen", text(n.lastSeen()));
        json.put("resolved_pr_url", c.resolvedPrUrl());
        json.put("resolved_at", c.resolvedAt());
        if (c.reopenedAt() == null) {
            json.putNull("reopened");
        } else {
            json.putObject("reopened").put("at", c.reopenedAt()).put("by_report_id", c.reopenedBy());
        }
        json.put("created_at", c.createdAt());
        json.put("updated_at", c.updatedAt());
        json.set("severity", severity(view.severity()));
        return json;
    }

    public static ObjectNode severity(Severity severity) {
        ObjectNode json = Json.object().put("score", severity.score());
        ArrayNode factors = json.putArray("factors");
        severity.factors()
                .forEach(f -> factors.addObject()
                        .put("name", f.name())
                        .put("input", f.input())
                        .put("value", f.value())
                        .put("weight", f.weight()));
        return json;
    }

    /** The opened cluster: the list row plus its reports, tools, suggestions side by side and history. */
    public static ObjectNode detail(ClusterDetail detail) {
        ObjectNode json = item(detail.view());
        ArrayNode reports = json.putArray("items");
        ArrayNode suggestions = json.putArray("suggestions");
        for (ClusterReport r : detail.reports()) {
            ObjectNode report = reports.addObject()
                    .put("id", r.id())
                    .put("timestamp", r.timestamp())
                    .put("what_i_needed", r.whatINeeded())
                    .put("what_i_tried", r.whatITried())
                    .put("suggestion", r.suggestion())
                    .put("user_goal", r.userGoal())
                    .put("gap_type", r.gapType())
                    .put("resolution", r.resolution())
                    .put("session_id", r.sessionId())
                    .put("client_name", r.clientName())
                    .put("agent_model", r.agentModel())
                    .put("reviewed", r.reviewed())
                    .put("similarity", r.similarity());
            ArrayNode tools = report.putArray("tools");
            r.tools().forEach(tools::add);
            ArrayNode notes = report.putArray("notes");
            r.notes()
                    .forEach(note -> notes.addObject()
                            .put("id", note.id())
                            .put("timestamp", note.timestamp())
                            .put("content", note.content()));
            if (!r.suggestion().isBlank()) {
                suggestions
                        .addObject()
                        .put("report_id", r.id())
                        .put("suggestion", r.suggestion())
                        .put("session_id", r.sessionId())
                        .put("client_name", r.clientName())
                        .put("agent_model", r.agentModel());
            }
        }
        ArrayNode tools = json.putArray("tools");
        detail.tools()
                .forEach((name, count) -> tools.addObject().put("name", name).put("reports", count));
        detail.fix()
                .ifPresentOrElse(
                        fix -> json.putObject("fix_rate")
                                .put("resolved_at", fix.resolvedAt())
                                .put("window_days", FixRate.WINDOW_DAYS)
                                .put("before", fix.before())
                                .put("after", fix.after())
                                .put("before_per_day", fix.beforePerDay())
                                .put("after_per_day", fix.afterPerDay()),
                        () -> json.putNull("fix_rate"));
        ArrayNode events = json.putArray("events");
        detail.events()
                .forEach(e -> events.addObject()
                        .put("timestamp", e.timestamp())
                        .put("kind", e.kind())
                        .put("detail", e.detail()));
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }
}
