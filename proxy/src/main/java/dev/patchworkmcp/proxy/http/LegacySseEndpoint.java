package dev.patchworkmcp.proxy.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The legacy HTTP+SSE transport (protocol 2024-11-05) for older clients: {@code GET /sse} opens a session and its
 * event stream, whose first event ({@code endpoint}) names {@code /message?sessionId=...}, where the client POSTs
 * its messages; every message for the client is a {@code message} event on the stream. The session ends when the
 * stream closes. Thread-safe.
 */
final class LegacySseEndpoint {
    static final String MESSAGE_PATH = "/message";

    private final SessionRegistry registry;
    private final JsonRpcShape shape;

    LegacySseEndpoint(SessionRegistry registry, JsonRpcShape shape) {
        this.registry = registry;
        this.shape = shape;
    }

    void stream(ServerRequest req, ServerResponse res) throws InterruptedException {
        LegacyOutbound outbound = new LegacyOutbound();
        ClientSession session;
        try {
            session = registry.open(outbound);
        } catch (UpstreamUnavailableException e) {
            StreamableHttpEndpoint.answer(res, Status.BAD_GATEWAY_502, JsonRpcShape.error(-32603, e.getMessage()));
            return;
        }
        session.responseOpened();
        try {
            SseResponse sse = SseResponse.open(res);
            if (sse.event("endpoint", MESSAGE_PATH + "?sessionId=" + session.id())) {
                sse.drain(outbound.queue);
            }
            sse.close();
        } finally {
            session.responseClosed();
            session.end("the client closed its SSE stream");
        }
    }

    void message(ServerRequest req, ServerResponse res) {
        String sessionId = req.query().first("sessionId").asOptional().orElse(null);
        ClientSession session = sessionId == null ? null : registry.find(sessionId);
        if (session == null) {
            StreamableHttpEndpoint.answer(
                    res,
                    Status.NOT_FOUND_404,
                    JsonRpcShape.error(
                            -32001,
                            "no SSE session \"" + sessionId
                                    + "\"; open GET /sse first and post to the endpoint it names"));
            return;
        }
        String body = req.content().as(String.class);
        if (shape.parse(body) == null) {
            StreamableHttpEndpoint.answer(
                    res, Status.BAD_REQUEST_400, JsonRpcShape.error(-32700, "the body is not a JSON-RPC message"));
            return;
        }
        session.deliver(body);
        res.status(Status.ACCEPTED_202).send("Accepted");
    }

    /** A legacy session has one stream: everything goes there. */
    private static final class LegacyOutbound implements Outbound {
        final EventQueue queue = new EventQueue();

        @Override
        public void route(String message) {
            queue.offer(QueuedEvent.of(message));
        }

        @Override
        public void endAll() {
            queue.end();
        }
    }
}
