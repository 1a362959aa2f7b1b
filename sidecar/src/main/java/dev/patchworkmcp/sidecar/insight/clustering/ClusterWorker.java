package dev.patchworkmcp.sidecar.insight.clustering;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.insight.embedding.ReportEmbedder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Clusters stored reports in the background without taking the CPU from ingest. One thread polls the newest
 * report's time every {@link #POLL}: while reports keep arriving (a new one within {@link #QUIET}), ingest is
 * busy and the worker clusters at most {@value #TRICKLE_BATCH} reports per {@link #TRICKLE}, so the backlog still
 * moves under endless load; once ingest is quiet it works through the backlog in batches of
 * {@value ClusterService#BATCH}, checking between batches. Embedding itself runs on one low-priority thread (see
 * {@link ReportEmbedder}). It does not subscribe to the ingest events: a subscriber makes every stored report be
 * rendered as JSON on the ingest path. Every {@link #SWEEP} it looks at all reports again, for any stored with an
 * older time than the ones already clustered. When several sidecars share the database, only the one holding the
 * {@link ClusterLease} clusters; the others check every {@link #FOLLOW} whether they can take it over. Thread-safe.
 */
public final class ClusterWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClusterWorker.class.getName());
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration QUIET = Duration.ofMillis(300);
    static final Duration TRICKLE = Duration.ofSeconds(1);
    static final int TRICKLE_BATCH = 8;
    static final Duration SWEEP = Duration.ofMinutes(10);
    static final Duration RETRY = Duration.ofSeconds(5);
    /** How often a sidecar that does not hold the clustering lease checks whether it can take it. */
    static final Duration FOLLOW = Duration.ofSeconds(2);

    private final ClusterService service;
    private final ClusterLease lease;
    /** Never released: an interruptible pause that close() ends early. */
    private final Semaphore pause = new Semaphore(0);

    private Thread thread; // guarded by this
    private volatile boolean running = true;

    private String lastSeen = "";
    private long lastChange;
    private long lastTrickle;
    private long lastSweep;
    private String doneUpTo;
    private boolean leader;

    /** A worker for {@code service}'s new reports; it runs once {@link #start started}. */
    public ClusterWorker(ClusterService service, Database database, Clock clock) {
        this.service = service;
        this.lease = new ClusterLease(database, clock);
    }

    /** Starts clustering new reports whenever this sidecar holds the clustering lease. Call at most once. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("The cluster worker is already started.");
        }
        thread = Thread.ofPlatform().daemon().name("patchwork-cluster-worker").start(this::loop);
    }

    private void loop() {
        lastSweep = System.nanoTime();
        try {
            // Load the model now, at low priority, rather than in the middle of the first burst of reports.
            service.embedder().get().embed("warm up");
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "The embedding model could not be loaded; retrying with the first report",
                    e);
        }
        while (running) {
            try {
                Duration wait = step();
                if (!wait.isZero()) {
                    pause.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "Clustering a batch of reports failed; retrying later", e);
                try {
                    pause.tryAcquire(RETRY.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** One round: cluster what the current ingest load allows; returns how long to wait before the next. */
    private Duration step() {
        if (!lease.holds()) {
            leader = false;
            return FOLLOW;
        }
        if (!leader) {
            leader = true;
            doneUpTo = null;
            service.takeOver(); // another sidecar clustered until now: start from the database's clusters
        }
        long now = System.nanoTime();
        String latest = service.latestTimestamp();
        if (!latest.equals(lastSeen)) {
            lastSeen = latest;
            lastChange = now;
        }
        if (now - lastSweep >= SWEEP.toNanos()) {
            lastSweep = now;
            doneUpTo = null;
            service.sweep();
        }
        if (latest.equals(doneUpTo)) {
            return POLL; // nothing new since the backlog was last found empty
        }
        boolean busy = now - lastChange < QUIET.toNanos();
        if (busy) {
            if (now - lastTrickle < TRICKLE.toNanos()) {
                return POLL;
            }
            lastTrickle = now;
            service.processPending(TRICKLE_BATCH);
            return POLL;
        }
        if (service.processPending(ClusterService.BATCH) == 0) {
            doneUpTo = latest;
            return POLL;
        }
        return Duration.ZERO;
    }

    @Override
    public void close() {
        running = false;
        Thread started;
        synchronized (this) {
            started = thread;
        }
        if (started == null) {
            return;
        }
        started.interrupt();
        try {
            started.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Could not release the clustering lease; it expires on its own", e);
        }
    }
}
