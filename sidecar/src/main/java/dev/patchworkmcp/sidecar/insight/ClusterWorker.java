package dev.patchworkmcp.sidecar.insight;

import dev.patchworkmcp.sidecar.feedback.FeedbackEvents;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Clusters stored reports in the background, so ingest never waits for the embedding model: woken when a report
 * is stored (it subscribes to the sidecar's ingest events), it works through everything not yet clustered (also
 * what a previous run left behind), then sleeps until the next wake-up or {@value #IDLE_SECONDS} s. Two virtual
 * threads: one listens, one clusters. Thread-safe.
 */
final class ClusterWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClusterWorker.class.getName());
    static final int IDLE_SECONDS = 5;

    private final ClusterService service;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private final Thread listener;
    private volatile boolean running = true;

    ClusterWorker(ClusterService service, FeedbackEvents events) {
        this.service = service;
        this.thread = Thread.ofVirtual().name("patchwork-cluster-worker").start(this::loop);
        this.listener = Thread.ofVirtual().name("patchwork-cluster-wakeup").start(() -> listen(events));
    }

    private void listen(FeedbackEvents events) {
        try (FeedbackEvents.Subscription subscription = events.subscribe()) {
            while (running) {
                if (subscription.next(Duration.ofSeconds(IDLE_SECONDS)).isPresent()) {
                    wake();
                }
            }
        } catch (InterruptedException | CancellationException e) {
            // the sidecar is stopping
        }
    }

    void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void loop() {
        while (running) {
            try {
                while (running && service.processPending() > 0) {
                    // keep going while there is a backlog
                }
                wake.tryAcquire(IDLE_SECONDS, TimeUnit.SECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "Clustering a batch of reports failed; retrying later", e);
                try {
                    wake.tryAcquire(IDLE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        listener.interrupt();
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
