package dev.patchworkmcp.sidecar.calls;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.http.Json;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/tools} (admin key): per-tool figures of one server, its calls and errors per hour for the chart,
 * and the servers known. Thread-safe.
 */
public final class ToolsApi implements HttpService {
    private final CallStore store;

    public ToolsApi(CallStore store) {
        this.store = store;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::tools).get("/hours", this::hours).get("/servers", this::servers);
    }

    private void tools(ServerRequest req, ServerResponse res) {
        ToolsQuery query = ToolsQuery.from(req.query());
        ArrayNode rows = Json.MAPPER.createArrayNode();
        for (ToolFigures tool : store.tools(query)) {
            ObjectNode row = rows.addObject()
                    .put("tool", tool.tool())
                    .put("calls", tool.calls())
                    .put("errors", tool.errors())
                    .put("error_rate", tool.errorRate())
                    .put("p50_ms", tool.p50Ms())
                    .put("p95_ms", tool.p95Ms())
                    .put("last_called_at", tool.lastCalledAt());
            row.put("advertised", tool.advertised());
        }
        Json.send(res, 200, rows);
    }

    private void hours(ServerRequest req, ServerResponse res) {
        ToolsQuery query = ToolsQuery.from(req.query());
        String tool = req.query().first("tool").orElse("").strip();
        ArrayNode rows = Json.MAPPER.createArrayNode();
        for (CallStore.HourCount hour : store.hours(query, tool)) {
            rows.addObject().put("hour", hour.hour()).put("calls", hour.calls()).put("errors", hour.errors());
        }
        Json.send(res, 200, rows);
    }

    private void servers(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, store.servers());
    }
}
