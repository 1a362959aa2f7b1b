package dev.patchworkmcp.sidecar.insight.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.drafting.DraftProgress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A cluster draft's progress as server-sent events, the same frames the report drafts send ({@code step},
 * {@code detail}, {@code error}, {@code done}, data as JSON), with a heartbeat comment whenever the stream has been
 * quiet for the interval so a proxy keeps it open through a long model call. A client that leaves does not stop
 * the run: later writes are dropped. Thread-safe.
 */
final class ClusterDraftStream implements DraftProgress, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final Duration heartbeat;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private final Thread beats;
    private boolean closed;
    private boolean broken;
    private long writes;

    ClusterDraftStream(OutputStream out, Duration heartbeat) {
        this.out = out;
        this.heartbeat = heartbeat;
        this.beats = Thread.ofVirtual().name("cluster-draft-heartbeat").start(this::beat);
    }

    @Override
    public void step(String message) {
        event("step", message);
    }

    @Override
    public void detail(String message) {
        event("detail", message);
    }

    void event(String name, Object data) {
        try {
            write("event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise event data", e);
        }
    }

    private void beat() {
        lock.lock();
        try {
            while (!closed) {
                long seen = writes;
                if (!written.await(heartbeat.toNanos(), TimeUnit.NANOSECONDS) && !closed && seen == writes) {
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
            written.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void writeLocked(String frame) {
        if (closed || broken) {
            return;
        }
        try {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
            writes++;
        } catch (IOException | UncheckedIOException e) {
            broken = true; // the client went away; the draft carries on and is recorded in the history
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            written.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            beats.join(1_000);
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        }
    }
}
