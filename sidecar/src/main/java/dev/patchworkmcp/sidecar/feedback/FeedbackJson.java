package dev.patchworkmcp.sidecar.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.http.Json;
import java.util.List;

/** The wire form of reports, notes and drafts, with the original's field names. Stateless. */
public final class FeedbackJson {
    private FeedbackJson() {}

    /** A list item: every stored field and the notes (no drafts). */
    public static ObjectNode item(Feedback feedback) {
        FeedbackInput r = feedback.report();
        ObjectNode json = Json.object();
        json.put("id", feedback.id());
        json.put("server_name", r.serverName());
        json.put("timestamp", feedback.timestamp());
        json.put("what_i_needed", r.whatINeeded());
        json.put("what_i_tried", r.whatITried());
        json.put("gap_type", r.gapType());
        json.put("suggestion", r.suggestion());
        json.put("user_goal", r.userGoal());
        json.put("resolution", r.resolution());
        json.put("agent_model", r.agentModel());
        ArrayNode tools = json.putArray("tools_available");
        r.toolsAvailable().forEach(tools::add);
        json.put("session_id", r.sessionId());
        json.put("client_type", r.clientType());
        json.put("reviewed", feedback.reviewed());
        json.put("pr_url", feedback.prUrl());
        json.put("cluster_id", feedback.clusterId());
        json.put("source", r.source());
        json.put("user_agent", r.userAgent());
        json.put("client_name", r.clientName());
        json.put("client_version", r.clientVersion());
        json.put("protocol_version", r.protocolVersion());
        json.set("context", context(r.context()));
        ArrayNode notes = json.putArray("notes");
        feedback.notes()
                .forEach(note -> notes.addObject()
                        .put("id", note.id())
                        .put("timestamp", note.timestamp())
                        .put("content", note.content()));
        return json;
    }

    /** The single-item form: the list item plus its draft history. */
    public static ObjectNode detail(Feedback feedback, List<DraftRecord> drafts) {
        ObjectNode json = item(feedback);
        json.set("drafts", drafts(drafts));
        return json;
    }

    public static ArrayNode drafts(List<DraftRecord> drafts) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        drafts.forEach(d -> array.addObject()
                .put("id", d.id())
                .put("feedback_id", d.feedbackId())
                .put("status", d.status())
                .put("pr_url", d.prUrl())
                .put("branch", d.branch())
                .put("commit_sha", d.commitSha())
                .put("provider", d.provider())
                .put("model", d.model())
                .put("input_tokens", d.inputTokens())
                .put("output_tokens", d.outputTokens())
                .put("error", d.error())
                .put("created_at", d.createdAt())
                .put("finished_at", d.finishedAt()));
        return array;
    }

    private static JsonNode context(String context) {
        if (context == null) {
            return Json.MAPPER.nullNode();
        }
        try {
            return Json.MAPPER.readTree(context);
        } catch (JsonProcessingException e) {
            return Json.MAPPER.nullNode();
        }
    }
}
