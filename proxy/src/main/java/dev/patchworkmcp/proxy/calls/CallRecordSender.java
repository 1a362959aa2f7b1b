package dev.patchworkmcp.proxy.calls;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Collects call records in a bounded buffer and posts them to the sidecar in batches from its own thread: a
 * batch leaves when {@link Limits#batchSize()} records wait or {@link Limits#flushEvery()} has passed. A batch the
 * sidecar could not take (5xx, no connection) is retried with the same batch id; one it refused (4xx) is dropped.
 * When the buffer is full the oldest record is dropped; drops are counted and sent as {@code dropped_calls}.
 * Never touches the reports' outbox. Thread-safe.
 */
public final class CallRecordSender implements CallSink, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CallRecordSender.class.getName());

    /**
     * @param capacity records kept while the sidecar is away
     * @param batchSize records per batch (the sidecar takes up to 2000)
     * @param flushEvery the longest a record waits before its batch leaves
     * @param maxBackoff the longest pause between retries of one batch
     */
    public record Limits(int capacity, int batchSize, Duration flushEvery, Duration maxBackoff) {

        public static final Limits STANDARD = new Limits(10_000, 500, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    private final String serverName;
    private final boolean values;
    private final Limits limits;
    private final CallBatchPoster poster;
    private final ArrayDeque<CallRecord> buffer = new ArrayDeque<>();
    private final Thread thread;
    private long dropped;
    private List<String> advertised;
    private List<String> advertisedSent;
    private boolean closed;

    private CallRecordSender(String serverName, boolean values, Limits limits, CallBatchPoster poster) {
        this.serverName = serverName;
        this.values = values;
        this.limits = limits;
        this.poster = poster;
        this.thread =
                Thread.ofPlatform().name("patchwork-call-records").daemon(true).unstarted(this::run);
    }

    /**
     * Starts the sender's thread. It makes no connection until the first batch is due.
     *
     * @param sidecar base URL of the sidecar
     * @param apiKey the ingest key, or null
     */
    public static CallRecordSender start(
            String serverName, CallRecordMode mode, URI sidecar, String apiKey, String userAgent, Limits limits) {
        CallRecordSender sender = new CallRecordSender(
                serverName, mode == CallRecordMode.VALUES, limits, new CallBatchPoster(sidecar, apiKey, userAgent));
        sender.thread.start();
        return sender;
    }

    @Override
    public synchronized void record(CallRecord call) {
        if (buffer.size() >= limits.capacity()) {
            buffer.removeFirst();
            dropped++;
        }
        buffer.addLast(call);
        // Only the record that completes a batch wakes the sender: a wake-up per record cost the relaying thread
        // a futex call and a contended monitor on every call while the buffer stayed full (the sidecar away).
        if (buffer.size() == limits.batchSize()) {
            notifyAll();
        }
    }

    @Override
    public synchronized void advertised(List<String> tools) {
        advertised = List.copyOf(tools);
    }

    @Override
    public boolean keepsRequestText() {
        return values;
    }

    /** Records waiting in the buffer (not yet in a batch). */
    public synchronized int buffered() {
        return buffer.size();
    }

    /** Records dropped since the last batch the sidecar accepted. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Stops the thread after one last attempt to send what waits; what the sidecar did not take is lost. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            CallBatch batch = nextBatch();
            if (batch == null) {
                return;
            }
            deliver(batch);
        }
    }

    /** Waits until a batch is due and takes it; null once closed with nothing left. */
    private synchronized CallBatch nextBatch() {
        long due = System.nanoTime() + limits.flushEvery().toNanos();
        while (!closed && buffer.size() < limits.batchSize()) {
            long left = due - System.nanoTime();
            if (left <= 0 && !buffer.isEmpty()) {
                break;
            }
            if (left <= 0) {
                due = System.nanoTime() + limits.flushEvery().toNanos();
                left = limits.flushEvery().toNanos();
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                return null;
            }
        }
        if (buffer.isEmpty()) {
            return null;
        }
        List<CallRecord> calls = new ArrayList<>(Math.min(buffer.size(), limits.batchSize()));
        while (!buffer.isEmpty() && calls.size() < limits.batchSize()) {
            calls.add(buffer.removeFirst());
        }
        List<String> tools = advertised != null && !advertised.equals(advertisedSent) ? advertised : null;
        return new CallBatch(UUID.randomUUID().toString(), serverName, tools, dropped, calls);
    }

    /** Posts one batch until the sidecar takes or refuses it, or the sender is closed. */
    private void deliver(CallBatch batch) {
        byte[] body = CallBatchJson.write(batch, values).getBytes(StandardCharsets.UTF_8);
        long backoffMillis = 500;
        while (true) {
            CallBatchPoster.Answer answer = poster.post(body);
            switch (answer) {
                case ACCEPTED -> {
                    accepted(batch);
                    return;
                }
                case REFUSED -> {
                    refused(batch);
                    return;
                }
                case RETRY -> {}
            }
            synchronized (this) {
                // The whole pause, even when record() wakes this thread because a new batch is full.
                long until = System.nanoTime() + backoffMillis * 1_000_000;
                for (long left = backoffMillis; !closed && left > 0; left = (until - System.nanoTime()) / 1_000_000) {
                    try {
                        wait(left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    dropped += batch.calls().size();
                    return;
                }
            }
            backoffMillis = Math.min(backoffMillis * 2, limits.maxBackoff().toMillis());
        }
    }

    private synchronized void accepted(CallBatch batch) {
        dropped -= batch.droppedCalls();
        if (batch.advertisedTools() != null) {
            advertisedSent = batch.advertisedTools();
        }
    }

    private synchronized void refused(CallBatch batch) {
        dropped += batch.calls().size();
        LOG.log(
                System.Logger.Level.WARNING,
                "the sidecar refused a batch of " + batch.calls().size() + " call records; they are dropped");
    }
}
