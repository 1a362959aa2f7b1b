package dev.patchworkmcp.proxy.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * For a legacy client of a modern-only upstream: when the upstream answers a request with {@code input_required},
 * sends each of its input requests (elicitation, sampling, roots) to the client as a request of its own, the way
 * a legacy server asks, and once the client answered them all, retries the original request upstream with
 * {@code inputResponses} and the {@code requestState}, under the original id, so the client gets the final
 * result as the answer to the request it sent. Thread-safe.
 */
final class ClientRequestBridge {

    private static final String OWN_ID_PREFIX = "\"patchwork-proxy-ask-";

    private final SessionSettings settings;
    private final Consumer<String> toClient;
    private final Map<String, Ask> asked = new ConcurrentHashMap<>();
    private final AtomicInteger ownIds = new AtomicInteger();

    /** The original request to send again upstream (its text), to be tracked again under its id. */
    record Retried(String callId, PendingRequest request, String text) {}

    /** One request sent to the client: the round it belongs to, and its key in {@code inputRequests}. */
    private record Ask(Round round, String key) {}

    /** One input_required answer being carried to the client: the request to retry, and the answers so far. */
    private static final class Round {
        final String callId;
        final PendingRequest request;
        final ObjectNode retry;
        final ObjectNode responses;
        int missing;

        Round(String callId, PendingRequest request, ObjectNode retry, ObjectNode responses, int missing) {
            this.callId = callId;
            this.request = request;
            this.retry = retry;
            this.responses = responses;
            this.missing = missing;
        }
    }

    ClientRequestBridge(SessionSettings settings, Consumer<String> toClient) {
        this.settings = settings;
        this.toClient = toClient;
    }

    /**
     * Takes an {@code input_required} answer of the upstream to the client's request {@code callId}.
     *
     * @return whether the bridge carries it (false: nothing to ask the client, relay the answer as it is)
     */
    boolean carry(String response, String callId, PendingRequest request) {
        if (request.text() == null) {
            return false;
        }
        JsonNode result = tree(response).path("result");
        JsonNode inputRequests = result.path("inputRequests");
        if (!inputRequests.isObject() || inputRequests.isEmpty()) {
            return false;
        }
        if (!(tree(request.text()) instanceof ObjectNode retry)) {
            return false;
        }
        ObjectNode params = retry.path("params") instanceof ObjectNode existing ? existing : retry.putObject("params");
        if (result.has("requestState")) {
            params.set("requestState", result.get("requestState"));
        } else {
            params.remove("requestState");
        }
        ObjectNode responses = params.putObject("inputResponses");
        Round round = new Round(callId, request, retry, responses, inputRequests.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = inputRequests.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> input = it.next();
            String ownId = OWN_ID_PREFIX + ownIds.incrementAndGet() + "\"";
            asked.put(ownId, new Ask(round, input.getKey()));
            ObjectNode ask = settings.json().createObjectNode();
            ask.put("jsonrpc", "2.0");
            ask.set("id", tree(ownId));
            ask.set("method", input.getValue().path("method"));
            if (input.getValue().has("params")) {
                ask.set("params", input.getValue().get("params"));
            }
            toClient.accept(ask.toString());
        }
        return true;
    }

    /** Whether a response of the client answers a request the bridge sent. */
    boolean owns(MessageSummary response) {
        return response.id() != null && response.id().startsWith(OWN_ID_PREFIX);
    }

    /**
     * Takes the client's answer to one input request; the last one retries the original request upstream.
     *
     * @return the request retried upstream, to track again, when this was the last answer; otherwise null
     */
    Retried onClientResponse(String message, MessageSummary response) {
        Ask ask = asked.remove(response.id());
        if (ask == null) {
            return null;
        }
        Round round = ask.round();
        JsonNode root = tree(message);
        synchronized (round) {
            round.responses.set(ask.key(), root.has("result") ? root.get("result") : root.path("error"));
            if (--round.missing > 0) {
                return null;
            }
        }
        return new Retried(round.callId, round.request, round.retry.toString());
    }

    private JsonNode tree(String text) {
        try {
            return settings.json().readTree(text);
        } catch (IOException e) {
            return settings.json().missingNode();
        }
    }
}
