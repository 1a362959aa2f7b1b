package dev.patchworkmcp.sidecar.insight.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.drafting.DraftOutcome;
import dev.patchworkmcp.sidecar.drafting.EventStream;
import dev.patchworkmcp.sidecar.http.ApiException;
import dev.patchworkmcp.sidecar.http.Json;
import dev.patchworkmcp.sidecar.http.JsonBodies;
import dev.patchworkmcp.sidecar.insight.autodraft.ClusterDrafts;
import dev.patchworkmcp.sidecar.insight.clustering.Cluster;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterDetail;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterEdits;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterPage;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterService;
import dev.patchworkmcp.sidecar.insight.clustering.Reclustering;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.List;

/**
 * {@code /api/clusters}: the clusters by impact (filters {@code server_name}, {@code status}; {@code limit},
 * {@code offset}), one cluster with its reports, and a reviewer's changes: resolve or reopen and mark reviewed
 * ({@code PATCH}), merge, move a report, re-cluster everything. Thread-safe.
 */
public final class ClusterApi implements HttpService {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final List<String> STATUSES = List.of(Cluster.OPEN, Cluster.RESOLVED);
    /** A comment on a quiet draft stream this often keeps proxies from closing it. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final ClusterService service;
    private final ClusterEdits edits;
    private final Reclustering reclustering;
    private final JsonBodies bodies;
    private final ClusterDrafts drafts;
    private final ObjectMapper json;

    public ClusterApi(
            ClusterService service,
            ClusterEdits edits,
            Reclustering reclustering,
            JsonBodies bodies,
            ClusterDrafts drafts,
            ObjectMapper json) {
        this.service = service;
        this.edits = edits;
        this.reclustering = reclustering;
        this.bodies = bodies;
        this.drafts = drafts;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/recluster", this::recluster)
                .get("/{id}", this::get)
                .patch("/{id}", this::patch)
                .post("/{id}/merge", this::merge)
                .post("/{id}/draft-pr", this::draft)
                .post("/{id}/reports/{report}/move", this::move);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Parameters query = req.query();
        String server = query.first("server_name")
                .orElse(query.first("server").orElse(""))
                .strip();
        String status = query.first("status").orElse("").strip();
        if (!status.isEmpty() && !STATUSES.contains(status)) {
            throw ApiException.notAllowed("status", status, STATUSES);
        }
        int limit = (int) number(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = (int) number(query, "offset", 0, 0, Integer.MAX_VALUE);
        ClusterPage page = service.list(server, status, limit, offset);
        res.header("X-Total-Count", Integer.toString(page.total()));
        if (offset + page.items().size() < page.total() && !page.items().isEmpty()) {
            res.header("X-Next-Offset", Integer.toString(offset + page.items().size()));
        }
        Json.send(res, 200, page.items().stream().map(ClusterJson::item).toList());
    }

    private void get(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        ClusterDetail detail = service.detail(id).orElseThrow(() -> ApiException.notFound("Cluster", id));
        Json.send(res, 200, ClusterJson.detail(detail));
    }

    private void patch(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        JsonNode body = bodies.readObject(req);
        service.require(id);
        JsonNode status = body.get("status");
        if (status != null && !status.isNull()) {
            if (!status.isTextual() || !STATUSES.contains(status.asText())) {
                throw ApiException.notAllowed("status", status.asText(), STATUSES);
            }
            if (status.asText().equals(Cluster.RESOLVED)) {
                edits.resolve(id, body.path("pr_url").asText(""));
            } else {
                edits.reopen(id);
            }
        }
        JsonNode reviewed = body.get("reviewed");
        if (reviewed != null && !reviewed.isNull()) {
            if (!reviewed.isBoolean()) {
                throw ApiException.invalid("reviewed", "reviewed must be true or false.");
            }
            edits.markReviewed(id, reviewed.asBoolean());
        }
        Json.sendStatus(res, 200, "updated");
    }

    private void merge(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        JsonNode from = bodies.readObject(req).get("from");
        if (from == null || !from.isTextual() || from.asText().isBlank()) {
            throw ApiException.invalid("from", "from is required: the id of the cluster to merge into this one.");
        }
        edits.merge(id, from.asText());
        Json.send(res, 200, Json.object().put("status", "merged").put("id", id));
    }

    private void move(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        String report = req.path().pathParameters().get("report");
        if (!service.clusterOf(report).map(id::equals).orElse(false)) {
            throw ApiException.notFound("Report in cluster " + id, report);
        }
        JsonNode to = bodies.readObject(req).get("to");
        if (to != null && !to.isNull() && !to.isTextual()) {
            throw ApiException.invalid(
                    "to", "to must be a cluster id, or null to give the report a cluster of its own.");
        }
        String target = edits.move(report, to == null || to.isNull() ? null : to.asText());
        Json.send(res, 200, Json.object().put("status", "moved").put("cluster_id", target));
    }

    /**
     * Drafts one PR for the whole cluster. With {@code Accept: text/event-stream} the run is streamed as it goes
     * (the report drafts' events: {@code step}, {@code detail}, {@code error}, {@code done}); otherwise the answer
     * is one JSON object when the run ends (it can take a minute). Errors found before the run are JSON either way.
     */
    private void draft(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        service.require(id);
        boolean stream = req.headers()
                .first(HeaderNames.ACCEPT)
                .map(accept -> accept.contains("text/event-stream"))
                .orElse(false);
        if (!stream) {
            Json.send(res, 200, drafts.draftAndDescribe(id));
            return;
        }
        ClusterDrafts.Prepared prepared = drafts.prepare(id);
        try (EventStream events = EventStream.open(res, json, HEARTBEAT)) {
            DraftOutcome outcome = drafts.run(prepared, events);
            switch (outcome) {
                case DraftOutcome.Drafted drafted -> events.event("done", ClusterDrafts.json(drafted, List.of()));
                case DraftOutcome.Declined declined -> events.error(declined.reason());
                case DraftOutcome.Failed failed -> events.error(failed.reason());
            }
        }
    }

    /** Re-clusters every server, or the one named by {@code server_name}. */
    private void recluster(ServerRequest req, ServerResponse res) {
        String server = req.query().first("server_name").orElse("").strip();
        Reclustering.Result result = reclustering.run(server);
        Json.send(
                res,
                200,
                Json.object()
                        .put("status", "reclustered")
                        .put("server_name", server.isEmpty() ? null : server)
                        .put("reports", result.reports())
                        .put("clusters_before", result.clustersBefore())
                        .put("clusters_after", result.clustersAfter())
                        .put("millis", result.millis()));
    }

    private static long number(Parameters query, String name, long fallback, long min, long max) {
        String value = query.first(name).orElse("").strip();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw ApiException.invalid(
                        name, name + " must be between " + min + " and " + max + ", got " + value + ".");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, name + " must be a whole number, got '" + value + "'.");
        }
    }
}
