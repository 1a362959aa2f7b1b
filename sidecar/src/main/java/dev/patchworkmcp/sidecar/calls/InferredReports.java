package dev.patchworkmcp.sidecar.calls;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Rows;
import dev.patchworkmcp.sidecar.feedback.FeedbackInput;
import dev.patchworkmcp.sidecar.feedback.FeedbackStore;
import io.helidon.dbclient.DbRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files the reports {@link GapRules} infer from the stored calls of a session, with {@code source: "inferred"}, and
 * keeps them out of the way of the agent's own words: one per rule and session (an idempotency key derived from
 * server, session and rule), none when the agent already reported on the same tool in that session, and an
 * inferred report is deleted when such an agent report arrives later. Thread-safe.
 */
public final class InferredReports {
    /** The {@code source} of every inferred report. */
    public static final String SOURCE = "inferred";

    private final Database database;
    private final FeedbackStore feedback;
    private final ObjectMapper json;
    private final boolean enabled;

    /** With {@code enabled} false no report is inferred, but agent reports still supersede earlier ones. */
    public InferredReports(Database database, FeedbackStore feedback, ObjectMapper json, boolean enabled) {
        this.database = database;
        this.feedback = feedback;
        this.json = json;
        this.enabled = enabled;
    }

    /** Runs the rules over every session the batch touched; returns how many reports were filed. */
    public int inferFrom(CallBatch batch) {
        if (!enabled) {
            return 0;
        }
        Set<String> sessions = new LinkedHashSet<>();
        batch.calls().stream()
                .map(CallRecord::sessionId)
                .filter(session -> !session.isEmpty())
                .forEach(sessions::add);
        int filed = 0;
        for (String session : sessions) {
            List<CallRecord> calls = sessionCalls(batch.serverName(), session);
            for (InferredGap gap : GapRules.apply(calls)) {
                if (!agentReported(batch.serverName(), session, gap.tool())) {
                    CallRecord first = gap.evidence().get(0);
                    boolean stored = !feedback.record(report(batch.serverName(), first, gap))
                            .duplicate();
                    filed += stored ? 1 : 0;
                }
            }
        }
        return filed;
    }

    /** Deletes the inferred reports an agent's own report makes redundant; returns how many. */
    public int supersede(FeedbackInput agentReport) {
        if (SOURCE.equals(agentReport.source()) || agentReport.sessionId().isEmpty()) {
            return 0;
        }
        String words = mentions(agentReport);
        List<String> redundant = database.read(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT id, context FROM feedback WHERE session_id = ? AND server_name = ? AND source = ?",
                    agentReport.sessionId(),
                    agentReport.serverName(),
                    SOURCE)) {
                return rows.filter(row -> words.contains(inferredTool(Rows.text(row, "context"))))
                        .map(row -> Rows.text(row, "id"))
                        .toList();
            }
        });
        redundant.forEach(feedback::delete);
        return redundant.size();
    }

    private List<CallRecord> sessionCalls(String server, String session) {
        return database.read(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT method, tool, client_name, client_version, protocol_version, started_at, latency_ms,"
                            + " outcome, error_code, error_message FROM calls"
                            + " WHERE server_name = ? AND session_id = ? ORDER BY started_at, batch_id, seq",
                    server,
                    session)) {
                return rows.map(row -> call(row, session)).toList();
            }
        });
    }

    private static CallRecord call(DbRow row, String session) {
        String code = Rows.nullableText(row, "error_code");
        return new CallRecord(
                Rows.text(row, "method"),
                Rows.text(row, "tool"),
                Rows.text(row, "client_name"),
                Rows.text(row, "client_version"),
                session,
                Rows.text(row, "protocol_version"),
                Rows.text(row, "started_at"),
                Double.parseDouble(Rows.text(row, "latency_ms")),
                switch (Rows.text(row, "outcome")) {
                    case "tool_error" -> CallRecord.Outcome.TOOL_ERROR;
                    case "rpc_error" -> CallRecord.Outcome.RPC_ERROR;
                    default -> CallRecord.Outcome.OK;
                },
                code == null ? null : Integer.valueOf(code),
                Rows.text(row, "error_message"),
                0,
                0,
                null);
    }

    private boolean agentReported(String server, String session, String tool) {
        return database.read(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT what_i_needed, what_i_tried, suggestion, context FROM feedback"
                            + " WHERE session_id = ? AND server_name = ? AND source <> ?",
                    session,
                    server,
                    SOURCE)) {
                return rows.anyMatch(row -> (Rows.text(row, "what_i_needed") + " " + Rows.text(row, "what_i_tried")
                                + " " + Rows.text(row, "suggestion") + " " + Rows.text(row, "context"))
                        .contains(tool));
            }
        });
    }

    private static String mentions(FeedbackInput report) {
        return String.join(
                " ",
                report.whatINeeded(),
                report.whatITried(),
                report.suggestion(),
                report.context() == null ? "" : report.context());
    }

    private String inferredTool(String context) {
        try {
            String tool = json.readTree(context).path("inference").path("tool").asText("");
            return tool.isEmpty() ? "\u0000" : tool;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "\u0000";
        }
    }

    private FeedbackInput report(String server, CallRecord first, InferredGap gap) {
        ObjectNode context = json.createObjectNode();
        ObjectNode inference = context.putObject("inference")
                .put("rule", gap.rule())
                .put("confidence", gap.confidence())
                .put("tool", gap.tool());
        ArrayNode calls = inference.putArray("calls");
        for (CallRecord call : gap.evidence()) {
            ObjectNode item = calls.addObject()
                    .put("tool", call.tool())
                    .put("started_at", call.startedAt())
                    .put("outcome", call.outcome().wire())
                    .put("latency_ms", call.latencyMs());
            if (call.errorCode() != null) {
                item.put("error_code", call.errorCode());
            }
            if (!call.errorMessage().isEmpty()) {
                item.put("error_message", call.errorMessage());
            }
        }
        return new FeedbackInput(
                server,
                gap.needed(),
                gap.tried(),
                gap.gapType(),
                "",
                "",
                "",
                "",
                List.of(),
                first.sessionId(),
                "",
                SOURCE,
                "",
                first.clientName(),
                first.clientVersion(),
                first.protocolVersion(),
                context.toString(),
                idempotencyKey(server, first.sessionId(), gap.rule()));
    }

    static String idempotencyKey(String server, String session, String rule) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((server + "\n" + session + "\n" + rule).getBytes(StandardCharsets.UTF_8));
            return "inferred-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
