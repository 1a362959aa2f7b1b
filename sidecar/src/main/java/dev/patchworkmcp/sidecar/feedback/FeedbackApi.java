package dev.patchworkmcp.sidecar.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.http.ApiException;
import dev.patchworkmcp.sidecar.http.Json;
import dev.patchworkmcp.sidecar.http.JsonBodies;
import dev.patchworkmcp.sidecar.masking.SecretMasker;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code /api/feedback}: ingest (with idempotency), list with filters and pagination, read, review, delete,
 * notes and the draft history. Thread-safe.
 */
public final class FeedbackApi implements HttpService {
    private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");

    private final FeedbackStore store;
    private final DraftStore drafts;
    private final FeedbackValidator validator;
    private final JsonBodies bodies;
    private final IngestMetrics metrics;
    private final FeedbackEvents events;
    private final SecretMasker masker;
    private final Consumer<FeedbackInput> recorded;

    /** The collaborators of the API; all thread-safe. {@code recorded} sees every new report once it is stored. */
    public record Parts(
            FeedbackStore store,
            DraftStore drafts,
            FeedbackValidator validator,
            JsonBodies bodies,
            IngestMetrics metrics,
            FeedbackEvents events,
            SecretMasker masker,
            Consumer<FeedbackInput> recorded) {}

    public FeedbackApi(Parts parts) {
        this.store = parts.store();
        this.drafts = parts.drafts();
        this.validator = parts.validator();
        this.bodies = parts.bodies();
        this.metrics = parts.metrics();
        this.events = parts.events();
        this.masker = parts.masker();
        this.recorded = parts.recorded();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create)
                .get("/", this::list)
                .get("/{id}", this::get)
                .patch("/{id}", this::review)
                .delete("/{id}", this::delete)
                .post("/{id}/notes", this::addNote)
                .get("/{id}/drafts", this::drafts);
    }

    private void create(ServerRequest req, ServerResponse res) {
        long started = System.nanoTime();
        FeedbackInput input;
        try {
            input = validator.validate(
                    bodies.readObject(req),
                    req.headers().first(IDEMPOTENCY_KEY).orElse(null),
                    req.headers().first(HeaderNames.USER_AGENT).orElse(null));
        } catch (ApiException e) {
            metrics.rejected();
            throw e;
        }
        input = masked(input);
        FeedbackStore.Recorded recorded = store.record(input);
        if (recorded.duplicate()) {
            metrics.duplicate(System.nanoTime() - started);
            Json.send(res, 200, Json.object().put("id", recorded.id()).put("status", "duplicate"));
            return;
        }
        metrics.recorded(System.nanoTime() - started);
        this.recorded.accept(input);
        Json.send(res, 201, Json.object().put("id", recorded.id()).put("status", "recorded"));
        if (events.subscribers() > 0) {
            Feedback stored = new Feedback(recorded.id(), recorded.timestamp(), input, false, "", List.of());
            events.publish(Json.text(FeedbackJson.item(stored)));
        }
    }

    /** The report with secrets masked in every free-text field, before it is stored or announced. */
    private FeedbackInput masked(FeedbackInput in) {
        return new FeedbackInput(
                in.serverName(),
                masker.mask(in.whatINeeded()),
                masker.mask(in.whatITried()),
                in.gapType(),
                masker.mask(in.suggestion()),
                masker.mask(in.userGoal()),
                in.resolution(),
                masker.mask(in.agentModel()),
                in.toolsAvailable().stream().map(masker::mask).toList(),
                in.sessionId(),
                in.clientType(),
                in.source(),
                masker.mask(in.userAgent()),
                in.clientName(),
                in.clientVersion(),
                in.protocolVersion(),
                masker.maskJson(in.context()),
                in.idempotencyKey());
    }

    private void list(ServerRequest req, ServerResponse res) {
        FeedbackQuery query = FeedbackQuery.from(req.query());
        FeedbackStore.Page page = store.list(query);
        res.header("X-Total-Count", Long.toString(page.total()));
        long next = query.offset() + page.items().size();
        if (next < page.total() && !page.items().isEmpty()) {
            res.header("X-Next-Offset", Long.toString(next));
        }
        Json.send(res, 200, page.items().stream().map(FeedbackJson::item).toList());
    }

    private void get(ServerRequest req, ServerResponse res) {
        String id = id(req);
        Feedback feedback = store.find(id).orElseThrow(() -> ApiException.notFound("Report", id));
        Json.send(res, 200, FeedbackJson.detail(feedback, drafts.list(feedback.id())));
    }

    private void review(ServerRequest req, ServerResponse res) {
        String id = id(req);
        JsonNode body = bodies.readObject(req);
        JsonNode reviewed = body.get("reviewed");
        if (reviewed != null && !reviewed.isBoolean() && !reviewed.isNull()) {
            throw ApiException.invalid("reviewed", "reviewed must be true or false.");
        }
        boolean value = reviewed == null || reviewed.isNull() || reviewed.asBoolean();
        if (!store.markReviewed(id, value)) {
            throw ApiException.notFound("Report", id);
        }
        Json.sendStatus(res, 200, "updated");
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String id = id(req);
        if (!store.delete(id)) {
            throw ApiException.notFound("Report", id);
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private void addNote(ServerRequest req, ServerResponse res) {
        String id = id(req);
        JsonNode content = bodies.readObject(req).get("content");
        if (content == null || !content.isTextual() || content.asText().isBlank()) {
            throw ApiException.invalid("content", "content is required: a non-blank string with the note's text.");
        }
        if (content.asText().length() > 10_000) {
            throw ApiException.invalid("content", "content is longer than 10000 characters; shorten the note.");
        }
        Note note =
                store.addNote(id, masker.mask(content.asText())).orElseThrow(() -> ApiException.notFound("Report", id));
        Json.send(res, 201, Json.object().put("id", note.id()).put("status", "recorded"));
    }

    private void drafts(ServerRequest req, ServerResponse res) {
        String id = id(req);
        List<DraftRecord> history = drafts.list(id);
        if (history.isEmpty() && store.find(id).isEmpty()) {
            throw ApiException.notFound("Report", id);
        }
        Json.send(res, 200, history);
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }
}
