package dev.patchworkmcp.sidecar.feedback;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.patchworkmcp.sidecar.http.Json;
import java.util.List;

/**
 * The wire form of reports and notes, with the original's field names in its order (records named by Jackson's
 * snake-case strategy; drafts are {@link DraftRecord}s as they are). Absent fields are written as {@code null}.
 * Stateless.
 */
public final class FeedbackJson {
    private FeedbackJson() {}

    /** A list item: every stored field and the notes (no drafts). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Item(
            String id,
            String serverName,
            String timestamp,
            @JsonProperty("what_i_needed") String whatINeeded,
            @JsonProperty("what_i_tried") String whatITried,
            String gapType,
            String suggestion,
            String userGoal,
            String resolution,
            String agentModel,
            List<String> toolsAvailable,
            String sessionId,
            String clientType,
            boolean reviewed,
            String prUrl,
            String clusterId,
            String source,
            String userAgent,
            String clientName,
            String clientVersion,
            String protocolVersion,
            JsonNode context,
            List<NoteItem> notes) {}

    /** A reviewer note as a report shows it. */
    public record NoteItem(String id, String timestamp, String content) {}

    /** The single-item form: the list item's fields, then its draft history. */
    public record Detail(@JsonUnwrapped Item item, List<DraftRecord> drafts) {}

    public static Item item(Feedback feedback) {
        FeedbackInput r = feedback.report();
        return new Item(
                feedback.id(),
                r.serverName(),
                feedback.timestamp(),
                r.whatINeeded(),
                r.whatITried(),
                r.gapType(),
                r.suggestion(),
                r.userGoal(),
                r.resolution(),
                r.agentModel(),
                r.toolsAvailable(),
                r.sessionId(),
                r.clientType(),
                feedback.reviewed(),
                feedback.prUrl(),
                feedback.clusterId(),
                r.source(),
                r.userAgent(),
                r.clientName(),
                r.clientVersion(),
                r.protocolVersion(),
                context(r.context()),
                feedback.notes().stream()
                        .map(note -> new NoteItem(note.id(), note.timestamp(), note.content()))
                        .toList());
    }

    public static Detail detail(Feedback feedback, List<DraftRecord> drafts) {
        return new Detail(item(feedback), drafts);
    }

    /** The stored context, parsed; null when there is none or it does not parse. */
    private static JsonNode context(String context) {
        if (context == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(context);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
