package dev.patchworkmcp.proxy.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * For a 2026-07-28 client of a legacy upstream: turns a request of the upstream to the client (elicitation,
 * sampling, roots) into an {@code input_required} answer to the client's request in progress, and the client's
 * retry of that request (with {@code inputResponses} and the {@code requestState}) back into the response the
 * upstream waits for; the upstream's final answer then reaches the client under the retry's id. Stdio does not
 * say which client request a server's request serves, so the caller picks the newest one pending. Thread-safe.
 */
final class InputRequiredBridge {

    private static final String KEY = "upstream-request";
    private static final String STATE_PREFIX = "patchwork-proxy-input-";
    /** The requests a 2026-07-28 server may answer with {@code input_required}. */
    private static final List<String> INPUT_REQUIRED_METHODS = List.of("tools/call", "prompts/get", "resources/read");

    private final SessionSettings settings;
    private final Consumer<String> toClient;
    private final Consumer<String> toUpstream;
    private final Map<String, Continuation> byState = new ConcurrentHashMap<>();
    private final Map<String, String> answerAs = new ConcurrentHashMap<>();
    private final AtomicInteger states = new AtomicInteger();

    /** A request of the upstream waiting for the client, and the client's request it was asked for. */
    private record Continuation(String upstreamRequestId, String callId) {}

    InputRequiredBridge(SessionSettings settings, Consumer<String> toClient, Consumer<String> toUpstream) {
        this.settings = settings;
        this.toClient = toClient;
        this.toUpstream = toUpstream;
    }

    /**
     * Answers the client's request {@code callId} (still pending upstream) with an {@code input_required} result
     * carrying the upstream's request.
     */
    void ask(String upstreamRequest, MessageSummary request, String callId) {
        JsonNode params = tree(upstreamRequest).path("params");
        String state = STATE_PREFIX + states.incrementAndGet();
        byState.put(state, new Continuation(request.id(), callId));
        ObjectNode result = settings.json().createObjectNode();
        result.put("resultType", "input_required");
        ObjectNode input = result.putObject("inputRequests").putObject(KEY);
        input.put("method", request.method());
        if (params.isObject()) {
            input.set("params", params);
        }
        result.put("requestState", state);
        toClient.accept(EraText.result(clientId(callId), result.toString()));
    }

    /**
     * The newest pending modern request that can take an {@code input_required} answer, or null: the one a legacy
     * upstream's request to the client most likely serves.
     */
    static String newestPendingCall(Map<String, PendingRequest> pending) {
        String newest = null;
        long newestStart = 0;
        for (Map.Entry<String, PendingRequest> entry : pending.entrySet()) {
            PendingRequest request = entry.getValue();
            if (request.protocolVersion() != null
                    && INPUT_REQUIRED_METHODS.contains(request.method())
                    && (newest == null || request.startNanos() - newestStart > 0)) {
                newest = entry.getKey();
                newestStart = request.startNanos();
            }
        }
        return newest;
    }

    /** Whether an {@code input_required} answer awaits its retry (only then do client requests need a look). */
    boolean waiting() {
        return !byState.isEmpty();
    }

    /**
     * Takes a client request that may retry an {@code input_required} answer: its answer goes to the upstream's
     * waiting request, and the upstream's final answer will go to this request's id.
     *
     * @return whether it was such a retry (then it is not relayed)
     */
    boolean takeRetry(String message, MessageSummary request) {
        JsonNode params = tree(message).path("params");
        JsonNode state = params.path("requestState");
        Continuation waiting = state.isTextual() ? byState.remove(state.asText()) : null;
        if (waiting == null) {
            return false;
        }
        JsonNode answer = params.path("inputResponses").path(KEY);
        String upstreamId = waiting.upstreamRequestId();
        if (answer.path("code").isIntegralNumber() && answer.path("message").isTextual()) {
            toUpstream.accept("{\"jsonrpc\":\"2.0\",\"id\":" + upstreamId + ",\"error\":" + answer + "}");
        } else if (answer.isObject()) {
            toUpstream.accept(EraText.result(upstreamId, answer.toString()));
        } else {
            toUpstream.accept(EraText.error(
                    upstreamId, -32603, "The client retried its request without answering this one", null));
        }
        answerAs.put(waiting.callId(), request.id());
        return true;
    }

    /** The id the client now knows its request {@code callId} by. */
    String clientId(String callId) {
        return answerAs.getOrDefault(callId, callId);
    }

    /** The upstream's response to the client's request {@code callId}, under the id the client now knows it by. */
    String finalResponse(String message, String callId) {
        String id = answerAs.isEmpty() ? null : answerAs.remove(callId);
        if (id == null) {
            return message;
        }
        JsonNode root = tree(message);
        if (!(root instanceof ObjectNode response)) {
            return message;
        }
        response.set("id", tree(id));
        return response.toString();
    }

    private JsonNode tree(String text) {
        try {
            return settings.json().readTree(text);
        } catch (IOException e) {
            return settings.json().missingNode();
        }
    }
}
