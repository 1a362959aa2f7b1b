package dev.patchworkmcp.sidecar.mcp;

import dev.patchworkmcp.sidecar.feedback.FeedbackStore;
import dev.patchworkmcp.sidecar.http.ApiException;
import dev.patchworkmcp.sidecar.http.Json;
import dev.patchworkmcp.sidecar.insight.Insight;
import dev.patchworkmcp.sidecar.insight.api.ClusterJson;
import dev.patchworkmcp.sidecar.insight.clustering.Cluster;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterDetail;
import java.util.List;
import java.util.Map;

/**
 * What the triage tools do, in plain Java: list the top clusters of a server, read one with its reports and
 * notes, add a note, mark reviewed, resolve, draft a PR. Each returns JSON text for the agent or throws
 * {@link ApiException}, which the server turns into a tool error the agent can act on. Thread-safe.
 */
final class TriageTools {
    private final Insight insight;
    private final FeedbackStore feedback;

    TriageTools(Insight insight, FeedbackStore feedback) {
        this.insight = insight;
        this.feedback = feedback;
    }

    String listClusters(Map<String, Object> args) {
        String server = text(args, "server_name", "");
        String status = text(args, "status", Cluster.OPEN);
        if (!status.isEmpty() && !List.of(Cluster.OPEN, Cluster.RESOLVED).contains(status)) {
            throw ApiException.notAllowed("status", status, List.of(Cluster.OPEN, Cluster.RESOLVED));
        }
        int limit = (int) Math.max(1, Math.min(50, number(args, "limit", 10)));
        return Json.text(insight.clusters().list(server, status, limit, 0).items().stream()
                .map(ClusterJson::item)
                .toList());
    }

    String getCluster(Map<String, Object> args) {
        String id = required(args, "cluster_id");
        ClusterDetail detail = insight.clusters().detail(id).orElseThrow(() -> ApiException.notFound("Cluster", id));
        return Json.text(ClusterJson.detail(detail));
    }

    String addNote(Map<String, Object> args) {
        String content = required(args, "content");
        if (content.length() > 10_000) {
            throw ApiException.invalid("content", "content is longer than 10000 characters; shorten the note.");
        }
        String reportId = text(args, "report_id", "");
        if (reportId.isEmpty()) {
            String clusterId = required(args, "cluster_id");
            Cluster cluster = insight.clusters()
                    .view(clusterId)
                    .orElseThrow(() -> ApiException.notFound("Cluster", clusterId))
                    .cluster();
            reportId = cluster.titleFeedbackId();
        }
        String target = reportId;
        var note = feedback.addNote(target, content).orElseThrow(() -> ApiException.notFound("Report", target));
        return Json.object()
                .put("status", "recorded")
                .put("note_id", note.id())
                .put("report_id", target)
                .toString();
    }

    String markReviewed(Map<String, Object> args) {
        String id = required(args, "cluster_id");
        boolean reviewed = !(args.get("reviewed") instanceof Boolean b) || b;
        int changed = insight.edits().markReviewed(id, reviewed);
        return Json.object().put("status", "updated").put("reports", changed).toString();
    }

    String resolve(Map<String, Object> args) {
        String id = required(args, "cluster_id");
        insight.edits().resolve(id, text(args, "pr_url", ""));
        return Json.object().put("status", "resolved").put("cluster_id", id).toString();
    }

    String startDraft(Map<String, Object> args) {
        String id = required(args, "cluster_id");
        return insight.drafts().draftAndDescribe(id).toString();
    }

    private static String required(Map<String, Object> args, String name) {
        String value = text(args, name, "");
        if (value.isBlank()) {
            throw ApiException.invalid(name, name + " is required.");
        }
        return value;
    }

    private static String text(Map<String, Object> args, String name, String fallback) {
        Object value = args == null ? null : args.get(name);
        return value == null ? fallback : value.toString().strip();
    }

    private static long number(Map<String, Object> args, String name, long fallback) {
        Object value = args == null ? null : args.get(name);
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? fallback : Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, name + " must be a whole number, got '" + value + "'.");
        }
    }
}
