package dev.patchworkmcp.sidecar.insight;

import dev.patchworkmcp.sidecar.drafting.DraftHistory;
import dev.patchworkmcp.sidecar.drafting.DraftOutcome;
import dev.patchworkmcp.sidecar.drafting.DraftPlan;
import dev.patchworkmcp.sidecar.drafting.DraftProgress;
import dev.patchworkmcp.sidecar.drafting.DraftSettings;
import dev.patchworkmcp.sidecar.drafting.DraftSetup;
import dev.patchworkmcp.sidecar.drafting.DraftSubject;
import dev.patchworkmcp.sidecar.drafting.Drafter;
import dev.patchworkmcp.sidecar.drafting.ReviewerNote;
import dev.patchworkmcp.sidecar.drafting.SubjectReport;
import dev.patchworkmcp.sidecar.http.ApiException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Drafts one pull request from a whole cluster through the drafting flow: every report of the cluster with its
 * notes becomes the draft's subject (the most central report first, so the PR is named after it), and the run is
 * recorded in the draft history like any other. Blocking; thread-safe.
 */
public final class ClusterDrafts {
    /** Reports given to the model at most; the most central ones are kept. */
    static final int MAX_REPORTS = 20;

    private final ClusterService clusters;
    private final DraftSetup setup;
    private final Supplier<DraftSettings> settings;
    private final DraftHistory history;

    public ClusterDrafts(
            ClusterService clusters, DraftSetup setup, Supplier<DraftSettings> settings, DraftHistory history) {
        this.clusters = clusters;
        this.setup = setup;
        this.settings = settings;
        this.history = history;
    }

    /** The cluster as a draft subject: its title report first, then the others by similarity. */
    public static DraftSubject subject(ClusterDetail detail) {
        String titleId = detail.view().cluster().titleFeedbackId();
        List<SubjectReport> reports = detail.reports().stream()
                .sorted(Comparator.comparing((ClusterReport r) -> !r.id().equals(titleId))
                        .thenComparing(ClusterReport::similarity, Comparator.reverseOrder()))
                .limit(MAX_REPORTS)
                .map(r -> new SubjectReport(
                        r.id(),
                        detail.view().cluster().serverName(),
                        r.gapType(),
                        r.whatINeeded(),
                        r.whatITried(),
                        r.suggestion(),
                        r.userGoal(),
                        r.resolution(),
                        r.clientName(),
                        r.tools(),
                        r.notes().stream()
                                .map(n -> new ReviewerNote(
                                        n.id(),
                                        OffsetDateTime.parse(n.timestamp()).toInstant(),
                                        n.content()))
                                .toList()))
                .toList();
        return new DraftSubject(reports);
    }

    /** Drafts the cluster now; the plan fails with a clear message when drafting is not configured. */
    public DraftOutcome draft(String clusterId, DraftProgress progress) {
        ClusterDetail detail =
                clusters.detail(clusterId).orElseThrow(() -> ApiException.notFound("Cluster", clusterId));
        DraftSubject subject = subject(detail);
        DraftPlan plan = setup.plan(settings.get());
        List<dev.patchworkmcp.sidecar.drafting.EarlierDraft> earlier = history.earlier(subject);
        DraftHistory.Entry entry;
        try {
            entry = history.start(subject, plan.provider(), plan.modelName());
        } catch (dev.patchworkmcp.sidecar.drafting.DraftRunningException e) {
            throw new ApiException(409, "draft_running", null, e.getMessage(), List.of());
        }
        DraftOutcome outcome = new Drafter(plan).draft(subject, earlier, progress);
        history.finish(entry, outcome);
        return outcome;
    }
}
