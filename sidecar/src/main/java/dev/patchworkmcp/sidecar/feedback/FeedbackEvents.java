package dev.patchworkmcp.sidecar.feedback;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Fans newly stored reports out to the open {@code /api/events} streams of this sidecar. Each subscriber has a
 * bounded queue; a subscriber too slow to keep up loses events rather than slowing ingest. Thread-safe.
 */
public final class FeedbackEvents implements AutoCloseable {
    static final int QUEUE_CAPACITY = 1_000;
    private static final String CLOSED = "\u0000closed";

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** One open stream: {@link #next} yields the JSON of the next report, empty on timeout. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);

        /**
         * Waits up to {@code timeout} for the next report's JSON; empty when none came (send a heartbeat).
         *
         * @throws java.util.concurrent.CancellationException when the sidecar is stopping
         */
        public Optional<String> next(Duration timeout) throws InterruptedException {
            String value = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (CLOSED.equals(value) || closed) {
                throw new CancellationException("the sidecar is stopping");
            }
            return Optional.ofNullable(value);
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    public Subscription subscribe() {
        Subscription subscription = new Subscription();
        subscriptions.add(subscription);
        return subscription;
    }

    /** Publishes one stored report (already rendered as JSON). */
    void publish(String json) {
        for (Subscription subscription : subscriptions) {
            subscription.queue.offer(json);
        }
    }

    public int subscribers() {
        return subscriptions.size();
    }

    /** Ends every open stream. */
    @Override
    public void close() {
        closed = true;
        for (Subscription subscription : subscriptions) {
            subscription.queue.clear();
            subscription.queue.offer(CLOSED);
        }
    }
}
