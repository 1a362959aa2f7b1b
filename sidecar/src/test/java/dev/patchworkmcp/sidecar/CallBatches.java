package dev.patchworkmcp.sidecar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Call-record batches for tests, built as JSON the way a proxy sends them (docs/telemetry.md). */
final class CallBatches {
    private CallBatches() {}

    static ObjectNode batch(String batchId, String server, ObjectNode... calls) {
        ObjectNode batch = Api.JSON.createObjectNode().put("batch_id", batchId).put("server_name", server);
        ArrayNode array = batch.putArray("calls");
        for (ObjectNode call : calls) {
            array.add(call);
        }
        return batch;
    }

    static ObjectNode call(String tool, double latencyMs, String outcome) {
        ObjectNode call = Api.JSON
                .createObjectNode()
                .put("method", "tools/call")
                .put("tool", tool)
                .put("client_name", "claude-code")
                .put("client_version", "2.1.0")
                .put("session_id", "session-1")
                .put("protocol_version", "2025-11-25")
                .put("started_at", "2026-07-28T12:00:00.000Z")
                .put("latency_ms", latencyMs)
                .put("outcome", outcome)
                .put("arguments_bytes", 42)
                .put("result_bytes", 420);
        if (outcome.equals("rpc_error")) {
            call.put("error_code", -32601);
        }
        return call;
    }
}
