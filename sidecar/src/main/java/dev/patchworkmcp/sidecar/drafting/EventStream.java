package dev.patchworkmcp.sidecar.drafting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends a draft's progress as server-sent events through Helidon's {@link SseSink} (a named event with JSON
 * data per step) and, from its own virtual thread, a {@code heartbeat} comment whenever the stream has been quiet
 * for the interval, so proxies keep the connection open during a long model call. A client that goes away does
 * not stop the run: later events are dropped. Report drafts and cluster drafts both stream through it.
 * Thread-safe.
 */
public final class EventStream implements DraftProgress, AutoCloseable {
    private static final HeaderName ACCEL_BUFFERING = HeaderNames.create("X-Accel-Buffering");
    private static final SseEvent HEARTBEAT =
            SseEvent.builder().comment("heartbeat").build();

    private final SseSink sink;
    private final ObjectMapper json;
    private final Duration heartbeat;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closedOrWritten = lock.newCondition();
    private Thread heartbeats; // guarded by lock
    private boolean closed;
    private boolean broken;
    private long writes;

    EventStream(SseSink sink, ObjectMapper json, Duration heartbeat) {
        this.sink = sink;
        this.json = json;
        this.heartbeat = heartbeat;
    }

    /**
     * Answers 200 as an unbuffered event stream on {@code response}, starts the heartbeats and returns the stream
     * to write to; event data is written as JSON with {@code json}.
     */
    public static EventStream open(ServerResponse response, ObjectMapper json, Duration heartbeat) {
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        response.header(ACCEL_BUFFERING, "no");
        EventStream stream = new EventStream(response.sink(SseSink.TYPE), json, heartbeat);
        stream.start();
        return stream;
    }

    /** Starts the heartbeats. */
    void start() {
        lock.lock();
        try {
            if (heartbeats == null && !closed) {
                heartbeats = Thread.ofVirtual().name("draft-heartbeat").start(this::beat);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void step(String message) {
        event("step", message);
    }

    @Override
    public void detail(String message) {
        event("detail", message);
    }

    public void error(String message) {
        event("error", message);
    }

    public void event(String name, Object data) {
        String text;
        try {
            text = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event data", e);
        }
        lock.lock();
        try {
            send(SseEvent.builder().name(name).data(text).build());
            closedOrWritten.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void beat() {
        lock.lock();
        try {
            while (!closed) {
                long seen = writes;
                boolean signalled = closedOrWritten.await(heartbeat.toNanos(), TimeUnit.NANOSECONDS);
                if (!closed && !signalled && seen == writes) {
                    send(HEARTBEAT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private void send(SseEvent event) {
        writes++;
        if (broken || closed) {
            return;
        }
        try {
            sink.emit(event);
        } catch (RuntimeException e) {
            broken = true;
        }
    }

    @Override
    public void close() {
        Thread started;
        lock.lock();
        try {
            closed = true;
            started = heartbeats;
            closedOrWritten.signalAll();
        } finally {
            lock.unlock();
        }
        if (started != null) {
            try {
                started.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            // the client is gone; nothing left to tell it
        }
    }
}
