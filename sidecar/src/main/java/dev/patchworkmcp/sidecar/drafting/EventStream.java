package dev.patchworkmcp.sidecar.drafting;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes server-sent events ({@code event: <name>\ndata: <json>\n\n}) and, from its own virtual thread, a
 * heartbeat comment whenever the stream has been quiet for the interval, so proxies keep the connection open
 * during a long model call. A client that goes away does not stop the run: later writes are dropped.
 * Report drafts and cluster drafts both stream through it. Thread-safe.
 */
public final class EventStream implements DraftProgress, AutoCloseable {
    private static final HeaderName ACCEL_BUFFERING = HeaderNames.create("X-Accel-Buffering");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final Duration heartbeat;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closedOrWritten = lock.newCondition();
    private final Thread heartbeats;
    private boolean closed;
    private boolean broken;
    private long writes;

    EventStream(OutputStream out, Duration heartbeat) {
        this.out = out;
        this.heartbeat = heartbeat;
        this.heartbeats = Thread.ofVirtual().name("draft-heartbeat").start(this::beat);
    }

    /** Answers 200 as an unbuffered event stream on {@code response} and returns the stream to write to. */
    public static EventStream open(ServerResponse response, Duration heartbeat) {
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        response.header(ACCEL_BUFFERING, "no");
        return new EventStream(response.outputStream(), heartbeat);
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
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise event data", e);
        }
        write("event: " + name + "\ndata: " + json + "\n\n");
    }

    private void beat() {
        lock.lock();
        try {
            while (!closed) {
                long seen = writes;
                boolean signalled = closedOrWritten.await(heartbeat.toNanos(), TimeUnit.NANOSECONDS);
                if (!closed && !signalled && seen == writes) {
                    writeLocked(": heartbeat\n\n");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void write(String frame) {
        lock.lock();
        try {
            writeLocked(frame);
            closedOrWritten.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void writeLocked(String frame) {
        writes++;
        if (broken || closed) {
            return;
        }
        try {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | RuntimeException e) {
            broken = true;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            closedOrWritten.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            heartbeats.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            // the client is gone; nothing left to tell it
        }
    }
}
