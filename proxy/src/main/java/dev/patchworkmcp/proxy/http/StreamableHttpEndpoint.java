package dev.patchworkmcp.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Streamable HTTP transport at {@code /mcp}: POST carries client messages (answered as an SSE stream, or as
 * JSON when the client accepts only JSON, or when it accepts both and the answer comes alone and at once), GET
 * opens the session's stream for server-initiated messages, DELETE ends the session. SSE events carry ids, and
 * each stream opens with a priming event (an id, no data): a client whose connection broke resumes any stream, POST
 * or GET, with a GET carrying {@code Last-Event-ID} (see {@link StreamRouter}). A session ({@code Mcp-Session-Id})
 * is created by an {@code initialize} request without one. Handlers block on virtual threads; each response is
 * written only by its own handler. Thread-safe.
 */
final class StreamableHttpEndpoint {
    static final HeaderName SESSION_ID = HeaderNames.create("Mcp-Session-Id");
    static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");
    /** How long a POST waits for an answer it can send as JSON before it opens its event stream. */
    static final Duration QUICK_ANSWER = Duration.ofMillis(100);

    private final SessionRegistry registry;
    private final StatelessEndpoint stateless;
    private final JsonRpcShape shape;

    StreamableHttpEndpoint(SessionRegistry registry, JsonRpcShape shape) {
        this.registry = registry;
        this.stateless = new StatelessEndpoint(registry, shape);
        this.shape = shape;
    }

    void post(ServerRequest req, ServerResponse res) throws InterruptedException {
        String body = req.content().as(String.class);
        JsonNode parsed = shape.parse(body);
        if (parsed == null || !(parsed.isObject() || parsed.isArray())) {
            answer(res, Status.BAD_REQUEST_400, JsonRpcShape.error(-32700, "the body is not a JSON-RPC message"));
            return;
        }
        if (StatelessRequest.isStateless(req.headers(), parsed)) {
            stateless.post(req, res, parsed, body);
            return;
        }
        List<JsonNode> requests = new ArrayList<>();
        boolean initialize = false;
        for (JsonNode element : JsonRpcShape.elements(parsed)) {
            if (JsonRpcShape.isRequest(element)) {
                requests.add(element);
                initialize |= JsonRpcShape.isMethod(element, "initialize");
            }
        }
        String sessionId = req.headers().first(SESSION_ID).orElse(null);
        ClientSession session;
        if (sessionId == null && initialize) {
            session = openSession(res);
            if (session == null) {
                return;
            }
            res.header(SESSION_ID, session.id());
        } else {
            session = existingSession(sessionId, res);
            if (session == null) {
                return;
            }
        }
        if (requests.isEmpty()) {
            session.deliver(body);
            res.status(Status.ACCEPTED_202).send();
            return;
        }
        boolean streaming = accepts(req, "text/event-stream") || !accepts(req, "application/json");
        StreamRouter.PostStream post = router(session).register(requests, streaming);
        session.requestOpened();
        try {
            session.deliver(body);
            if (streaming) {
                stream(res, post, accepts(req, "application/json"));
            } else {
                answerJson(res, post);
            }
        } finally {
            router(session).disconnect(post);
            session.requestClosed();
        }
    }

    void get(ServerRequest req, ServerResponse res) throws InterruptedException {
        ClientSession session = existingSession(req.headers().first(SESSION_ID).orElse(null), res);
        if (session == null) {
            return;
        }
        if (!accepts(req, "text/event-stream")) {
            answer(
                    res,
                    Status.NOT_ACCEPTABLE_406,
                    JsonRpcShape.error(
                            -32000, "the GET stream is text/event-stream; send \"Accept: text/event-stream\""));
            return;
        }
        String lastEventId = req.headers().first(LAST_EVENT_ID).orElse(null);
        if (lastEventId != null) {
            resume(session, lastEventId, res);
            return;
        }
        EventQueue queue = new EventQueue();
        String priming = router(session).openGet(queue);
        if (priming == null) {
            answer(
                    res,
                    Status.CONFLICT_409,
                    JsonRpcShape.error(
                            -32000,
                            "this session already has a GET stream open; use that one, close it first, or resume"
                                    + " it with Last-Event-ID"));
            return;
        }
        serve(session, res, queue, router(session).getStream(), priming);
    }

