package dev.patchworkmcp.sidecar.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A POSTed message this server cannot handle, with the JSON-RPC error code that names the fault and the HTTP status
 * to send it with. {@code id} is the request's id when it could be read, else {@code null}.
 */
final class MalformedMessageException extends RuntimeException {
    private final transient Object id;
    private final int code;
    private final int status;
    private final transient Object data;

    private MalformedMessageException(Object id, int code, int status, String message, Object data) {
        super(message);
        this.id = id;
        this.code = code;
        this.status = status;
        this.data = data;
    }

    static MalformedMessageException parseError(String message) {
        return new MalformedMessageException(null, McpSchema.ErrorCodes.PARSE_ERROR, 400, message, null);
    }

    static MalformedMessageException invalidRequest(String message) {
        return new MalformedMessageException(null, McpSchema.ErrorCodes.INVALID_REQUEST, 400, message, null);
    }

    /** Bad params of a request whose id could be read: the error is that request's answer (HTTP 200). */
    static MalformedMessageException invalidParams(Object id, String message) {
        return new MalformedMessageException(id, McpSchema.ErrorCodes.INVALID_PARAMS, 200, message, null);
    }

    /** An error of the 2026-07-28 era, which the specification sends with HTTP 400. */
    static MalformedMessageException modern(Object id, int code, String message, Object data) {
        return new MalformedMessageException(id, code, 400, message, data);
    }

    int status() {
        return status;
    }

    /**
     * The JSON-RPC error response to send, as a map: JSON-RPC wants {@code "id": null} when the id could not be read,
     * which the SDK's response record refuses.
     */
    Map<String, Object> response() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", getMessage());
        if (data != null) {
            error.put("data", data);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        response.put("id", id);
        response.put("error", error);
        return response;
    }
}
