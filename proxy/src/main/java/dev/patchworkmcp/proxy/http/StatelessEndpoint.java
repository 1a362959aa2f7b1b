package dev.patchworkmcp.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * POSTs of clients of revision 2026-07-28 at {@code /mcp}: no session, no handshake, one request per POST, its
 * headers checked ({@link StatelessRequest}). The request goes upstream through the lane of the client's identity
 * ({@link SessionRegistry#lane}) under a lane id ({@link StatelessRouter}). When the first message back is the
 * answer, it is sent as one JSON body, with the HTTP status the revision names for its error codes (404 for an
 * unknown method, 400 for a header, version or capability error); otherwise the response is an SSE stream without
 * event ids (the revision removed resumability), which ends with the answer, or stays open for
 * {@code subscriptions/listen}. A client that goes away before its answer cancels its request upstream. Thread-safe.
 */
final class StatelessEndpoint {
    private static final HeaderName ACCEL_BUFFERING = HeaderNames.create("X-Accel-Buffering");

    private final SessionRegistry registry;
    private final JsonRpcShape shape;

    StatelessEndpoint(SessionRegistry registry, JsonRpcShape shape) {
        this.registry = registry;
        this.shape = shape;
    }

    void post(ServerRequest req, ServerResponse res, JsonNode message, String body) throws InterruptedException {
        StatelessRequest request;
        try {
            request = StatelessRequest.read(req.headers(), message);
        } catch (StatelessRequest.RejectedException e) {
            StreamableHttpEndpoint.answer(res, e.status(), e.body());
            return;
        }
        if (request.isNotification()) {
            ClientSession lane = registry.findLane(request.identity());
            if (lane != null) {
                lane.deliver(body);
            }
            res.status(Status.ACCEPTED_202).send();
            return;
        }
        ClientSession lane = openLane(request, res);
        if (lane == null) {
            return;
        }
        StatelessRouter router = (StatelessRouter) lane.outbound();
        StatelessRouter.Pending pending = router.register(request);
        // A subscription stream waits for notifications; any other request is work in flight.
        boolean work = !request.method().equals("subscriptions/listen");
        if (work) {
            lane.requestOpened();
        } else {
            lane.responseOpened();
        }
        try {
            lane.deliver(router.upstreamText(pending, body));
            respond(req, res, pending);
        } finally {
            if (router.forget(pending)) {
                lane.deliver("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":"
                        + pending.laneId + ",\"reason\":\"the HTTP client closed its response stream\"}}");
            }
            if (work) {
                lane.requestClosed();
            } else {
                lane.responseClosed();
            }
        }
    }

    private ClientSession openLane(StatelessRequest request, ServerResponse res) {
        JsonNode id = shape.parse(request.idJson());
        try {
            return registry.lane(request.identity(), () -> new StatelessRouter(shape));
        } catch (SessionLimitException e) {
            res.header(HeaderNames.RETRY_AFTER, "5");
            StreamableHttpEndpoint.answer(
                    res, Status.SERVICE_UNAVAILABLE_503, JsonRpcShape.error(id, -32000, e.getMessage()));
        } catch (UpstreamUnavailableException e) {
            StreamableHttpEndpoint.answer(res, Status.BAD_GATEWAY_502, JsonRpcShape.error(id, -32603, e.getMessage()));
        }
        return null;
    }

    private void respond(ServerRequest req, ServerResponse res, StatelessRouter.Pending pending)
            throws InterruptedException {
        if (!StreamableHttpEndpoint.accepts(req, "text/event-stream")) {
            // JSON only: the answer alone; notifications before it have nowhere to go.
            QueuedEvent event;
            while ((event = pending.queue.poll(SseResponse.HEARTBEAT)) != EventQueue.END) {
                // wait for the end of the request
            }
            answerOrGone(res, pending, pending.answer);
            return;
        }
        QueuedEvent first = pending.queue.poll(SseResponse.HEARTBEAT);
        if (first == EventQueue.END || (first != null && first == pending.answer)) {
            answerOrGone(res, pending, first == EventQueue.END ? null : first);
            return;
        }
        res.header(ACCEL_BUFFERING, "no");
        SseResponse sse = SseResponse.open(res);
        if (first == null || sse.event("message", first.data())) {
            sse.drain(pending.queue);
        }
        sse.close();
    }

    private void answerOrGone(ServerResponse res, StatelessRouter.Pending pending, QueuedEvent answer) {
        if (answer != null) {
            answer(res, answer.data());
            return;
        }
        StreamableHttpEndpoint.answer(
                res,
                Status.SERVICE_UNAVAILABLE_503,
                JsonRpcShape.error(
                        shape.parse(pending.clientId),
                        -32603,
                        "the proxy closed this client's upstream before it answered; send the request again"));
    }

    /** One JSON answer, with the status the revision gives its error codes. */
    private void answer(ServerResponse res, String response) {
        JsonNode code = shape.parse(response).path("error").path("code");
        Status status = switch (code.asInt(0)) {
            case -32601 -> Status.NOT_FOUND_404;
            case StatelessRequest.HEADER_MISMATCH, -32021, StatelessRequest.UNSUPPORTED_VERSION ->
                Status.BAD_REQUEST_400;
            default -> Status.OK_200;
        };
        StreamableHttpEndpoint.answer(res, status, response);
    }
}
