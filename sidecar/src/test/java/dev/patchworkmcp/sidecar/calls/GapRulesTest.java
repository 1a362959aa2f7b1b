package dev.patchworkmcp.sidecar.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Scripted sessions, some that should fire a rule and some that should not; every one must give exactly the
 * expected rules. The same table is the precision figure in bench/README.md.
 */
class GapRulesTest {

    @Test
    void firesExactlyTheExpectedRulesOnScriptedSessions() {
        Map<String, Set<String>> wrong = new LinkedHashMap<>();
        sessions().forEach((name, session) -> {
            Set<String> fired = GapRules.apply(session.calls()).stream()
                    .map(InferredGap::rule)
                    .collect(Collectors.toSet());
            if (!fired.equals(session.expected())) {
                wrong.put(name, fired);
            }
        });

        assertThat(wrong).as("sessions whose rules differ from the script").isEmpty();
    }

    @Test
    void namesTheParametersTheServerRejected() {
        assertThat(GapRules.parameters("Unknown argument: since")).containsExactly("since");
        assertThat(GapRules.parameters("Invalid arguments for tool search: 'limit' is required"))
                .containsExactly("limit");
        assertThat(GapRules.parameters("MCP error -32602: missing parameter `path`"))
                .containsExactly("path");
    }

    @Test
    void namesTheToolTheAgentAskedFor() {
        List<InferredGap> gaps = GapRules.apply(List.of(rpc("search_costs", -32602, "Unknown tool: search_costs")));

        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0).rule()).isEqualTo("missing_tool");
        assertThat(gaps.get(0).tool()).isEqualTo("search_costs");
        assertThat(gaps.get(0).needed()).contains("'search_costs'");
    }

    record Session(List<CallRecord> calls, Set<String> expected) {}

    static Map<String, Session> sessions() {
        Map<String, Session> sessions = new LinkedHashMap<>();
        // should fire
        sessions.put(
                "unknown tool by message",
                new Session(
                        List.of(
                                ok("list_costs"),
                                rpc("search_costs", -32602, "Unknown tool: search_costs"),
                                ok("get_cost")),
                        Set.of("missing_tool")));
        sessions.put(
                "unknown tool as -32601",
                new Session(List.of(rpc("export_csv", -32601, "Method not found")), Set.of("missing_tool")));
        sessions.put(
                "unknown tool as an isError result",
                new Session(List.of(toolError("delete_all", "Tool delete_all not found")), Set.of("missing_tool")));
        sessions.put(
                "unknown argument",
                new Session(
                        List.of(rpc("list_costs", -32602, "Unknown argument: since"), ok("list_costs")),
                        Set.of("missing_parameter")));
        sessions.put(
                "required parameter in an isError result",
                new Session(
                        List.of(toolError("read_file", "'path' is required"), ok("list_dir"), ok("read_file")),
                        Set.of("missing_parameter")));
        sessions.put("paging through one tool", new Session(repeat("list_costs", 8), Set.of("incomplete_results")));
        sessions.put(
                "error never retried, agent moved on",
                new Session(
                        List.of(toolError("fetch_url", "timeout after 30 s"), ok("search"), ok("read_graph")),
                        Set.of("unrecovered_error")));
        sessions.put(
                "the example server's agent: missing filter, then paging",
                new Session(
                        concat(List.of(rpc("list_costs", -32602, "Unknown argument: run_id")), repeat("list_costs", 7)),
                        Set.of("missing_parameter", "incomplete_results")));
        // should not fire
        sessions.put(
                "all calls succeed",
                new Session(List.of(ok("list_costs"), ok("get_cost"), ok("list_costs")), Set.of()));
        sessions.put(
                "error retried successfully",
                new Session(
                        List.of(toolError("fetch_url", "timeout after 30 s"), ok("fetch_url"), ok("search")),
                        Set.of()));
        sessions.put(
                "error as the last call (the agent may still retry)",
                new Session(List.of(ok("search"), toolError("fetch_url", "503 from upstream")), Set.of()));
        sessions.put("five calls of one tool", new Session(repeat("get_cost", 5), Set.of()));
        sessions.put("many calls of alternating tools", new Session(alternate(12), Set.of()));
        sessions.put(
                "only non-tool requests",
                new Session(List.of(method("tools/list"), method("resources/list"), method("ping")), Set.of()));
        sessions.put(
                "internal error mentioning a tool name",
                new Session(List.of(rpc("query", -32603, "Internal error in tool query"), ok("query")), Set.of()));
        return sessions;
    }

    private static List<CallRecord> repeat(String tool, int times) {
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            calls.add(ok(tool));
        }
        return calls;
    }

    private static List<CallRecord> alternate(int times) {
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            calls.add(ok(i % 2 == 0 ? "search" : "read"));
        }
        return calls;
    }

    private static List<CallRecord> concat(List<CallRecord> first, List<CallRecord> second) {
        List<CallRecord> calls = new ArrayList<>(first);
        calls.addAll(second);
        return calls;
    }

    static CallRecord ok(String tool) {
        return record("tools/call", tool, CallRecord.Outcome.OK, null, "");
    }

    static CallRecord toolError(String tool, String message) {
        return record("tools/call", tool, CallRecord.Outcome.TOOL_ERROR, null, message);
    }

    static CallRecord rpc(String tool, int code, String message) {
        return record("tools/call", tool, CallRecord.Outcome.RPC_ERROR, code, message);
    }

    private static CallRecord method(String method) {
        return record(method, "", CallRecord.Outcome.OK, null, "");
    }

    private static CallRecord record(
            String method, String tool, CallRecord.Outcome outcome, Integer code, String message) {
        return new CallRecord(
                method,
                tool,
                "claude-code",
                "2.1.0",
                "s-1",
                "2025-11-25",
                "2026-07-28T12:00:00.000000+00:00",
                10,
                outcome,
                code,
                message,
                10,
                10,
                null);
    }
}
