package dev.patchworkmcp.proxy.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.proxy.relay.ChannelClosedException;
import dev.patchworkmcp.proxy.relay.MessageChannel;
import dev.patchworkmcp.proxy.relay.MessageListener;
import dev.patchworkmcp.proxy.relay.ProxyJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A remote MCP server on the legacy HTTP+SSE transport (protocol 2024-11-05), seen as a {@link MessageChannel}:
 * GETs the SSE endpoint, waits for its {@code endpoint} event, then POSTs each message there, in order, from one
 * sender thread; every {@code message} event of the stream is delivered exactly as received. The configured
 * extra headers go on every request and are never logged. When a POST fails, each request in it is answered
 * with a JSON-RPC error saying why. Thread-safe.
 */
public final class SseUpstream implements MessageChannel {
    private static final System.Logger LOG = System.getLogger(SseUpstream.class.getName());
    private static final Duration ENDPOINT_WAIT = Duration.ofSeconds(30);
    /** Compared by identity: a sentinel no relayed message can be. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String STOP = new String("<stop>");

    private final UpstreamTarget.Sse target;
    private final ProxyJson json;
    private final HttpClient http = RemoteRequests.client();
    private final SessionThreads threads = new SessionThreads();
    private final CompletableFuture<URI> endpoint = new CompletableFuture<>();
    private final BlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile MessageListener listener;
    private volatile InputStream stream;

    /** @param json the process's JSON mapper, for the ids and methods the transport reads */
    public SseUpstream(UpstreamTarget.Sse target, ProxyJson json) {
        RemoteRequests.validate(target.url(), target.headers());
        this.target = target;
        this.json = json;
    }

    @Override
    public void start(MessageListener listener) {
        this.listener = listener;
        threads.start("sse-upstream-stream", this::readStream);
        threads.start("sse-upstream-sender", this::sendLoop);
    }

    @Override
    public void send(String message) {
        if (closed.get()) {
            throw new ChannelClosedException("the remote upstream " + target.url() + " is closed");
        }
        outgoing.add(message);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        outgoing.add(STOP);
        endpoint.completeExceptionally(new ChannelClosedException("closed"));
        InputStream current = stream;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // Nothing left to release.
            }
        }
        threads.interruptAll();
    }

    private void readStream() {
        String reason;
        try {
            HttpRequest request = RemoteRequests.request(target.url(), target.headers())
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                reason = "the remote MCP server " + target.url() + " refused the SSE stream with HTTP "
                        + response.statusCode() + RemoteRequests.excerpt(response);
            } else {
                stream = response.body();
                readEvents(response.body());
                reason = "the remote MCP server " + target.url() + " closed its SSE stream";
            }
        } catch (IOException e) {
            reason = RemoteRequests.unreachable(target.url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
        }
        endpoint.completeExceptionally(new IOException(reason));
        MessageListener current = listener;
        if (!closed.get() && current != null) {
            current.onClosed(reason);
        }
    }

    private void readEvents(InputStream body) throws IOException {
        try (body) {
            SseEventReader events = new SseEventReader(body);
            SseEventReader.Event event;
            while ((event = events.next()) != null && !closed.get()) {
                if (event.event().equals("endpoint")) {
                    endpoint.complete(target.url().resolve(event.data().strip()));
                } else if (event.event().equals("message") && !event.data().isBlank()) {
                    listener.onMessage(event.data());
                }
            }
        }
    }

    private void sendLoop() {
        try {
            String message;
            while ((message = outgoing.take()) != STOP) {
                post(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void post(String message) throws InterruptedException {
        try {
            URI messages = endpoint.get(ENDPOINT_WAIT.toSeconds(), TimeUnit.SECONDS);
            HttpRequest request = RemoteRequests.request(messages, target.headers())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(message))
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                fail(
                        message,
                        "the remote MCP server " + target.url() + " refused a message with HTTP "
                                + response.statusCode() + RemoteRequests.excerpt(response));
            } else {
                response.body().close();
            }
        } catch (TimeoutException e) {
            fail(
                    message,
                    "the remote MCP server " + target.url() + " sent no endpoint event within "
                            + ENDPOINT_WAIT.toSeconds()
                            + " s; is it an SSE server (try the Streamable HTTP transport)?");
        } catch (ExecutionException e) {
            fail(message, e.getCause().getMessage());
        } catch (IOException e) {
            fail(message, RemoteRequests.unreachable(target.url(), e));
        }
    }

    private void fail(String message, String reason) {
        MessageListener current = listener;
        if (closed.get() || current == null) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "could not send to {0}: {1}", target.url(), reason);
        for (JsonNode id : JsonRpcMessages.requestIds(JsonRpcMessages.parse(json.mapper(), message))) {
            current.onMessage(JsonRpcMessages.errorResponse(id, reason));
        }
    }
}
