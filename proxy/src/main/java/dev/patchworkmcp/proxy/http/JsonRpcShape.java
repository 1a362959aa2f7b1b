package dev.patchworkmcp.proxy.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The little the HTTP front end reads from a JSON-RPC message to route it (ids, methods, progress tokens), and
 * the error bodies it writes itself. Messages are relayed as the text received, never re-serialised.
 * Thread-safe (stateless).
 */
final class JsonRpcShape {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRpcShape() {}

    /** The parsed message, or null when it is not JSON. */
    static JsonNode parse(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static List<JsonNode> elements(JsonNode message) {
        List<JsonNode> out = new ArrayList<>();
        if (message != null && message.isArray()) {
            message.forEach(out::add);
        } else if (message != null) {
            out.add(message);
        }
        return out;
    }

    static boolean isRequest(JsonNode element) {
        return element.isObject() && element.has("method") && element.has("id");
    }

    static boolean isResponse(JsonNode element) {
        return element.isObject() && !element.has("method") && element.has("id");
    }

    static boolean isMethod(JsonNode element, String method) {
        return element.isObject() && method.equals(element.path("method").asText(null));
    }

    /** A key for an id that keeps {@code 1} and {@code "1"} apart. */
    static String idKey(JsonNode id) {
        return id.toString();
    }

    /** A JSON-RPC error object with a null id, for answers the transport gives before any relay. */
    static String error(int code, String message) {
        return error(null, code, message);
    }

    static String error(JsonNode id, int code, String message) {
        ObjectNode response = JSON.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        ObjectNode error = response.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return response.toString();
    }
}
