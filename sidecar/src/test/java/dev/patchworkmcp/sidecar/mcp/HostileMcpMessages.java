package dev.patchworkmcp.sidecar.mcp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile bodies for {@code POST /mcp} from one seeded {@link Random}, so a failing run can be replayed:
 * requests without params or with params of the wrong type, {@code null} and other non-objects, empty bodies, bodies
 * cut short, wrong ids and methods, wrong argument types for every triage tool, 2026-07-28 requests with odd versions
 * and without the headers that era requires, plus a share of valid requests. Not thread-safe.
 */
final class HostileMcpMessages {
    private static final List<String> METHODS = List.of(
            "tools/call",
            "tools/list",
            "initialize",
            "ping",
            "server/discover",
            "resources/read",
            "prompts/get",
            "completion/complete",
            "logging/setLevel",
            "notifications/initialized",
            "notifications/cancelled",
            "no/such/method",
            "");
    private static final List<String> TOOLS = List.of(
            "list_clusters", "get_cluster", "add_note", "mark_reviewed", "resolve_cluster", "start_draft", "nope");
    private static final List<String> VALUES = List.of(
            "null", "\"x\"", "1", "-1.5e308", "true", "[]", "[1,\"a\"]", "{}", "{\"a\":{\"b\":null}}", "\"\\u0000\"");
    private static final List<String> IDS = List.of("1", "\"a\"", "null", "{}", "[]", "true", "1.5", "\"\"");

    private final Random random;

    HostileMcpMessages(Random random) {
        this.random = random;
    }

    /** The next body; about one in six is a well-formed request. */
    byte[] next() {
        String body = switch (random.nextInt(13)) {
            case 0, 1 -> request(pick(METHODS), params());
            case 2 -> request("tools/call", "{\"name\":" + toolName() + ",\"arguments\":" + pick(VALUES) + "}");
            case 3 -> request("tools/call", "{\"name\":" + toolName() + ",\"arguments\":" + arguments() + "}");
            case 4 -> request("tools/call", pick(List.of("", "null", "\"x\"", "[]", "{}", "{\"name\":null}")));
            case 5 -> "{\"jsonrpc\":\"2.0\",\"id\":" + pick(IDS) + ",\"method\":" + pick(VALUES) + "}";
            case 6 -> pick(List.of("", " ", "null", "[]", "[1]", "\"x\"", "1", "{}", "{\"jsonrpc\":\"2.0\"}"));
            case 7 -> cut(request(pick(METHODS), params()));
            case 8 -> "{\"jsonrpc\":\"2.0\",\"method\":\"" + pick(METHODS) + "\",\"params\":" + pick(VALUES) + "}";
            case 9 -> "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + pick(VALUES) + "}";
            case 10 ->
                request(
                        pick(METHODS),
                        "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
                                + pick(List.of("\"2026-07-28\"", "\"2025-11-25\"", "null", "7", "{}")) + "}}");
            default -> request("tools/list", "{}");
        };
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private String request(String method, String params) {
        String id = random.nextInt(4) == 0 ? pick(IDS) : Integer.toString(random.nextInt(1000));
        String head = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\"";
        return params.isEmpty() ? head + "}" : head + ",\"params\":" + params + "}";
    }

    private String params() {
        return random.nextBoolean() ? "" : pick(VALUES);
    }

    private String toolName() {
        return random.nextInt(5) == 0 ? pick(VALUES) : "\"" + pick(TOOLS) + "\"";
    }

    private String arguments() {
        String field = pick(List.of("cluster_id", "report_id", "content", "reviewed", "limit", "status", "pr_url"));
        return "{\"" + field + "\":" + pick(VALUES) + "}";
    }

    private String cut(String text) {
        return text.substring(0, random.nextInt(text.length()));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
