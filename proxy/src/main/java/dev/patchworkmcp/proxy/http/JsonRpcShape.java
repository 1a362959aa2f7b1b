package dev.patchworkmcp.proxy.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The little the HTTP front end reads from a JSON-RPC message to route it (ids, methods, progress tokens), and
 * the error bodies it writes itself. Messages are relayed as the text received, never re-serialised. Parses with
 * the process's one mapper; the static methods need none. Thread-safe (stateless).
 */
final class JsonRpcShape {
    private final ObjectMapper json;

    JsonRpcShape(ObjectMapper json) {
        this.json = json;
    }

    /** The parsed message, or null when it is not JSON. */
    JsonNode parse(String message) {
        try {
            JsonNode node = json.readTree(message);
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
        return errorObject(id, code, message).toString();
    }

    private static ObjectNode errorObject(JsonNode id, int code, String message) {
        ObjectNode response = object();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        ObjectNode error = response.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return response;
    }

    /**
     * The message with the value of its top-level {@code id} replaced by {@code idJson} (JSON text), every other
     * character unchanged; re-serialised only when the text cannot be spliced (e.g. a repeated key).
     */
    String withId(String message, String idJson) {
        String spliced = splicedId(message, idJson);
        if (spliced != null) {
            return spliced;
        }
        JsonNode tree = parse(message);
        if (!(tree instanceof ObjectNode object)) {
            return message;
        }
        object.set("id", parse(idJson));
        return object.toString();
    }

    private String splicedId(String message, String idJson) {
        try (JsonParser parser = json.getFactory().createParser(message)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            boolean seen = false;
            int start = -1;
            int end = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(name)) {
                    if (seen || !value.isScalarValue()) {
                        return null;
                    }
                    seen = true;
                    start = (int) parser.currentTokenLocation().getCharOffset();
                    parser.nextToken();
                    end = (int) parser.currentTokenLocation().getCharOffset();
                    // The next token is a field name after a comma, or the closing brace: back over both.
                    while (end > start
                            && (Character.isWhitespace(message.charAt(end - 1)) || message.charAt(end - 1) == ',')) {
                        end--;
                    }
                    if (parser.currentToken() != JsonToken.FIELD_NAME) {
                        break;
                    }
                    name = parser.currentName();
                    value = parser.nextToken();
                    if ("id".equals(name)) {
                        return null;
                    }
                }
                parser.skipChildren();
            }
            return seen ? message.substring(0, start) + idJson + message.substring(end) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A JSON-RPC error with {@code data}, for the errors the specification gives a data shape. */
    static String error(JsonNode id, int code, String message, JsonNode data) {
        ObjectNode response = errorObject(id, code, message);
        ((ObjectNode) response.get("error")).set("data", data);
        return response.toString();
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
