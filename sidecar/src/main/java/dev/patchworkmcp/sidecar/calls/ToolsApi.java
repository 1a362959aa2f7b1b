package dev.patchworkmcp.sidecar.calls;

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
        Json.send(res, 200, store.tools(query));
    }

    private void hours(ServerRequest req, ServerResponse res) {
        ToolsQuery query = ToolsQuery.from(req.query());
        String tool = req.query().first("tool").orElse("").strip();
        Json.send(res, 200, store.hours(query, tool));
    }

    private void servers(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, store.servers());
    }
}