    /** A GET with {@code Last-Event-ID}: replays what the client missed on that stream, then goes on live. */
    private static void resume(ClientSession session, String lastEventId, ServerResponse res)
            throws InterruptedException {
        EventQueue queue = new EventQueue();
        ReplayStream stream = router(session).resume(lastEventId, queue);
        if (stream == null) {
            answer(
                    res,
                    Status.BAD_REQUEST_400,
                    JsonRpcShape.error(
                            -32000,
                            "Last-Event-ID \"" + lastEventId + "\" names no stream this session still keeps (too"
                                    + " old, or not an id this server sent); open a new GET stream without it"));
            return;
        }
        serve(session, res, queue, stream, null);
    }

    private static void serve(
            ClientSession session, ServerResponse res, EventQueue queue, ReplayStream stream, String priming)
            throws InterruptedException {
        session.responseOpened();
        try {
            SseResponse sse = SseResponse.open(res);
            if (priming == null || sse.prime(priming)) {
                sse.drain(queue);
            }
            sse.close();
        } finally {
            router(session).disconnect(stream, queue);
            session.responseClosed();
        }
    }

    void delete(ServerRequest req, ServerResponse res) {
        ClientSession session = existingSession(req.headers().first(SESSION_ID).orElse(null), res);
        if (session == null) {
            return;
        }
        session.end("the client ended the session (HTTP DELETE)");
        res.status(Status.NO_CONTENT_204).send();
    }

    private ClientSession openSession(ServerResponse res) {
        try {
            return registry.open(new StreamRouter(shape));
        } catch (UpstreamUnavailableException e) {
            answer(res, Status.BAD_GATEWAY_502, JsonRpcShape.error(-32603, e.getMessage()));
            return null;
        } catch (SessionLimitException e) {
            res.header(HeaderNames.RETRY_AFTER, "5");
            answer(res, Status.SERVICE_UNAVAILABLE_503, JsonRpcShape.error(-32000, e.getMessage()));
            return null;
        }
    }

    private ClientSession existingSession(String sessionId, ServerResponse res) {
        if (sessionId == null) {
            answer(
                    res,
                    Status.BAD_REQUEST_400,
                    JsonRpcShape.error(
                            -32000,
                            "the Mcp-Session-Id header is missing; send an initialize request first to get a session"));
            return null;
        }
        ClientSession session = registry.find(sessionId);
        if (session == null) {
            answer(
                    res,
                    Status.NOT_FOUND_404,
                    JsonRpcShape.error(
                            -32001, "session not found (it expired or was ended); start a new one with initialize"));
        }
        return session;
    }

    /**
     * Answers a POST that carried requests. A client that accepts JSON gets its answer as one JSON body when that
     * answer is the only message of the POST and arrives within {@link #QUICK_ANSWER}: one write instead of an event
     * stream's headers, priming event, event and end, and no event parsing on the client's side. Anything else (a
     * notification first, several answers, a slower answer) becomes the event stream, primed at once when the wait
     * ends, so a slow call can still be resumed.
     */
    private static void stream(ServerResponse res, StreamRouter.PostStream post, boolean acceptsJson)
            throws InterruptedException {
        if (acceptsJson) {
            QueuedEvent sole = post.queue.takeSole(QUICK_ANSWER, () -> post.answered);
            if (sole != null) {
                answer(res, Status.OK_200, sole.data());
                return;
            }
        }
        SseResponse sse = SseResponse.open(res);
        if (sse.prime(post.primingId())) {
            sse.drain(post.queue);
        }
        sse.close();
    }

    private static void answerJson(ServerResponse res, StreamRouter.PostStream post) throws InterruptedException {
        List<String> answers = new ArrayList<>();
        QueuedEvent event;
        while ((event = post.queue.poll(SseResponse.HEARTBEAT)) != EventQueue.END) {
            if (event != null) {
                answers.add(event.data());
            }
        }
        if (answers.isEmpty()) {
            answer(
                    res,
                    Status.SERVICE_UNAVAILABLE_503,
                    JsonRpcShape.error(-32603, "the session ended before the upstream answered"));
            return;
        }
        answer(res, Status.OK_200, answers.size() == 1 ? answers.getFirst() : "[" + String.join(",", answers) + "]");
    }

    private static StreamRouter router(ClientSession session) {
        return (StreamRouter) session.outbound();
    }

    static boolean accepts(ServerRequest req, String mediaType) {
        if (!req.headers().contains(HeaderNames.ACCEPT)) {
            return false;
        }
        for (String value : req.headers().get(HeaderNames.ACCEPT).allValues()) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.contains(mediaType) || lower.contains("*/*")) {
                return true;
            }
        }
        return false;
    }

    static void answer(ServerResponse res, Status status, String json) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(json);
    }
}
