package dev.patchworkmcp.proxy.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The events waiting to be written on one open HTTP response (an SSE stream or a pending JSON answer). Any
 * thread offers; the request's own handler thread takes and writes, so a response is only ever written by the
 * thread that owns it. Thread-safe.
 */
final class EventQueue {
    /** Compared by identity: a sentinel no relayed message can be. */
    static final QueuedEvent END = new QueuedEvent(null, "<end>");

    private final BlockingDeque<QueuedEvent> queue = new LinkedBlockingDeque<>();
    private volatile boolean ended;

    void offer(QueuedEvent event) {
        queue.add(event);
    }

    /**
     * Offers the last event and ends the queue in one step: a handler woken by the event finds the end behind it,
     * so it knows at once that the event is all there is.
     */
    void offerLast(QueuedEvent event) {
        if (ended) {
            queue.add(event);
            return;
        }
        ended = true;
        queue.addAll(List.of(event, END));
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

    /**
     * Waits up to {@code wait} for the first event. When the queue ends right after it and {@code complete} says the
     * end is a normal one, takes both and returns that event: it is all the response will carry. Otherwise takes
     * nothing (what it looked at goes back in front, in order) and returns null. Called by the owning handler
     * thread only, like {@link #poll}.
     */
    QueuedEvent takeSole(Duration wait, BooleanSupplier complete) throws InterruptedException {
        QueuedEvent first = queue.pollFirst(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return null;
        }
        QueuedEvent next = first == END ? null : queue.pollFirst();
        if (next == END && complete.getAsBoolean()) {
            return first;
        }
        if (next != null) {
            queue.addFirst(next);
        }
        queue.addFirst(first);
        return null;
    }
}
