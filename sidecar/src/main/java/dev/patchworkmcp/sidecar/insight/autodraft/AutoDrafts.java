package dev.patchworkmcp.sidecar.insight.autodraft;

import dev.patchworkmcp.sidecar.drafting.DraftOutcome;
import dev.patchworkmcp.sidecar.drafting.DraftProgress;
import dev.patchworkmcp.sidecar.drafting.repository.Publication;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterChange;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterService;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Confidence-gated auto-drafts (off by default): when a report lands in an open cluster that now has at least the
 * configured distinct sessions and blocked reports, drafts one PR for the whole cluster through the drafting flow
 * (a draft PR, every guardrail applies), at most once per cluster per day. The attempt and its outcome are
 * recorded in the cluster's history ({@code auto_draft}, {@code auto_draft_result}) and in the draft history.
 * Drafts run on a virtual thread, one at a time. Thread-safe.
 */
public final class AutoDrafts implements ClusterChange.Listener {
    private static final System.Logger LOG = System.getLogger(AutoDrafts.class.getName());
    static final Duration ONCE_PER = Duration.ofDays(1);
    private static final DraftProgress QUIET = new DraftProgress() {
        @Override
        public void step(String message) {}

        @Override
        public void detail(String message) {}
    };

    private final AutoDraftConfig config;
    private final ClusterService clusters;
    private final ClusterDrafts drafts;
    private final Clock clock;
    private final Object gate = new Object();

    public AutoDrafts(AutoDraftConfig config, ClusterService clusters, ClusterDrafts drafts, Clock clock) {
        this.config = config;
        this.clusters = clusters;
        this.drafts = drafts;
        this.clock = clock;
    }

    @Override
    public void changed(ClusterChange change) {
        if (!config.enabled()) {
            return;
        }
        Optional<ClusterView> view = clusters.view(change.clusterId());
        if (view.isEmpty()
                || view.get().cluster().resolved()
                || !config.qualifies(view.get().counts())) {
            return;
        }
        if (!claim(view.get())) {
            return;
        }
        Thread.ofVirtual().name("patchwork-auto-draft").start(() -> draft(change.clusterId()));
    }

    /** Records the attempt unless one was made in the last day; true when this caller should draft. */
    private boolean claim(ClusterView view) {
        String id = view.cluster().id();
        synchronized (gate) {
            Optional<Instant> last = clusters.lastEvent(id, "auto_draft");
            if (last.isPresent() && last.get().isAfter(clock.instant().minus(ONCE_PER))) {
                return false;
            }
            clusters.recordEvent(
                    id,
                    "auto_draft",
                    "drafting automatically: " + view.counts().sessions() + " sessions, "
                            + view.counts().blocked() + " blocked (gate " + config.minSessions()
                            + " sessions, " + config.minBlocked() + " blocked)");
            return true;
        }
    }

    private void draft(String clusterId) {
        String result;
        try {
            DraftOutcome outcome;
            synchronized (this) {
                outcome = drafts.draft(clusterId, QUIET);
            }
            result = switch (outcome) {
                case DraftOutcome.Drafted drafted -> "drafted " + where(drafted.publication());
                case DraftOutcome.Declined declined -> "declined: " + declined.reason();
                case DraftOutcome.Failed failed -> "failed: " + failed.reason();
            };
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Auto-draft of cluster " + clusterId + " failed", e);
            result = "failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        String detail = result;
        clusters.recordEvent(clusterId, "auto_draft_result", detail);
    }

    private static String where(Publication publication) {
        return switch (publication) {
            case Publication.PullRequest pull -> pull.url();
            case Publication.LocalCommit local -> "branch " + local.branch() + " at " + local.commit();
        };
    }
}
