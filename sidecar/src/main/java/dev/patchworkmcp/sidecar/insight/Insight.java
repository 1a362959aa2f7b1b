package dev.patchworkmcp.sidecar.insight;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.drafting.DraftFlow;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Gap intelligence for one sidecar: the embedding model (loaded on first use, on the worker thread), the cluster
 * service with its reviewer edits and re-clustering, cluster drafts and auto-drafts, and the background worker that
 * clusters new reports once {@link #start started}. Other parts (webhooks) subscribe to cluster changes before it
 * starts. Thread-safe.
 */
public final class Insight implements AutoCloseable {
    private final InsightConfig config;
    private final ClusterService clusters;
    private final ClusterEdits edits;
    private final Reclustering reclustering;
    private final ClusterDrafts drafts;
    private final ClusterWorker worker;
    private final LazyEmbedder embedder = new LazyEmbedder();
    private final Subscribers subscribers = new Subscribers();

    /** Builds the parts; nothing runs until {@link #start}. Clusters are drafted through {@code drafting}. */
    public Insight(Database database, InsightConfig config, Clock clock, DraftFlow drafting) {
        this.config = config;
        this.clusters = new ClusterService(database, config.clusters(), embedder, clock, subscribers);
        this.edits = new ClusterEdits(clusters);
        this.reclustering = new Reclustering(clusters);
        this.drafts = new ClusterDrafts(clusters, drafting);
        this.worker = new ClusterWorker(clusters, database, clock);
        subscribe(new AutoDrafts(config.autoDraft(), clusters, drafts, clock));
    }

    /**
     * Starts clustering when it is configured: the worker finds new reports by polling the database (see
     * {@link ClusterWorker}).
     */
    public void start() {
        if (config.clustering()) {
            worker.start();
        }
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

    /** Drafts a whole cluster as one pull request. */
    public ClusterDrafts drafts() {
        return drafts;
    }

    /** Subscribes to every committed cluster change (new cluster, report joined, cluster reopened). */
    public void subscribe(ClusterChange.Listener listener) {
        subscribers.listeners.add(listener);
    }

    /** {@code /api/clusters}; cluster drafts stream their events with {@code json}. */
    public HttpService api(JsonBodies bodies, ObjectMapper json) {
        return new ClusterApi(clusters, edits, reclustering, bodies, drafts, json);
    }

    /** Tells every subscriber of a committed cluster change. */
    private static final class Subscribers implements ClusterChange.Listener {
        private final List<ClusterChange.Listener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public void changed(ClusterChange change) {
            listeners.forEach(listener -> listener.changed(change));
        }
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
        worker.close();
        embedder.close();
    }
}
