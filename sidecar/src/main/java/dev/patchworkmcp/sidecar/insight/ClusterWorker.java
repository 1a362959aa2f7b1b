package dev.patchworkmcp.sidecar.insight;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Clusters stored reports in the background, so ingest never waits for the embedding model: woken when a report
 * is stored, it works through everything not yet clustered (also what a previous run left behind), then sleeps
 * until the next wake-up or {@value #IDLE_SECONDS} s. One virtual thread. Thread-safe.
 */
final class ClusterWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClusterWorker.class.getName());
    static final int IDLE_SECONDS = 5;

    private final ClusterService service;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    ClusterWorker(ClusterService service) {
        this.service = service;
        this.thread = Thread.ofVirtual().name("patchwork-cluster-worker").start(this::loop);
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
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
