package dev.patchworkmcp.proxy.outbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers the outbox to the sidecar on a background thread: oldest report first, each with its idempotency
 * key, deleted after any 2xx, moved to {@code rejected/} on a permanent 4xx, moved to {@code quarantine/} without
 * being sent when it is not a report at all (see {@link Outbox#defectOf}), retried with capped exponential
 * backoff on network errors and 5xx. Reports refused for bad credentials stay in the outbox for the next proxy
 * (started with the right key). Nobody waits on it: {@link #wake()} only nudges it. {@link #tryNow} delivers one
 * new report at once, waiting at most a configured time (the feedback tool's answer can then quote the sidecar's
 * id); a report is only ever in one delivery at a time. Thread-safe.
 */
public final class OutboxSender implements AutoCloseable, ImmediateDelivery {

    /** How long {@link #tryNow} waits for the sidecar by default. */
    public static final Duration DEFAULT_IMMEDIATE_WAIT = Duration.ZERO;

    private static final System.Logger LOG = System.getLogger(OutboxSender.class.getName());

    private final Outbox outbox;
    private final SidecarClient client;
    private final RetryPolicy policy;
    private final Semaphore wakeups = new Semaphore(0);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Set<Path> parked = ConcurrentHashMap.newKeySet();
    private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();
    private final Duration immediateWait;
    private final Thread thread;
    private volatile boolean running = true;

    private OutboxSender(Outbox outbox, SidecarClient client, RetryPolicy policy, Duration immediateWait) {
        this.outbox = outbox;
        this.client = client;
        this.policy = policy;
        this.immediateWait = immediateWait;
        this.thread =
                Thread.ofPlatform().name("patchwork-outbox-sender").daemon(true).unstarted(this::run);
    }

    /** Starts delivering what the outbox already holds and whatever is written to it later. */
    public static OutboxSender start(Outbox outbox, SidecarClient client, RetryPolicy policy) {
        return start(outbox, client, policy, DEFAULT_IMMEDIATE_WAIT);
    }

    /**
     * As {@link #start(Outbox, SidecarClient, RetryPolicy)}; {@link #tryNow} waits at most {@code immediateWait}
     * ({@code 0}: it never tries, the background sender delivers everything).
     */
    public static OutboxSender start(Outbox outbox, SidecarClient client, RetryPolicy policy, Duration immediateWait) {
        if (immediateWait == null || immediateWait.isNegative()) {
            throw new IllegalArgumentException("the immediate delivery wait must be 0 or more, got " + immediateWait);
        }
        OutboxSender sender = new OutboxSender(outbox, client, policy, immediateWait);
        sender.thread.start();
        return sender;
    }

    /**
     * Delivers {@code report} now on a virtual thread and waits for it at most the configured time. An attempt
     * that outlasts the wait goes on and finishes its bookkeeping; a report not delivered stays for the sender.
     */
    @Override
    public Delivery tryNow(Path report) {
        if (immediateWait.isZero() || !running) {
            wake();
            return new Delivery.Queued();
        }
        CompletableFuture<Delivery> attempt = new CompletableFuture<>();
        Thread.ofVirtual().name("patchwork-outbox-now").start(() -> {
            Delivery delivery = deliverClaimed(report);
            attempt.complete(
                    delivery == null ? new Delivery.Retry("a delivery of this report is in flight") : delivery);
        });
        try {
            Delivery delivery = attempt.get(immediateWait.toMillis(), TimeUnit.MILLISECONDS);
            if (delivery instanceof Delivery.Retry) {
                wake();
            }
            return delivery;
        } catch (TimeoutException e) {
            return new Delivery.Retry("the sidecar did not answer within " + immediateWait.toMillis() + " ms");
        } catch (ExecutionException e) {
            wake();
            return new Delivery.Retry("delivery failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery.Retry("interrupted");
        }
    }

    /** Tells the sender a new report is in the outbox. Returns at once. */
    public void wake() {
        wakeups.release();
    }

    private void run() {
        int failures = 0;
        while (running) {
            String failure = deliverPending();
            try {
                if (failure != null) {
                    failures++;
                    Duration delay = policy.delayAfter(failures);
                    if (failures == 1) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "reports wait in the outbox " + outbox.directory()
                                        + " and will be delivered when the sidecar answers (" + failure + ")");
                    }
                    stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    if (failures > 0) {
                        LOG.log(System.Logger.Level.INFO, "the sidecar is reachable again; outbox delivered");
                    }
                    failures = 0;
                    if (wakeups.tryAcquire(policy.rescan().toMillis(), TimeUnit.MILLISECONDS)) {
                        wakeups.drainPermits();
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One pass over the outbox; the reason of the first retryable failure, or null when all went. */
    private String deliverPending() {
        for (Path report : outbox.pending()) {
            if (!running) {
                return null;
            }
            if (parked.contains(report)) {
                continue;
            }
            Delivery delivery = deliverClaimed(report);
            if (delivery == null) {
                continue;
            }
            if (delivery instanceof Delivery.Retry retry) {
                return retry.reason();
            }
        }
        return null;
    }

    /** Delivers a report nobody else is delivering now; null when another delivery holds it. */
    private Delivery deliverClaimed(Path report) {
        if (!inFlight.add(report)) {
            return null;
        }
        try {
            return deliver(report);
        } finally {
            inFlight.remove(report);
        }
    }

    private Delivery deliver(Path report) {
        String json;
        try {
            json = outbox.read(report);
            if (json == null) {
                return new Delivery.Delivered(0, null);
            }
        } catch (IOException e) {
            json = null;
        }
        String defect = Outbox.defectOf(report, json);
        if (defect != null) {
            return quarantine(report, defect);
        }
        try {
            Delivery delivery = client.post(json, Outbox.keyOf(report));
            switch (delivery) {
                case Delivery.Delivered delivered -> outbox.delivered(report);
                case Delivery.Rejected rejected -> {
                    Path moved = outbox.reject(report, rejected.reason());
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "the sidecar refused report " + report.getFileName() + " for good (" + rejected.reason()
                                    + "); kept in " + moved);
                }
                case Delivery.Unauthorized unauthorized -> {
                    parked.add(report);
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "the sidecar refused our ingest key ("
                                    + unauthorized.reason() + "); report " + report.getFileName() + " stays in "
                                    + outbox.directory() + " until a proxy with the right --api-key runs");
                }
                case Delivery.Retry retry -> {}
                case Delivery.Queued queued -> {}
            }
            return delivery;
        } catch (IOException e) {
            return new Delivery.Retry("outbox file " + report + ": " + e);
        }
    }

    private Delivery quarantine(Path entry, String defect) {
        try {
            Path moved = outbox.quarantine(entry, defect);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "outbox entry " + entry.getFileName() + " is not a report (" + defect
                            + ") and will never be delivered; moved to " + moved);
        } catch (IOException e) {
            parked.add(entry);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "outbox entry " + entry + " is not a report (" + defect + ") and could not be moved aside (" + e
                            + "); skipped, remove it by hand");
        }
        return new Delivery.Rejected(0, defect);
    }

    /** Stops the sender, giving a delivery in flight up to {@code grace} to finish; undelivered reports stay. */
    public void close(Duration grace) {
        running = false;
        stopped.countDown();
        wakeups.release();
        try {
            thread.join(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(3));
    }
}
