package dev.patchworkmcp.sidecar.calls;

/**
 * One request the proxy relayed, as stored: who asked (client, session, protocol version), what (method and, for
 * {@code tools/call}, the tool), when, how long, how it ended, and the sizes of its arguments and result. Values
 * are absent unless the sender opted in ({@code redactedValues}, masked). Immutable.
 */
public record CallRecord(
        String method,
        String tool,
        String clientName,
        String clientVersion,
        String sessionId,
        String protocolVersion,
        String startedAt,
        double latencyMs,
        Outcome outcome,
        Integer errorCode,
        String errorMessage,
        long argumentsBytes,
        long resultBytes,
        String redactedValues) {

    /** How a call ended: a result, a result with {@code isError: true}, or a JSON-RPC error. */
    public enum Outcome {
        OK("ok"),
        TOOL_ERROR("tool_error"),
        RPC_ERROR("rpc_error");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public boolean failed() {
            return this != OK;
        }
    }
}
