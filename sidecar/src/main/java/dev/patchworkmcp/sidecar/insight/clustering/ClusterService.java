package dev.patchworkmcp.sidecar.insight.clustering;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Timestamps;
import dev.patchworkmcp.sidecar.http.ApiException;
import dev.patchworkmcp.sidecar.insight.embedding.ReportEmbedder;
import dev.patchworkmcp.sidecar.insight.embedding.UnitVector;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Clusters reports as they arrive and lets a reviewer reshape the clusters: merge two, move a report out,
 * resolve, reopen, re-cluster everything. The in-memory {@link ClusterIndex} and the database change together
 * under one lock, so they never disagree; reads go straight to the database. Thread-safe.
 */
public final class ClusterService {
    private static final System.Logger LOG = System.getLogger(ClusterService.class.getName());
    static final int BATCH = 32;
    /** How far before the last batch the search for unclustered reports starts again. */
    static final Duration WATERMARK_MARGIN = Duration.ofMinutes(2);

    private final Database database;
    private final ClusterStore store;
    private final ClusterReports reports;
    private final ClusterSettings settings;
    private final Supplier<ReportEmbedder> embedder;
    private final Clock clock;
    private final ClusterChange.Listener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final ReplicaCoordination coordination;
    private final ClusterMerges merges;
    private ClusterIndex index;
    private volatile String watermark = "";
    private final AtomicLong embedded = new AtomicLong();

    public ClusterService(
            Database database,
            ClusterSettings settings,
            Supplier<ReportEmbedder> embedder,
            Clock clock,
            ClusterChange.Listener listener) {
        this.database = database;
        this.store = new ClusterStore(database, clock);
        this.reports = new ClusterReports(database);
        this.settings = settings;
        this.embedder = embedder;
        this.clock = clock;
        this.listener = listener;
        this.coordination = new ReplicaCoordination(database);
        this.merges = new ClusterMerges(this);
        this.index = loadIndex();
    }

    public ClusterSettings settings() {
        return settings;
    }

    private ClusterIndex loadIndex() {
        return database.read(this::loadIndex);
    }

    private ClusterIndex loadIndex(DbExecute db) {
        ClusterIndex loaded = new ClusterIndex(settings.threshold());
        store.forEachCentroid(
                db,
                entry -> loaded.put(entry.getKey().serverName(), entry.getKey().id(), entry.getValue()));
        return loaded;
    }

    /**
     * Embeds and assigns up to {@value #BATCH} reports that are stored but not clustered yet; returns how many.
     * The slow part (embedding) runs outside the lock.
     */
    public int processPending() {
        return processPending(BATCH);
    }

