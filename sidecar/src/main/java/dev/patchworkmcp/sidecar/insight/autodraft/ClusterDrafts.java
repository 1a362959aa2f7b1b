package dev.patchworkmcp.sidecar.insight.autodraft;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.drafting.DraftFlow;
import dev.patchworkmcp.sidecar.drafting.DraftHistory;
import dev.patchworkmcp.sidecar.drafting.DraftNotConfiguredException;
import dev.patchworkmcp.sidecar.drafting.DraftOutcome;
import dev.patchworkmcp.sidecar.drafting.DraftPlan;
import dev.patchworkmcp.sidecar.drafting.DraftProgress;
import dev.patchworkmcp.sidecar.drafting.DraftSubject;
import dev.patchworkmcp.sidecar.drafting.Drafter;
import dev.patchworkmcp.sidecar.drafting.EarlierDraft;
import dev.patchworkmcp.sidecar.drafting.ReviewerNote;
import dev.patchworkmcp.sidecar.drafting.SubjectReport;
import dev.patchworkmcp.sidecar.drafting.repository.Publication;
import dev.patchworkmcp.sidecar.feedback.DraftRunningException;
import dev.patchworkmcp.sidecar.http.ApiException;
import dev.patchworkmcp.sidecar.http.Json;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterDetail;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterReport;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterService;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Drafts one pull request from a whole cluster through the drafting flow: every report of the cluster with its
 * notes becomes the draft's subject (the most central report first, so the PR is named after it), and the run is
 * recorded in the draft history like any other. Blocking; thread-safe.
 */
public final class ClusterDrafts {
    /** Reports given to the model at most; the most central ones are kept. */
    static final int MAX_REPORTS = 20;

    private final ClusterService clusters;
    private final DraftFlow flow;
    private final DraftHistory history;

    public ClusterDrafts(ClusterService clusters, DraftFlow flow) {
        this.clusters = clusters;
        this.flow = flow;
        this.history = flow.history();
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

    /** What a cluster draft did, with the progress it reported, as the API and the MCP tool show it. */
    public static ObjectNode json(DraftOutcome outcome, List<String> steps) {
        var result = Json.object();
        switch (outcome) {
            case DraftOutcome.Drafted drafted -> {
                result.put("status", "drafted")
                        .put("branch", drafted.publication().branch());
                result.put("commit", drafted.publication().commit());
                if (drafted.publication() instanceof Publication.PullRequest pull) {
                    result.put("pr_url", pull.url());
                }
            }
            case DraftOutcome.Declined declined ->
                result.put("status", "declined").put("reason", declined.reason());
            case DraftOutcome.Failed failed -> result.put("status", "failed").put("reason", failed.reason());
        }
        steps.forEach(result.putArray("steps")::add);
        return result;
    }

    /** Drafts the cluster and answers {@link #json}; 400 naming the setting when drafting is not configured. */
    public ObjectNode draftAndDescribe(String clusterId) {
        List<String> steps = new CopyOnWriteArrayList<>();
        DraftOutcome outcome = draft(clusterId, new DraftProgress() {
            @Override
            public void step(String message) {
                steps.add(message);
            }

            @Override
            public void detail(String message) {
                steps.add(message);
            }
        });
        return json(outcome, steps);
    }

    /** A cluster draft that passed every check and is recorded as started; {@link #run} it exactly once. */
    public record Prepared(
            DraftSubject subject, DraftPlan plan, List<EarlierDraft> earlier, DraftHistory.Entry entry) {}

    /**
     * Checks that the cluster can be drafted now and records the run: 404 unknown cluster, 400 naming the setting
     * when drafting is not configured, 409 when a draft of it is running. Nothing is streamed before this passes.
     */
    public Prepared prepare(String clusterId) {
        ClusterDetail detail =
                clusters.detail(clusterId).orElseThrow(() -> ApiException.notFound("Cluster", clusterId));
        DraftSubject subject = subject(detail);
        DraftPlan plan;
        try {
            plan = flow.plan();
        } catch (DraftNotConfiguredException e) {
            throw new ApiException(400, "not_configured", e.field(), e.getMessage(), e.allowed());
        }
        List<EarlierDraft> earlier = history.earlier(subject);
        try {
            return new Prepared(subject, plan, earlier, history.start(subject, plan.provider(), plan.modelName()));
        } catch (DraftRunningException e) {
            plan.target().close();
            throw new ApiException(409, "draft_running", null, e.getMessage(), List.of());
        }
    }

    /** Runs a prepared draft, reporting progress, and records how it ended. */
    public DraftOutcome run(Prepared prepared, DraftProgress progress) {
        DraftOutcome outcome = new DraftOutcome.Failed("The draft stopped unexpectedly.", 0, 0);
        try {
            outcome = new Drafter(prepared.plan()).draft(prepared.subject(), prepared.earlier(), progress);
            return outcome;
        } finally {
            prepared.plan().target().close();
            history.finish(prepared.entry(), outcome);
        }
    }

    /** Drafts the cluster now ({@link #prepare} then {@link #run}). */
    public DraftOutcome draft(String clusterId, DraftProgress progress) {
        return run(prepare(clusterId), progress);
    }
}
