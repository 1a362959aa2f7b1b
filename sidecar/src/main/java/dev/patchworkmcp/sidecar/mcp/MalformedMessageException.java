package dev.patchworkmcp.sidecar.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A POSTed body that is not a JSON-RPC message this server can handle, with the JSON-RPC error code that names the
 * fault. {@code id} is the request's id when it could be read, else {@code null}: the answer is then an HTTP 400.
 */
final class MalformedMessageException extends RuntimeException {
    private final transient Object id;
    private final int code;

    MalformedMessageException(Object id, int code, String message) {
        super(message);
        this.id = id;
        this.code = code;
    }

    static MalformedMessageException parseError(String message) {
        return new MalformedMessageException(null, McpSchema.ErrorCodes.PARSE_ERROR, message);
    }

    static MalformedMessageException invalidRequest(String message) {
        return new MalformedMessageException(null, McpSchema.ErrorCodes.INVALID_REQUEST, message);
    }

    static MalformedMessageException invalidParams(Object id, String message) {
        return new MalformedMessageException(id, McpSchema.ErrorCodes.INVALID_PARAMS, message);
    }

    Object id() {
        return id;
    }

    /**
     * The JSON-RPC error response to send, as a map: JSON-RPC wants {@code "id": null} when the id could not be read,
     * which the SDK's response record refuses.
     */
    Map<String, Object> response() {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        response.put("id", id);
        response.put("error", Map.of("code", code, "message", getMessage()));
        return response;
    }
}
