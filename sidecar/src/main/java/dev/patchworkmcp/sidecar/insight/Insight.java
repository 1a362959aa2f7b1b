package dev.patchworkmcp.sidecar.insight;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.drafting.DraftHistory;
import dev.patchworkmcp.sidecar.drafting.DraftSettings;
import dev.patchworkmcp.sidecar.drafting.DraftSetup;
import dev.patchworkmcp.sidecar.http.JsonBodies;
import dev.patchworkmcp.sidecar.insight.api.ClusterApi;
import dev.patchworkmcp.sidecar.insight.autodraft.AutoDrafts;
import dev.patchworkmcp.sidecar.insight.autodraft.ClusterDrafts;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterChange;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterEdits;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterService;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterWorker;
import dev.patchworkmcp.sidecar.insight.clustering.Reclustering;
import dev.patchworkmcp.sidecar.insight.embedding.ReportEmbedder;
import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Gap intelligence for one sidecar: the embedding model (loaded on first use, on the worker thread), the cluster
 * service with its reviewer edits and re-clustering, and the background worker that clusters new reports. Other
 * parts (webhooks, auto-drafts) subscribe to cluster changes. Thread-safe.
 */
public final class Insight implements AutoCloseable {
    private final InsightConfig config;
    private final ClusterService clusters;
    private final ClusterEdits edits;
    private final Reclustering reclustering;
    private final ClusterWorker worker;
    private final LazyEmbedder embedder = new LazyEmbedder();
    private final List<ClusterChange.Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile ClusterDrafts drafts;

    private Insight(InsightConfig config, Database database, Clock clock) {
        this.config = config;
        this.clusters = new ClusterService(database, config.clusters(), embedder, clock, this::tell);
        this.edits = new ClusterEdits(clusters);
        this.reclustering = new Reclustering(clusters);
        this.worker = config.clustering() ? ClusterWorker.start(clusters, database, clock) : null;
        subscribe(new AutoDrafts(config.autoDraft(), this, clock));
    }

    /** Starts clustering: the worker finds new reports by polling the database (see {@link ClusterWorker}). */
    public static Insight start(Database database, InsightConfig config, Clock clock) {
        return new Insight(config, database, clock);
    }

    public InsightConfig config() {
        return config;
    }

    public ClusterService clusters() {
        return clusters;
    }

    public ClusterEdits edits() {
        return edits;
    }

    public Reclustering reclustering() {
        return reclustering;
    }

    /** Lets clusters be drafted as one pull request, once the drafting flow is wired into this sidecar. */
    public void enableDrafting(DraftSetup setup, Supplier<DraftSettings> settings, DraftHistory history) {
        drafts = new ClusterDrafts(clusters, setup, settings, history);
    }

    /** Cluster drafting, when enabled. */
    public Optional<ClusterDrafts> drafts() {
        return Optional.ofNullable(drafts);
    }

    /** Subscribes to every committed cluster change (new cluster, report joined, cluster reopened). */
    public void subscribe(ClusterChange.Listener listener) {
        listeners.add(listener);
    }

    /** {@code /api/clusters}. */
    public HttpService api(JsonBodies bodies) {
        return new ClusterApi(clusters, edits, reclustering, bodies, this::drafts);
    }

    private void tell(ClusterChange change) {
        listeners.forEach(listener -> listener.changed(change));
    }

    /** The embedding model, loaded on first use (by the worker, or a re-cluster that finds new reports). */
    private static final class LazyEmbedder implements Supplier<ReportEmbedder> {
        private ReportEmbedder value;
        private boolean closed;

        @Override
        public synchronized ReportEmbedder get() {
            if (closed) {
                throw new IllegalStateException("The sidecar is stopping; reports are no longer embedded.");
            }
            if (value == null) {
                value = ReportEmbedder.open();
            }
            return value;
        }

        synchronized void close() {
            if (!closed && value != null) {
                value.close();
            }
            closed = true;
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        embedder.close();
    }
}
