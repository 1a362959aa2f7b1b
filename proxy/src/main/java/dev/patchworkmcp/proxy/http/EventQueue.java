package dev.patchworkmcp.proxy.http;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The events waiting to be written on one open HTTP response (an SSE stream or a pending JSON answer). Any
 * thread offers; the request's own handler thread takes and writes, so a response is only ever written by the
 * thread that owns it. Thread-safe.
 */
final class EventQueue {
    /** Compared by identity: a sentinel no relayed message can be. */
    static final QueuedEvent END = new QueuedEvent(null, "<end>");

    private final BlockingQueue<QueuedEvent> queue = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    void offer(QueuedEvent event) {
        queue.add(event);
    }

    /** No more events: the handler finishes its response after writing what is queued. */
    void end() {
        if (!ended) {
            ended = true;
            queue.add(END);
        }
    }

    boolean ended() {
        return ended;
    }

    /** The next event, {@link #END}, or null when {@code wait} passed without one (time for a heartbeat). */
    QueuedEvent poll(Duration wait) throws InterruptedException {
        return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
