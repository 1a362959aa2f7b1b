package dev.patchworkmcp.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes the upstream messages of one stateless lane (all requests of one client identity, see
 * {@link SessionRegistry#lane}) to the POSTs waiting for them. Requests of several HTTP clients share the lane's
 * relay session, and their ids could collide, so each request goes upstream under an id of the lane's own (a
 * counter) and its answer goes back with the client's id. Progress goes to the POST whose request carries the
 * token; a subscription notification ({@code _meta} {@value #SUBSCRIPTION_ID}) to the {@code subscriptions/listen}
 * POST it names, with the client's id put back; any other notification to the newest waiting POST. Nothing is
 * kept for replay: the stateless revision has no resumable streams. Thread-safe.
 */
final class StatelessRouter implements Outbound {
    static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

    /** One waiting POST: its own connection's queue, its lane id and the id the client gave. */
    static final class Pending {
        final EventQueue queue = new EventQueue();
        final long laneId;
        final String clientId;
        /** The request's progress token as the client gave it, and as it goes upstream (JSON text, or null). */
        final String clientToken;

        final String progressToken;
        volatile boolean answered;
        /** The event carrying the answer, once it came. */
        volatile QueuedEvent answer;

        Pending(long laneId, String clientId, String clientToken, String progressToken) {
            this.laneId = laneId;
            this.clientId = clientId;
            this.clientToken = clientToken;
            this.progressToken = progressToken;
        }
    }

    private final JsonRpcShape shape;
    private final Map<Long, Pending> byId = new HashMap<>();
    private final Map<String, Pending> byToken = new HashMap<>();
    private final Deque<Pending> newest = new ArrayDeque<>();

    StatelessRouter(JsonRpcShape shape) {
        this.shape = shape;
    }

    /**
     * The client's request as it goes upstream: under the lane id, and with a progress token of the lane's own
     * when another waiting request of the lane uses the same one (else its text is unchanged).
     */
    String upstreamText(Pending pending, String clientText) {
        String text = shape.withId(clientText, Long.toString(pending.laneId));
        if (pending.progressToken == null || pending.progressToken.equals(pending.clientToken)) {
            return text;
        }
        JsonNode tree = shape.parse(text);
        ((ObjectNode) tree.path("params").path("_meta")).put("progressToken", "progress-" + pending.laneId);
        return tree.toString();
    }

    private long nextId = 1;
    private boolean ended;

    /** Registers a request before it is relayed, so its answer cannot arrive before its POST waits. */
    synchronized Pending register(StatelessRequest request) {
        long laneId = nextId++;
        String token = request.progressToken();
        String upstreamToken = token != null && byToken.containsKey(token) ? "\"progress-" + laneId + "\"" : token;
        Pending pending = new Pending(laneId, request.idJson(), token, upstreamToken);
        byId.put(pending.laneId, pending);
        if (pending.progressToken != null) {
            byToken.put(pending.progressToken, pending);
        }
        newest.addLast(pending);
        if (ended) {
            pending.queue.end();
        }
        return pending;
    }

    /** The POST is over; true when its request was never answered (the client went away: cancel it upstream). */
    synchronized boolean forget(Pending pending) {
        byId.remove(pending.laneId, pending);
        if (pending.progressToken != null) {
            byToken.remove(pending.progressToken, pending);
        }
        newest.remove(pending);
        return !pending.answered && !ended;
    }

    @Override
    public synchronized void route(String message) {
        List<JsonNode> elements = JsonRpcShape.elements(shape.parse(message));
        for (JsonNode element : elements) {
            routeOne(element, elements.size() == 1 ? message : element.toString());
        }
    }

    private void routeOne(JsonNode element, String text) {
        if (JsonRpcShape.isResponse(element)) {
            Pending pending = byId.get(element.get("id").asLong(-1));
            if (pending != null && element.get("id").isIntegralNumber()) {
                pending.answered = true;
                pending.answer = QueuedEvent.of(shape.withId(text, pending.clientId));
                pending.queue.offer(pending.answer);
                pending.queue.end();
            }
            return;
        }
        JsonNode meta = element.path("params").path("_meta");
        Pending target = null;
        if (meta.has(SUBSCRIPTION_ID)) {
            target = byId.get(meta.get(SUBSCRIPTION_ID).asLong(-1));
            if (target != null) {
                ((ObjectNode) meta).set(SUBSCRIPTION_ID, shape.parse(target.clientId));
                text = element.toString();
            }
        } else if (JsonRpcShape.isMethod(element, "notifications/progress")) {
            target = byToken.get(element.path("params").path("progressToken").toString());
            if (target != null && !target.progressToken.equals(target.clientToken)) {
                ((ObjectNode) element.path("params")).set("progressToken", shape.parse(target.clientToken));
                text = element.toString();
            }
        }
        if (target == null) {
            target = newest.peekLast();
        }
        if (target != null) {
            target.queue.offer(QueuedEvent.of(text));
        }
    }

    /** The requests still waiting, for tests and for the lane's idle check. */
    synchronized List<Pending> waiting() {
        return List.copyOf(newest);
    }

    @Override
    public synchronized void endAll() {
        ended = true;
        for (Pending pending : byId.values()) {
            pending.queue.end();
        }
    }
}
