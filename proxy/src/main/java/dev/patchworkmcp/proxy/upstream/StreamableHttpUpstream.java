package dev.patchworkmcp.proxy.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.proxy.relay.ChannelClosedException;
import dev.patchworkmcp.proxy.relay.MessageChannel;
import dev.patchworkmcp.proxy.relay.MessageListener;
import dev.patchworkmcp.proxy.relay.ProxyJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A remote MCP server on the Streamable HTTP transport, seen as a {@link MessageChannel}. Each message is
 * POSTed with {@code Accept: application/json, text/event-stream}; the answer, a JSON body or an SSE stream,
 * is delivered message by message exactly as received. The server's {@code Mcp-Session-Id} and the negotiated
 * {@code MCP-Protocol-Version} are sent on every later request; once the session is initialized the GET stream
 * is opened for server-initiated messages when the server offers one; {@code close()} DELETEs the session.
 * The configured extra headers (e.g. {@code Authorization}) go on every request and are never logged. A message
 * of MCP 2026-07-28 (its {@code _meta} names the protocol version) goes without a session, with the headers that
 * revision requires ({@link ModernHeaders}); the 400 or 404 error a server of that revision answers it with is
 * relayed as sent.
 *
 * <p>Messages are never re-serialised. When the server cannot be reached or refuses a POST, each request in
 * it is answered with a JSON-RPC error saying why, so the client never waits forever. Thread-safe.
 */
public final class StreamableHttpUpstream implements MessageChannel {
    private static final System.Logger LOG = System.getLogger(StreamableHttpUpstream.class.getName());
    private static final String ACCEPT_BOTH = "application/json, text/event-stream";
    private static final int GET_STREAM_ATTEMPTS = 5;

    private final UpstreamTarget.StreamableHttp target;
    private final ProxyJson json;
    private final HttpClient http = RemoteRequests.client();
    private final SessionThreads threads = new SessionThreads();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean getStreamStarted = new AtomicBoolean();
    private final Set<InputStream> openBodies = ConcurrentHashMap.newKeySet();
    private final Set<String> initializeIds = ConcurrentHashMap.newKeySet();
    private volatile MessageListener listener;
    private volatile String sessionId;
    private volatile String protocolVersion;

    /** @param json the process's JSON mapper, for the ids and methods the transport reads */
    public StreamableHttpUpstream(UpstreamTarget.StreamableHttp target, ProxyJson json) {
        RemoteRequests.validate(target.url(), target.headers());
        this.target = target;
        this.json = json;
    }

    @Override
    public void start(MessageListener listener) {
        this.listener = listener;
    }

