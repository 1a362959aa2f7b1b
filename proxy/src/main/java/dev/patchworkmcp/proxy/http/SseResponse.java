package dev.patchworkmcp.proxy.http;

import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One {@code text/event-stream} response, written through Helidon's {@link SseSink}: queued messages become
 * events until the queue ends or the client goes away, each flushed at once (with {@code tcp-no-delay} on, an
 * event reaches the client without delay). A comment is sent when the stream is quiet for a while so that dead
 * connections are noticed. Used only by the request's own handler thread.
 */
final class SseResponse {
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final SseEvent KEEP_ALIVE =
            SseEvent.builder().comment(" keep-alive").build();

    private final SseSink sink;

    private SseResponse(SseSink sink) {
        this.sink = sink;
    }

    /** Sends the response's headers ({@code text/event-stream}, {@code no-cache}); events follow. */
    static SseResponse open(ServerResponse res) {
        return new SseResponse(res.sink(SseSink.TYPE));
    }

    /** Sends one event without an id; false when the client has gone away. */
    boolean event(String name, String data) {
        return emit(SseEvent.builder().name(name).data(utf8(data)).build());
    }

    /**
     * Sends an event carrying only an id and empty data: it primes the client to resume the stream from there
     * (with {@code Last-Event-ID}) should the connection break before anything else arrives.
     */
    boolean prime(String id) {
        return emit(SseEvent.builder().id(id).data(new byte[0]).build());
    }

    /**
     * Sends the queue's events as {@code message} events (with their ids, when they have one) until it ends or the
     * client goes away. Returns true when the queue ended normally.
     */
    boolean drain(EventQueue queue) throws InterruptedException {
        while (true) {
            QueuedEvent event = queue.poll(HEARTBEAT);
            if (event == EventQueue.END) {
                return true;
            }
            if (!emit(event == null ? KEEP_ALIVE : message(event))) {
                return false;
            }
        }
    }

    void close() {
        try {
            sink.close();
        } catch (RuntimeException e) {
            // The client is gone; nothing to finish.
        }
    }

    private static SseEvent message(QueuedEvent event) {
        SseEvent.Builder builder = SseEvent.builder().name("message").data(utf8(event.data()));
        if (event.id() != null) {
            builder.id(event.id());
        }
        return builder.build();
    }

    /** Bytes go out as they are; a String would pass through the media writers on every event. */
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private boolean emit(SseEvent event) {
        try {
            sink.emit(event);
            return true;
        } catch (RuntimeException e) {
            // Helidon reports a closed connection with unchecked exceptions of several types.
            return false;
        }
    }
}
