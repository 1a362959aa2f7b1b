package dev.patchworkmcp.sidecar.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.patchworkmcp.sidecar.db.Rows;
import dev.patchworkmcp.sidecar.http.Json;
import io.helidon.dbclient.DbRow;
import java.util.Arrays;
import java.util.List;

/** The feedback table's column list and the mapping between its rows and {@link Feedback}. Stateless. */
final class FeedbackRows {
    static final String COLUMNS = "id, server_name, timestamp, what_i_needed, what_i_tried, gap_type, suggestion,"
            + " user_goal, resolution, agent_model, tools_available, session_id, client_type, reviewed, pr_url,"
            + " idempotency_key, source, user_agent, client_name, client_version, protocol_version, context";

    /** What reads select: the stored columns plus the report's cluster (null until clustered; see insight). */
    static final String SELECT_COLUMNS =
            COLUMNS + ", (SELECT r.cluster_id FROM insight_reports r WHERE r.feedback_id = feedback.id) AS cluster_id";

    static final String INSERT = "INSERT INTO feedback (" + COLUMNS + ") VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (idempotency_key) DO NOTHING";

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private FeedbackRows() {}

    static List<Object> insertParams(String id, String timestamp, FeedbackInput in) {
        return Arrays.asList(
                id,
                in.serverName(),
                timestamp,
                in.whatINeeded(),
                in.whatITried(),
                in.gapType(),
                in.suggestion(),
                in.userGoal(),
                in.resolution(),
                in.agentModel(),
                toJson(in.toolsAvailable()),
                in.sessionId(),
                in.clientType(),
                0,
                "",
                in.idempotencyKey(),
                in.source(),
                in.userAgent(),
                in.clientName(),
                in.clientVersion(),
                in.protocolVersion(),
                in.context());
    }

    static Feedback fromRow(DbRow row) {
        FeedbackInput report = new FeedbackInput(
                Rows.text(row, "server_name"),
                Rows.text(row, "what_i_needed"),
                Rows.text(row, "what_i_tried"),
                Rows.text(row, "gap_type"),
                Rows.text(row, "suggestion"),
                Rows.text(row, "user_goal"),
                Rows.text(row, "resolution"),
                Rows.text(row, "agent_model"),
                tools(Rows.text(row, "tools_available")),
                Rows.text(row, "session_id"),
                Rows.text(row, "client_type"),
                Rows.text(row, "source"),
                Rows.text(row, "user_agent"),
                Rows.text(row, "client_name"),
                Rows.text(row, "client_version"),
                Rows.text(row, "protocol_version"),
                Rows.nullableText(row, "context"),
                Rows.nullableText(row, "idempotency_key"));
        return new Feedback(
                Rows.text(row, "id"),
                Rows.text(row, "timestamp"),
                report,
                Rows.number(row, "reviewed") != 0,
                Rows.text(row, "pr_url"),
                List.of(),
                Rows.nullableText(row, "cluster_id"));
    }

    private static String toJson(List<String> tools) {
        try {
            return Json.MAPPER.writeValueAsString(tools);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A list of strings could not be written as JSON", e);
        }
    }

    /** Decodes the stored list; like the original, an undecodable value reads as empty. */
    private static List<String> tools(String json) {
        try {
            return json.isEmpty() ? List.of() : Json.MAPPER.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
