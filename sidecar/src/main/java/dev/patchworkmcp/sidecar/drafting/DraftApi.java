package dev.patchworkmcp.sidecar.drafting;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.drafting.repository.Publication;
import dev.patchworkmcp.sidecar.feedback.DraftRunningException;
import dev.patchworkmcp.sidecar.http.ApiException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/feedback/{id}/draft-pr[?force=true]} (registered under {@code /api/feedback}): checks what can
 * be checked before streaming (404 unknown report, 409 a draft running or a pull request already drafted, 400 not
 * configured), records the run in the draft history, then streams it as server-sent events ({@code step},
 * {@code detail}, {@code error}, {@code done}) with heartbeat comments. Thread-safe.
 */
public final class DraftApi implements HttpService {

    private final DraftSubjects subjects;
    private final DraftFlow flow;
    private final DraftHistory history;
    private final ObjectMapper json;
    private final Duration heartbeat;
    private final DraftLocks locks = new DraftLocks();

    /** Streams events with {@code json} as the data's mapper and a heartbeat comment every {@code heartbeat}. */
    public DraftApi(DraftSubjects subjects, DraftFlow flow, ObjectMapper json, Duration heartbeat) {
        this.subjects = subjects;
        this.flow = flow;
        this.history = flow.history();
        this.json = json;
        this.heartbeat = heartbeat;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{id}/draft-pr", this::draft);
    }

    private void draft(ServerRequest request, ServerResponse response) {
        String id = request.path().pathParameters().get("id");
        boolean force =
                request.query().first("force").map("true"::equalsIgnoreCase).orElse(false);
        DraftSubject subject = subjects.forReport(id).orElseThrow(() -> ApiException.notFound("Report", id));
        List<String> ids = subject.reportIds();
        Optional<String> busy = locks.tryLock(ids);
        if (busy.isPresent()) {
            throw running(busy.get());
        }
        try {
            List<EarlierDraft> earlier = history.earlier(subject);
            refuseWhenAlreadyDrafted(subject, earlier, force);
            DraftPlan plan = plan();
            DraftHistory.Entry entry;
            try {
                entry = history.start(subject, plan.provider(), plan.modelName());
            } catch (DraftRunningException e) {
                throw new ApiException(409, "draft_running", null, e.getMessage(), List.of());
            }
            stream(response, subject, earlier, plan, entry);
        } finally {
            locks.unlock(ids);
        }
    }

    private static void refuseWhenAlreadyDrafted(DraftSubject subject, List<EarlierDraft> earlier, boolean force) {
        Optional<EarlierDraft> published =
                earlier.stream().filter(EarlierDraft::succeeded).reduce((first, second) -> second);
        if (published.isPresent() && !force) {
            EarlierDraft last = published.get();
            String where = last.prUrl() == null || last.prUrl().isBlank() ? "branch " + last.branch() : last.prUrl();
            throw new ApiException(
                    409,
                    "already_drafted",
                    null,
                    "Report " + subject.primary().id() + " already has a draft (" + where
                            + "). Re-draft with ?force=true; the earlier drafts stay in the history and are linked"
                            + " from the new pull request.",
                    List.of());
        }
    }

    private DraftPlan plan() {
        try {
            return flow.plan();
        } catch (DraftNotConfiguredException e) {
            throw new ApiException(400, "not_configured", e.field(), e.getMessage(), e.allowed());
        }
    }

    private void stream(
            ServerResponse response,
            DraftSubject subject,
            List<EarlierDraft> earlier,
            DraftPlan plan,
            DraftHistory.Entry entry) {
        try (EventStream events = EventStream.open(response, json, heartbeat)) {
            DraftOutcome outcome = new DraftOutcome.Failed("The draft stopped unexpectedly.", 0, 0);
            try {
                outcome = new Drafter(plan).draft(subject, earlier, events);
            } finally {
                plan.target().close();
                // Recorded before the last event, so a client that reads the history on it finds the run finished.
                history.finish(entry, outcome);
            }
            switch (outcome) {
                case DraftOutcome.Drafted drafted -> events.event("done", done(drafted.publication()));
                case DraftOutcome.Declined declined -> events.error(declined.reason());
                case DraftOutcome.Failed failed -> events.error(failed.reason());
            }
        }
    }

    private static Map<String, String> done(Publication publication) {
        return switch (publication) {
            case Publication.PullRequest pull ->
                Map.of("pr_url", pull.url(), "branch", pull.branch(), "commit", pull.commit());
            case Publication.LocalCommit local -> Map.of("branch", local.branch(), "commit", local.commit());
        };
    }

    private static ApiException running(String reportId) {
        return new ApiException(
                409, "draft_running", null, new DraftRunningException(reportId).getMessage(), List.of());
    }
}
