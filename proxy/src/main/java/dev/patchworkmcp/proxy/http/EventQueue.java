package dev.patchworkmcp.proxy.http;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The messages waiting to be written on one open HTTP response (an SSE stream or a pending JSON answer). Any
 * thread offers; the request's own handler thread takes and writes, so a response is only ever written by the
 * thread that owns it. Thread-safe.
 */
final class EventQueue {
    /** Compared by identity: a sentinel no relayed message can be. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    static final String END = new String("<end>");

    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    void offer(String message) {
        queue.add(message);
    }

    /** No more messages: the handler finishes its response after writing what is queued. */
    void end() {
        if (!ended) {
            ended = true;
            queue.add(END);
        }
    }

    boolean ended() {
        return ended;
    }

    /** The next message, {@link #END}, or null when {@code wait} passed without one (time for a heartbeat). */
    String poll(Duration wait) throws InterruptedException {
        return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
