package dev.patchworkmcp.proxy.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes queued messages to one {@code text/event-stream} response until the queue ends or the client goes away,
 * flushing each event at once (with {@code tcp-no-delay} on, an event reaches the client without delay). A
 * comment is written when the stream is quiet for a while so that dead connections are noticed. Used only by the
 * request's own handler thread.
 */
final class SseWriter {
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final OutputStream out;

    private SseWriter(OutputStream out) {
        this.out = out;
    }

    static SseWriter open(ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        return new SseWriter(res.outputStream());
    }

    /** Writes one event without an id; false when the client has gone away. */
    boolean event(String name, String data) {
        return event(null, name, data);
    }

    /**
     * Writes an event carrying only an id and empty data: it primes the client to resume the stream from there
     * (with {@code Last-Event-ID}) should the connection break before anything else arrives.
     */
    boolean prime(String id) {
        return write("id: " + id + "\ndata: \n\n");
    }

    /** Writes one event, with its id when it has one; false when the client has gone away. */
    boolean event(String id, String name, String data) {
        StringBuilder frame = new StringBuilder(data.length() + 48);
        if (id != null) {
            frame.append("id: ").append(id).append('\n');
        }
        frame.append("event: ").append(name).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return write(frame.append('\n').toString());
    }

    /**
     * Writes the queue's events as {@code message} events (with their ids) until it ends or the client goes away. Returns true
     * when the queue ended normally.
     */
    boolean drain(EventQueue queue) throws InterruptedException {
        while (true) {
            SseEvent event = queue.poll(HEARTBEAT);
            if (event == EventQueue.END) {
                return true;
            }
            boolean written = event == null ? write(": keep-alive\n\n") : event(event.id(), "message", event.data());
            if (!written) {
                return false;
            }
        }
    }

    void close() {
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            // The client is gone; nothing to finish.
        }
    }

    private boolean write(String frame) {
        try {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            // Helidon reports a closed connection with unchecked exceptions of several types.
            return false;
        }
    }
}
