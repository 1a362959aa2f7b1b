package dev.patchworkmcp.sidecar.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one POSTed body as a JSON-RPC message and checks its envelope (an object, a method, an id that is a string
 * or an integer, params that are an object, the params a method cannot do without) before the SDK sees it: the SDK
 * assumes a well-formed envelope and fails with an exception otherwise. Stateless, so thread-safe.
 */
final class JsonRpcEnvelope {
    /** Methods whose handlers in the SDK read their params unconditionally. */
    private static final Set<String> PARAMS_REQUIRED = Set.of(
            "initialize",
            "tools/call",
            "resources/read",
            "resources/subscribe",
            "resources/unsubscribe",
            "prompts/get",
            "completion/complete",
            "logging/setLevel");

    private JsonRpcEnvelope() {}

    /** The message, or a {@link MalformedMessageException} naming what is wrong with it. */
    static McpSchema.JSONRPCMessage read(McpJsonMapper json, String body) {
        if (body.isBlank()) {
            throw MalformedMessageException.parseError("the body is empty: send one JSON-RPC request or notification");
        }
        Object tree;
        try {
            tree = json.readValue(body, Object.class);
        } catch (IOException e) {
            throw MalformedMessageException.parseError("the body is not JSON: " + firstLine(e.getMessage()));
        }
        if (!(tree instanceof Map<?, ?> message)) {
            throw MalformedMessageException.invalidRequest(
                    "the body must be one JSON-RPC object, not " + (tree == null ? "null" : "a JSON " + kind(tree)));
        }
        if (message.containsKey("result") || message.containsKey("error")) {
            throw MalformedMessageException.invalidRequest("this server sends no requests, so it accepts no responses");
        }
        if (!(message.get("method") instanceof String method) || method.isEmpty()) {
            throw MalformedMessageException.invalidRequest("'method' must be a non-empty string");
        }
        Object id = message.get("id");
        boolean request = message.containsKey("id");
        if (request
                && !(id instanceof String || id instanceof Integer || id instanceof Long || id instanceof BigInteger)) {
            throw MalformedMessageException.invalidRequest("'id' must be a string or an integer");
        }
        checkParams(request ? id : null, method, message.get("params"), request);
        try {
            return McpSchema.deserializeJsonRpcMessage(json, body);
        } catch (IOException | IllegalArgumentException e) {
            throw MalformedMessageException.invalidRequest(
                    "the body is not a JSON-RPC message: " + firstLine(e.getMessage()));
        }
    }

    private static void checkParams(Object id, String method, Object params, boolean request) {
        if (params != null && !(params instanceof Map)) {
            throw MalformedMessageException.invalidParams(id, "'params' of " + method + " must be an object");
        }
        if (request && params == null && PARAMS_REQUIRED.contains(method)) {
            throw MalformedMessageException.invalidParams(id, method + " needs 'params'");
        }
        if (method.equals("tools/call") && params instanceof Map<?, ?> call) {
            if (!(call.get("name") instanceof String)) {
                throw MalformedMessageException.invalidParams(id, "tools/call needs 'params.name', a tool name");
            }
            Object arguments = call.get("arguments");
            if (arguments != null && !(arguments instanceof Map)) {
                throw MalformedMessageException.invalidParams(id, "'params.arguments' of tools/call must be an object");
            }
        }
    }

    private static String kind(Object value) {
        return switch (value) {
            case List<?> list -> "array";
            case String text -> "string";
            case Boolean flag -> "boolean";
            default -> "number";
        };
    }

    /** Jackson's messages go on with the parser's location over several lines; the first says what is wrong. */
    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