    @Override
    public void send(String message) {
        if (closed.get()) {
            throw new ChannelClosedException("the remote upstream " + target.url() + " is closed");
        }
        JsonNode parsed = JsonRpcMessages.parse(json.mapper(), message);
        boolean initialize = false;
        boolean initialized = false;
        for (JsonNode element : JsonRpcMessages.elements(parsed)) {
            if (JsonRpcMessages.isRequest(element) && JsonRpcMessages.hasMethod(element, "initialize")) {
                initializeIds.add(element.get("id").toString());
                initialize = true;
            }
            initialized |= JsonRpcMessages.hasMethod(element, "notifications/initialized");
        }
        List<JsonNode> requestIds = JsonRpcMessages.requestIds(parsed);
        Post post = new Post(message, requestIds, initialize, initialized, ModernHeaders.of(parsed));
        if (initialize || requestIds.isEmpty()) {
            // Wait for the headers here: later messages need the session id the initialize answer carries, and
            // notifications (initialized, cancelled) must reach the server before the requests sent after them.
            // A server answers those at once (202); only request answers can take long.
            post.run();
        } else {
            threads.start("upstream-post", post::run);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        String session = sessionId;
        if (session != null) {
            try {
                HttpRequest delete = withSession(RemoteRequests.request(target.url(), target.headers()))
                        .timeout(Duration.ofSeconds(3))
                        .DELETE()
                        .build();
                http.send(delete, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "could not delete the remote session: {0}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (InputStream body : openBodies) {
            closeQuietly(body);
        }
        threads.interruptAll();
    }

    private HttpRequest.Builder withSession(HttpRequest.Builder builder) {
        String session = sessionId;
        if (session != null) {
            builder.header("Mcp-Session-Id", session);
        }
        String version = protocolVersion;
        if (version != null) {
            builder.header("MCP-Protocol-Version", version);
        }
        return builder;
    }

    /** One POST of one client message, and the handling of whatever the server answers. */
    private final class Post {
        private final String message;
        private final List<JsonNode> requestIds;
        private final boolean initialize;
        private final boolean initialized;
        /** The new era's request headers; empty for a message of the older era. */
        private final Map<String, String> modern;

        Post(
                String message,
                List<JsonNode> requestIds,
                boolean initialize,
                boolean initialized,
                Map<String, String> modern) {
            this.message = message;
            this.requestIds = requestIds;
            this.initialize = initialize;
            this.initialized = initialized;
            this.modern = modern;
        }

        void run() {
            HttpResponse<InputStream> response;
            try {
                HttpRequest.Builder builder = RemoteRequests.request(target.url(), target.headers())
                        .header("Content-Type", "application/json")
                        .header("Accept", ACCEPT_BOTH);
                // A request of the new era goes without a session: its headers say what the body says.
                modern.forEach(builder::header);
                HttpRequest request = (initialize || !modern.isEmpty() ? builder : withSession(builder))
                        .POST(HttpRequest.BodyPublishers.ofString(message))
                        .build();
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                fail(RemoteRequests.unreachable(target.url(), e));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("the request to " + target.url() + " was interrupted");
                return;
            }
            if (initialize) {
                response.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
            }
            boolean onCallersThread = initialize || requestIds.isEmpty();
            if (!onCallersThread || response.statusCode() == 202 || response.statusCode() == 204) {
                answer(response);
            } else {
                threads.start("upstream-answer", () -> answer(response));
            }
        }

        private void answer(HttpResponse<InputStream> response) {
            int status = response.statusCode();
            if (status == 202 || status == 204) {
                closeQuietly(response.body());
                if (initialized) {
                    openGetStream();
                }
                return;
            }
            if (status == 404 && sessionId != null) {
                closeQuietly(response.body());
                fail("the remote MCP server " + target.url() + " no longer knows session " + sessionId
                        + " (it expired or the server restarted); reconnect the client to start a new session");
                MessageListener current = listener;
                if (current != null && !closed.get()) {
                    current.onClosed("the remote MCP server " + target.url() + " ended the session (HTTP 404)");
                }
                return;
            }
            if ((status < 200 || status > 299) && !((status == 400 || status == 404) && deliverErrorBody(response))) {
                fail("the remote MCP server " + target.url() + " answered HTTP " + status
                        + RemoteRequests.excerpt(response));
                return;
            }
            try {
                if (RemoteRequests.contentType(response).startsWith("text/event-stream")) {
                    readEvents(response.body());
                } else {
                    String body = RemoteRequests.readAll(response);
                    if (!body.isBlank()) {
                        deliver(body);
                    }
                }
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.log(System.Logger.Level.DEBUG, "answer stream from {0} broke: {1}", target.url(), e);
                }
            }
        }

        /**
         * A server of the new era answers a request it refuses with 400 or 404 and a JSON-RPC error naming why
         * (HeaderMismatch, UnsupportedProtocolVersion, method not found): for a request of that era, the error is
         * relayed as sent. False when the request is of the older era or the body is no such error.
         */
        private boolean deliverErrorBody(HttpResponse<InputStream> response) {
            if (modern.isEmpty()
                    || requestIds.size() != 1
                    || !RemoteRequests.contentType(response).startsWith("application/json")) {
                return false;
            }
            try {
                String body = RemoteRequests.readAll(response);
                JsonNode error = JsonRpcMessages.parse(json.mapper(), body);
                if (error == null || !error.path("error").path("code").isInt()) {
                    return false;
                }
                deliver(
                        error.path("id").equals(requestIds.getFirst())
                                ? body
                                : JsonRpcMessages.withId(error, requestIds.getFirst()));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private void fail(String reason) {
            if (closed.get()) {
                return;
            }
            for (JsonNode id : requestIds) {
                deliver(JsonRpcMessages.errorResponse(id, reason));
            }
        }
    }

    private void openGetStream() {
        if (closed.get() || !getStreamStarted.compareAndSet(false, true)) {
            return;
        }
        threads.start("upstream-get-stream", this::runGetStream);
    }

    private void runGetStream() {
        int failures = 0;
        while (!closed.get() && failures < GET_STREAM_ATTEMPTS) {
            try {
                HttpRequest request = withSession(RemoteRequests.request(target.url(), target.headers()))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200
                        || !RemoteRequests.contentType(response).startsWith("text/event-stream")) {
                    // 405: the server offers no GET stream, which the transport allows.
                    closeQuietly(response.body());
                    return;
                }
                failures = 0;
                readEvents(response.body());
            } catch (IOException e) {
                failures++;
                LOG.log(System.Logger.Level.DEBUG, "GET stream from {0} broke: {1}", target.url(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pauseBeforeReconnect(failures);
        }
    }

    private void pauseBeforeReconnect(int failures) {
        try {
            Thread.sleep(Duration.ofMillis(200L << Math.min(failures, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readEvents(InputStream body) throws IOException {
        openBodies.add(body);
        try (body) {
            SseEventReader events = new SseEventReader(body);
            SseEventReader.Event event;
            while ((event = events.next()) != null) {
                if (event.event().equals("message") && !event.data().isBlank()) {
                    deliver(event.data());
                }
            }
        } finally {
            openBodies.remove(body);
        }
    }

    private void deliver(String message) {
        if (!initializeIds.isEmpty()) {
            rememberProtocolVersion(message);
        }
        MessageListener current = listener;
        if (current != null && !closed.get()) {
            current.onMessage(message);
        }
    }

    private void rememberProtocolVersion(String message) {
        for (JsonNode element : JsonRpcMessages.elements(JsonRpcMessages.parse(json.mapper(), message))) {
            if (JsonRpcMessages.isResponse(element)
                    && initializeIds.remove(element.get("id").toString())) {
                JsonNode version = element.path("result").path("protocolVersion");
                if (version.isTextual()) {
                    protocolVersion = version.asText();
                }
            }
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
