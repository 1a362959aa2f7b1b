package dev.patchworkmcp.proxy.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads just enough of a JSON-RPC message (or batch) for a transport to route it: request ids and methods. It
 * never re-serialises the message it reads; it only writes the error responses a transport must invent when
 * the remote side cannot be reached. Thread-safe (stateless).
 */
final class JsonRpcMessages {

    private JsonRpcMessages() {}

    /** The parsed message, or null when it is not JSON (the transport forwards it anyway). */
    static JsonNode parse(ObjectMapper json, String message) {
        try {
            return json.readTree(message);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The single messages of a message or batch. */
    static List<JsonNode> elements(JsonNode message) {
        List<JsonNode> out = new ArrayList<>();
        if (message == null) {
            return out;
        }
        if (message.isArray()) {
            message.forEach(out::add);
        } else {
            out.add(message);
        }
        return out;
    }

    static boolean isRequest(JsonNode message) {
        return message.isObject() && message.has("method") && message.has("id");
    }

    static boolean isResponse(JsonNode message) {
        return message.isObject() && !message.has("method") && message.has("id");
    }

    static boolean hasMethod(JsonNode message, String method) {
        return message.isObject() && method.equals(message.path("method").asText(null));
    }

    /** Ids of the requests in a message or batch. */
    static List<JsonNode> requestIds(JsonNode message) {
        List<JsonNode> ids = new ArrayList<>();
        for (JsonNode element : elements(message)) {
            if (isRequest(element)) {
                ids.add(element.get("id"));
            }
        }
        return ids;
    }

    /** A JSON-RPC error response (internal error) answering request {@code id}. */
    static String errorResponse(JsonNode id, String text) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        ObjectNode error = response.putObject("error");
        error.put("code", -32603);
        error.put("message", text);
        return response.toString();
    }

    /** An error response re-addressed to {@code id} (a server may answer a request it refused with a null id). */
    static String withId(JsonNode response, JsonNode id) {
        ObjectNode copy = ((ObjectNode) response).deepCopy();
        copy.set("id", id);
        return copy.toString();
    }
}