    /** Like {@link #processPending()}, with at most {@code limit} reports. */
    int processPending(int limit) {
        String since = watermark;
        List<PendingReport> batch = store.pending(limit, since);
        if (batch.isEmpty()) {
            return 0;
        }
        List<UnitVector> vectors =
                embedder.get().embedAll(batch.stream().map(PendingReport::text).toList());
        embedded.addAndGet(batch.size());
        List<ClusterChange> changes;
        lock.lock();
        try {
            changes = database.transaction(tx -> {
                if (coordination.enter(tx)) {
                    index = loadIndex(tx);
                }
                List<ClusterChange> made = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    assign(tx, batch.get(i), vectors.get(i)).ifPresent(made::add);
                }
                return merges.mergeTouched(tx, index, made);
            });
        } catch (RuntimeException e) {
            coordination.forget();
            index = loadIndex();
            throw e;
        } finally {
            lock.unlock();
        }
        // Everything stored before this batch's first report was clustered when it was read. The margin covers
        // replicas whose clocks lag; anything older still is found by the next sweep.
        watermark = Timestamps.format(
                ClusterStore.instant(batch.getFirst().timestamp()).minus(WATERMARK_MARGIN));
        changes.forEach(this::tell);
        return batch.size();
    }

    /** How many reports this sidecar has embedded for clustering since it started. */
    public long embeddedReports() {
        return embedded.get();
    }

    /** This sidecar starts clustering after another did: reload the clusters and look at every report. */
    void takeOver() {
        lock.lock();
        try {
            coordination.forget();
            watermark = "";
        } finally {
            lock.unlock();
        }
    }

    /** Makes the next {@link #processPending} look at every report again, not only recent ones. */
    void sweep() {
        watermark = "";
    }

    /** The newest stored report's time, "" when none. */
    String latestTimestamp() {
        return store.latestTimestamp();
    }

    private void tell(ClusterChange change) {
        try {
            listener.changed(change);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A cluster listener failed on " + change, e);
        }
    }

    private Optional<ClusterChange> assign(DbExecute tx, PendingReport report, UnitVector vector) {
        if (tx.get("SELECT feedback_id FROM insight_reports WHERE feedback_id = ?", report.id())
                .isPresent()) {
            return Optional.empty();
        }
        ClusterIndex.Assignment assignment = index.assign(
                report.serverName(), vector, () -> UUID.randomUUID().toString());
        String clusterId = assignment.clusterId();
        store.insertReport(tx, report.id(), clusterId, vector, assignment.similarity());
        if (assignment.created()) {
            store.insertCluster(tx, clusterId, report.serverName(), report.id(), Centroid.of(vector));
            store.event(tx, clusterId, "created", "first report " + report.id());
            return Optional.of(
                    new ClusterChange(ClusterChange.Kind.CREATED, clusterId, report.serverName(), report.id()));
        }
        Cluster cluster = store.find(tx, clusterId).orElseThrow();
        Centroid centroid = index.centroid(report.serverName(), clusterId).orElseThrow();
        store.updateCentroid(tx, clusterId, centroid, moreCentral(tx, cluster, report.id(), vector, centroid));
        if (!cluster.resolved()) {
            return Optional.of(
                    new ClusterChange(ClusterChange.Kind.JOINED, clusterId, report.serverName(), report.id()));
        }
        reopen(tx, cluster, report.id());
        return Optional.of(new ClusterChange(ClusterChange.Kind.REOPENED, clusterId, report.serverName(), report.id()));
    }

    /** Reopens resolved {@code cluster} because report {@code feedbackId} of its gap arrived, and says so. */
    void reopen(DbExecute tx, Cluster cluster, String feedbackId) {
        store.reopen(tx, cluster.id(), feedbackId);
        store.event(
                tx,
                cluster.id(),
                "reopened",
                "new report " + feedbackId + " arrived after it was resolved"
                        + (cluster.resolvedPrUrl().isEmpty() ? "" : " by " + cluster.resolvedPrUrl()));
    }

    /** The title report stays unless the new one is closer to the moved centroid. */
    private String moreCentral(DbExecute db, Cluster cluster, String newId, UnitVector vector, Centroid centroid) {
        Optional<StoredVector> title = store.vectorOf(db, cluster.titleFeedbackId());
        if (title.isEmpty()
                || centroid.similarity(vector) > centroid.similarity(title.get().vector())) {
            return newId;
        }
        return cluster.titleFeedbackId();
    }

    /** The member closest to the centroid, for a full title recomputation. */
    static String mostCentral(List<StoredVector> members, Centroid centroid) {
        return members.stream()
                .max(Comparator.comparingDouble(member -> centroid.similarity(member.vector())))
                .map(StoredVector::feedbackId)
                .orElse("");
    }

    /** Clusters by impact, highest first, filtered by server and status. */
    public ClusterPage list(String server, String status, int limit, int offset) {
        Map<String, ClusterCounts> counts = store.counts(server, status);
        List<ClusterView> views = store.list(server, status).stream()
                .filter(cluster -> counts.containsKey(cluster.id()))
                .map(cluster -> view(cluster, counts.get(cluster.id())))
                .sorted(Comparator.comparingDouble(
                                (ClusterView v) -> v.severity().score())
                        .reversed()
                        .thenComparing(v -> v.counts().lastSeen(), Comparator.reverseOrder())
                        .thenComparing(v -> v.cluster().id()))
                .toList();
        int from = Math.min(offset, views.size());
        return new ClusterPage(views.subList(from, Math.min(views.size(), from + limit)), views.size());
    }

    public Optional<ClusterView> view(String clusterId) {
        return store.find(clusterId).flatMap(cluster -> store.counts(clusterId).map(counts -> view(cluster, counts)));
    }

    private ClusterView view(Cluster cluster, ClusterCounts counts) {
        return new ClusterView(cluster, counts, Severity.of(counts, clock.instant()));
    }

    public Optional<ClusterDetail> detail(String clusterId) {
        return view(clusterId).map(view -> {
            List<ClusterReport> members = reports.of(clusterId);
            return new ClusterDetail(
                    view,
                    members,
                    ClusterReports.toolCounts(members),
                    store.events(clusterId),
                    fixRate(view.cluster()));
        });
    }

    private Optional<FixRate> fixRate(Cluster cluster) {
        if (cluster.resolvedAt() == null || cluster.resolvedAt().isEmpty()) {
            return Optional.empty();
        }
        Instant fixed = ClusterStore.instant(cluster.resolvedAt());
        Instant now = clock.instant();
        String from = Timestamps.format(fixed.minus(Duration.ofDays(FixRate.WINDOW_DAYS)));
        int[] counts = store.countsAround(cluster.id(), from, cluster.resolvedAt());
        double days = Math.max(1, Duration.between(fixed, now).toMinutes() / 1440.0);
        return Optional.of(new FixRate(
                cluster.resolvedAt(),
                counts[0],
                counts[1],
                counts[0] / (double) FixRate.WINDOW_DAYS,
                counts[1] / days));
    }

    public Optional<String> clusterOf(String feedbackId) {
        return store.clusterOf(feedbackId);
    }

    ClusterStore store() {
        return store;
    }

    /** Runs {@code work} with the index and the database locked against every other change. */
    <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in one transaction under the lock; if it fails, the index is reloaded from the database
     * so a half-applied change in memory cannot outlive its rolled-back rows.
     */
    <T> T change(Function<DbTransaction, T> work) {
        lock.lock();
        try {
            return database.transaction(tx -> {
                if (coordination.enter(tx) || coordination.shared()) {
                    index = loadIndex(tx); // another sidecar may have clustered reports since
                }
                T result = work.apply(tx);
                coordination.changed(tx);
                return result;
            });
        } catch (RuntimeException e) {
            coordination.forget();
            index = loadIndex();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    ClusterIndex index() {
        return index;
    }

    void replaceIndex(ClusterIndex rebuilt) {
        index = rebuilt;
    }

    Supplier<ReportEmbedder> embedder() {
        return embedder;
    }

    Database database() {
        return database;
    }

    /** When the cluster last had an event of {@code kind} (e.g. {@code auto_draft}), if ever. */
    public Optional<Instant> lastEvent(String clusterId, String kind) {
        return store.lastEvent(clusterId, kind).map(ClusterStore::instant);
    }

    /** Adds an event to the cluster's history, as one cluster change. */
    public void recordEvent(String clusterId, String kind, String detail) {
        change(tx -> {
            store.event(tx, clusterId, kind, detail);
            return null;
        });
    }

    /** 404 unless the cluster exists. */
    public Cluster require(String clusterId) {
        return store.find(clusterId).orElseThrow(() -> ApiException.notFound("Cluster", clusterId));
    }
}
