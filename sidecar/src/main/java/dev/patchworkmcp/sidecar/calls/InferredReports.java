package dev.patchworkmcp.sidecar.calls;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Collections;
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

    private static final long RECHECK_NANOS = 5_000_000_000L;

    private final Database database;
    private final FeedbackStore feedback;
    private final ObjectMapper json;
    private final boolean enabled;
    /**
     * Whether any inferred report may exist. Until one does, an agent report skips the supersede query: that query
     * cost about 0.1 ms of CPU per ingested report, a third of ingest's own cost. Once true it stays true. While
     * false the database is asked again at most every {@link #RECHECK_NANOS}, so a report another sidecar inferred
     * on a shared database is seen within that time.
     */
    private volatile boolean anyInferred;

    private volatile long checkedAt = System.nanoTime() - RECHECK_NANOS;

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
                    anyInferred = true;
                    boolean stored = !feedback.record(report(batch.serverName(), first, gap))
                            .duplicate();
                    filed += stored ? 1 : 0;
                }
            }
        }
        return filed;
    }

    /**
     * Deletes the inferred reports that these agent reports make redundant (same server and session, the inferred
     * tool named in the agent's words); returns how many, with one query for the whole list.
     */
    public int supersede(List<FeedbackInput> agentReports) {
        List<FeedbackInput> candidates = agentReports.stream()
                .filter(report ->
                        !SOURCE.equals(report.source()) && !report.sessionId().isEmpty())
                .toList();
        if (candidates.isEmpty() || !mayHaveInferred()) {
            return 0;
        }
        List<String> sessions =
                candidates.stream().map(FeedbackInput::sessionId).distinct().toList();
        String marks = String.join(", ", Collections.nCopies(sessions.size(), "?"));
        List<String> redundant = database.read(db -> {
            try (Stream<DbRow> rows = db.query(
                    // The literal (not a parameter) lets both databases use the partial index idx_feedback_inferred.
                    "SELECT id, session_id, server_name, context FROM feedback WHERE session_id IN (" + marks
                            + ") AND source = 'inferred'",
                    sessions.toArray())) {
                return rows.filter(row -> supersededBy(row, candidates))
                        .map(row -> Rows.text(row, "id"))
                        .toList();
            }
        });
        redundant.forEach(feedback::delete);
        return redundant.size();
    }

    private boolean mayHaveInferred() {
        if (anyInferred) {
            return true;
        }
        long now = System.nanoTime();
        if (now - checkedAt < RECHECK_NANOS) {
            return false;
        }
        checkedAt = now;
        boolean found = database.read(db -> {
            try (Stream<DbRow> rows = db.query("SELECT 1 FROM feedback WHERE source = 'inferred' LIMIT 1")) {
                return rows.findAny().isPresent();
            }
        });
        anyInferred |= found;
        return found;
    }

    private boolean supersededBy(DbRow inferredRow, List<FeedbackInput> agentReports) {
        String session = Rows.text(inferredRow, "session_id");
        String server = Rows.text(inferredRow, "server_name");
        String tool = inferredTool(Rows.text(inferredRow, "context"));
        return agentReports.stream()
                .anyMatch(report -> report.sessionId().equals(session)
                        && report.serverName().equals(server)
                        && mentions(report).contains(tool));
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
        } catch (JsonProcessingException e) {
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
