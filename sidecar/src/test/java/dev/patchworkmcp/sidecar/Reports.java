package dev.patchworkmcp.sidecar;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Report bodies for tests. */
final class Reports {
    private Reports() {}

    /** A valid minimal report. */
    static ObjectNode minimal(String needed) {
        ObjectNode body = Api.JSON.createObjectNode();
        body.put("what_i_needed", needed);
        body.put("what_i_tried", "listed the tools");
        body.put("gap_type", "missing_tool");
        return body;
    }

    static ObjectNode full(String needed) {
        ObjectNode body = minimal(needed);
        body.put("server_name", "cost-tracker");
        body.put("suggestion", "add search_costs(run_id)");
        body.put("user_goal", "find the cost of run 42");
        body.put("resolution", "blocked");
        body.put("agent_model", "claude-sonnet-4-5");
        body.putArray("tools_available").add("list_costs").add("get_cost");
        body.put("session_id", "s-1");
        body.put("client_type", "claude-code");
        body.put("source", "proxy");
        body.put("client_name", "claude-code");
        body.put("client_version", "2.1.0");
        body.put("protocol_version", "2025-06-18");
        body.putObject("context").putArray("recent_calls").addObject().put("tool", "list_costs");
        return body;
    }
}
