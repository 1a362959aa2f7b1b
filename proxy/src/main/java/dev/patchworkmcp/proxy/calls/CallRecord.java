package dev.patchworkmcp.proxy.calls;

import java.time.Instant;

/**
 * One request the proxy relayed and its answer, as the relay saw them go by: sizes and outcome, never values
 * unless the proxy was asked to send them. Immutable.
 *
 * @param method the JSON-RPC method
 * @param tool for {@code tools/call}: the tool name as the agent sent it, else null
 * @param client who asked: client name, version and protocol version (fields may be null)
 * @param sessionId the proxy's session id
 * @param startedAt when the request was relayed
 * @param latencyMicros time from request to answer
 * @param outcome how it ended
 * @param errorCode the JSON-RPC error code of an {@link Outcome#RPC_ERROR}, else 0
 * @param errorMessage the error's message, or the text of an {@code isError} result, truncated; or null
 * @param argumentsBytes length of the JSON text of {@code params.arguments}
 * @param resultBytes length of the JSON text of {@code result}
 * @param requestText the request's text, kept only when values are sent; else null
 */
public record CallRecord(
        String method,
        String tool,
        Client client,
        String sessionId,
        Instant startedAt,
        long latencyMicros,
        Outcome outcome,
        int errorCode,
        String errorMessage,
        int argumentsBytes,
        int resultBytes,
        String requestText) {

    /** The longest error message sent, in characters (the sidecar's limit). */
    public static final int MAX_ERROR_MESSAGE = 1000;

    public CallRecord {
        if (errorMessage != null && errorMessage.length() > MAX_ERROR_MESSAGE) {
            errorMessage = errorMessage.substring(0, MAX_ERROR_MESSAGE - 1) + "…";
        }
    }

    /** The client as one request showed it; fields it did not send are null. */
    public record Client(String name, String version, String protocolVersion) {}

    /** How a call ended. */
    public enum Outcome {
        OK("ok"),
        TOOL_ERROR("tool_error"),
        RPC_ERROR("rpc_error");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        /** The name on the wire. */
        public String wire() {
            return wire;
        }
    }
}
