package dev.patchworkmcp.sidecar;

import static dev.patchworkmcp.sidecar.CallBatches.batch;
import static dev.patchworkmcp.sidecar.CallBatches.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallsApiTest extends ApiTestBase {

    @Test
    void answersOneRowPerToolWithCountsErrorsAndPercentiles() {
        ObjectNode sent = batch(
                "b-1",
                "memory",
                call("read_graph", 10, "ok"),
                call("read_graph", 20, "ok"),
                call("read_graph", 30, "tool_error"),
                call("search_nodes", 5, "rpc_error"));
        sent.putArray("advertised_tools").add("read_graph").add("search_nodes").add("delete_nodes");

        Api.Reply stored = api.post("/api/calls", sent.toString());
        Map<String, JsonNode> tools =
                byTool(api.get("/api/tools?server_name=memory").json());

        assertThat(stored.status()).isEqualTo(201);
        assertThat(stored.json().get("calls").asInt()).isEqualTo(4);
        assertThat(tools).containsOnlyKeys("read_graph", "search_nodes", "delete_nodes");
        JsonNode read = tools.get("read_graph");
        assertThat(read.get("calls").asLong()).isEqualTo(3);
        assertThat(read.get("errors").asLong()).isEqualTo(1);
        assertThat(read.get("error_rate").asDouble()).isEqualTo(0.3333);
        assertThat(read.get("p50_ms").asDouble()).isBetween(13.0, 20.0);
        assertThat(read.get("p95_ms").asDouble()).isBetween(20.0, 30.0);
        assertThat(read.get("last_called_at").asText()).isEqualTo("2026-07-28T12:00:00.000000+00:00");
        assertThat(read.get("advertised").asBoolean()).isTrue();
        assertThat(tools.get("search_nodes").get("errors").asLong()).isEqualTo(1);
        JsonNode never = tools.get("delete_nodes");
        assertThat(never.get("calls").asLong()).isZero();
        assertThat(never.get("p50_ms").isNull()).isTrue();
        assertThat(never.get("last_called_at").isNull()).isTrue();
    }

    @Test
    void countsARetriedBatchOnce() {
        String sent = batch("b-retry", "memory", call("read_graph", 10, "ok")).toString();

        Api.Reply first = api.post("/api/calls", sent);
        Api.Reply retry = api.post("/api/calls", sent);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("status").asText()).isEqualTo("duplicate");
        assertThat(byTool(api.get("/api/tools?server_name=memory").json())
                        .get("read_graph")
                        .get("calls")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void rejectsTheWholeBatchNamingTheFieldAndIndexOfAnUnknownKey() {
        ObjectNode bad = call("read_graph", 10, "ok").put("argumnets", "{}");
        String sent =
                batch("b-bad", "memory", call("read_graph", 10, "ok"), bad).toString();

        Api.Reply reply = api.post("/api/calls", sent);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("field").asText()).isEqualTo("calls[1].argumnets");
        assertThat(api.get("/api/tools?server_name=memory").json()).isEmpty();
        assertThat(api.post(
                                "/api/calls",
                                batch("b-bad", "memory", call("read_graph", 1, "ok"))
                                        .toString())
                        .status())
                .as("a refused batch id stays unused")
                .isEqualTo(201);
    }

    @Test
    void rejectsAnRpcErrorWithoutItsCodeAndAnUnknownOutcome() {
        ObjectNode noCode = call("read_graph", 10, "rpc_error");
        noCode.remove("error_code");

        Api.Reply missing =
                api.post("/api/calls", batch("b-1", "memory", noCode).toString());
        Api.Reply unknown = api.post(
                "/api/calls",
                batch("b-2", "memory", call("read_graph", 10, "maybe")).toString());

        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("field").asText()).isEqualTo("calls[0].error_code");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("field").asText()).isEqualTo("calls[0].outcome");
    }

    @Test
    void rejectsABatchWithTooManyCalls() {
        ObjectNode sent = batch("b-big", "memory");
        ArrayNode calls = (ArrayNode) sent.get("calls");
        for (int i = 0; i < 2001; i++) {
            calls.add(Api.JSON.createObjectNode());
        }

        Api.Reply reply = api.post("/api/calls", sent.toString());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("field").asText()).isEqualTo("calls");
    }

    @Test
    void filtersByClientAndTimeRange() {
        ObjectNode early = call("read_graph", 10, "ok").put("started_at", "2026-07-28T09:15:00Z");
        ObjectNode late = call("read_graph", 10, "ok").put("started_at", "2026-07-28T15:15:00Z");
        ObjectNode cursor =
                call("read_graph", 10, "ok").put("client_name", "cursor").put("started_at", "2026-07-28T15:20:00Z");
        api.post("/api/calls", batch("b-1", "memory", early, late, cursor).toString());

        JsonNode afternoon = api.get("/api/tools?server_name=memory&since=2026-07-28T15:00:00Z")
                .json();
        JsonNode morning = api.get("/api/tools?server_name=memory&until=2026-07-28T10:00:00Z")
                .json();
        JsonNode claude =
                api.get("/api/tools?server_name=memory&client_name=claude-code").json();
        JsonNode hours = api.get("/api/tools/hours?server_name=memory").json();

        assertThat(afternoon.get(0).get("calls").asLong()).isEqualTo(2);
        assertThat(morning.get(0).get("calls").asLong()).isEqualTo(1);
        assertThat(claude.get(0).get("calls").asLong()).isEqualTo(2);
        assertThat(hours).hasSize(2);
        assertThat(hours.get(1).get("hour").asText()).isEqualTo("2026-07-28T15:00:00.000000+00:00");
        assertThat(hours.get(1).get("calls").asLong()).isEqualTo(2);
    }

    @Test
    void requiresTheServerNameAndValidTimes() {
        assertThat(api.get("/api/tools").status()).isEqualTo(422);
        assertThat(api.get("/api/tools?server_name=memory&since=yesterday")
                        .json()
                        .get("field")
                        .asText())
                .isEqualTo("since");
    }

    @Test
    void keepsHostileNamesAsText() {
        String hostile = "<img src=x onerror=alert(1)>\"';--";
        ObjectNode call = call(hostile, 10, "ok").put("session_id", "</script><script>alert(2)</script>");

        api.post("/api/calls", batch("b-1", "<b>srv</b>", call).toString());

        assertThat(api.get("/api/tools?server_name=%3Cb%3Esrv%3C%2Fb%3E")
                        .json()
                        .get(0)
                        .get("tool")
                        .asText())
                .isEqualTo(hostile);
        assertThat(api.get("/api/tools/servers").json().get(0).asText()).isEqualTo("<b>srv</b>");
    }

    private static Map<String, JsonNode> byTool(JsonNode rows) {
        Map<String, JsonNode> byTool = new HashMap<>();
        rows.forEach(row -> byTool.put(row.get("tool").asText(), row));
        return byTool;
    }
}
