package dev.patchworkmcp.sidecar.drafting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /api/feedback/{id}/draft-pr[?force=true]}: checks what can be checked before streaming (404 unknown
 * report, 409 a draft running or a pull request already drafted, 400 not configured), then streams the run as
 * server-sent events ({@code step}, {@code detail}, {@code error}, {@code done}) with heartbeat comments, and
 * records it in the draft history. Thread-safe.
 */
public final class DraftApi implements HttpService {
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
    private static final HeaderName ACCEL_BUFFERING = HeaderNames.create("X-Accel-Buffering");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DraftSubjects subjects;
    private final DraftHistory history;
    private final Supplier<DraftSettings> settings;
    private final DraftSetup setup;
    private final Duration heartbeat;
    private final DraftLocks locks = new DraftLocks();

    public DraftApi(
            DraftSubjects subjects,
            DraftHistory history,
            Supplier<DraftSettings> settings,
            DraftSetup setup,
            Duration heartbeat) {
        this.subjects = subjects;
        this.history = history;
        this.settings = settings;
        this.setup = setup;
        this.heartbeat = heartbeat;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/feedback/{id}/draft-pr", this::draft);
    }

    private void draft(ServerRequest request, ServerResponse response) {
        String id = request.path().pathParameters().get("id");
        boolean force =
                request.query().first("force").map("true"::equalsIgnoreCase).orElse(false);
        Optional<DraftSubject> subject = subjects.forReport(id);
        if (subject.isEmpty()) {
            error(response, Status.NOT_FOUND_404, "not_found", null, "Feedback " + id + " not found.");
            return;
        }
        List<String> ids = subject.get().reportIds();
        Optional<String> busy = locks.tryLock(ids);
        if (busy.isPresent()) {
            error(
                    response,
                    Status.CONFLICT_409,
                    "draft_running",
                    null,
                    "A draft for report " + busy.get() + " is already running; wait for it to finish.");
            return;
        }
        try {
            run(subject.get(), force, response);
        } finally {
            locks.unlock(ids);
        }
    }

    private void run(DraftSubject subject, boolean force, ServerResponse response) {
        List<EarlierDraft> earlier = history.earlier(subject);
        Optional<EarlierDraft> published =
                earlier.stream().filter(d -> "drafted".equals(d.status())).reduce((first, second) -> second);
        if (published.isPresent() && !force) {
            error(
                    response,
                    Status.CONFLICT_409,
                    "already_drafted",
                    null,
                    "Report " + subject.primary().id() + " already has a draft (" + describe(published.get())
                            + "). Re-draft with ?force=true; earlier drafts are kept.");
            return;
        }
        DraftPlan plan;
        try {
            plan = setup.plan(settings.get());
        } catch (DraftNotConfiguredException e) {
            error(response, Status.BAD_REQUEST_400, "not_configured", e.field(), e.getMessage(), e.allowed());
            return;
        }
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        response.header(ACCEL_BUFFERING, "no");
        String draftId = history.start(subject, plan.provider(), plan.modelName());
        try (EventStream events = new EventStream(response.outputStream(), heartbeat)) {
            DraftOutcome outcome = new Drafter(plan).draft(subject, earlier, events);
            history.finish(draftId, outcome);
            switch (outcome) {
                case DraftOutcome.Drafted drafted -> events.event("done", done(drafted.publication(), draftId));
                case DraftOutcome.Declined declined -> events.error(declined.reason());
                case DraftOutcome.Failed failed -> events.error(failed.reason());
            }
        }
    }

    private static Map<String, String> done(Publication publication, String draftId) {
        return switch (publication) {
            case Publication.PullRequest pull ->
                Map.of("pr_url", pull.url(), "branch", pull.branch(), "commit", pull.commit(), "draft_id", draftId);
            case Publication.LocalCommit local ->
                Map.of("branch", local.branch(), "commit", local.commit(), "draft_id", draftId);
        };
    }

    private static String describe(EarlierDraft draft) {
        return draft.prUrl() == null || draft.prUrl().isBlank() ? "branch " + draft.branch() : draft.prUrl();
    }

    private static void error(ServerResponse response, Status status, String code, String field, String detail) {
        error(response, status, code, field, detail, List.of());
    }

    private static void error(
            ServerResponse response, Status status, String code, String field, String detail, List<String> allowed) {
        ObjectNode body =
                JSON.createObjectNode().put("detail", detail).put("code", code).put("field", field);
        if (!allowed.isEmpty()) {
            allowed.forEach(body.putArray("allowed")::add);
        }
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        response.send(body.toString());
    }
}
