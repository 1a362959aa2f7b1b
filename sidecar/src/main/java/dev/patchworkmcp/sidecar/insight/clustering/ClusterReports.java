package dev.patchworkmcp.sidecar.insight.clustering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Rows;
import dev.patchworkmcp.sidecar.http.Json;
import io.helidon.dbclient.DbRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the reports of one cluster with their notes, and works out the tools each involved: the tools the
 * proxy saw it call ({@code context.recent_calls}) and the available tools its text names. Thread-safe.
 */
final class ClusterReports {
    static final int LIMIT = 200;

    private final Database database;

    ClusterReports(Database database) {
        this.database = database;
    }

    List<ClusterReport> of(String clusterId) {
        Map<String, List<ClusterReport.Note>> notes = notes(clusterId);
        return database.read(db -> {
            try (Stream<DbRow> rows = db.query(
                    "SELECT f.id, f.timestamp, f.what_i_needed, f.what_i_tried, f.suggestion, f.user_goal,"
                            + " f.gap_type, f.resolution, f.session_id, f.client_name, f.client_type, f.agent_model,"
                            + " f.reviewed, f.tools_available, f.context, r.similarity FROM insight_reports r"
                            + " JOIN feedback f ON f.id = r.feedback_id WHERE r.cluster_id = ?"
                            + " ORDER BY f.timestamp DESC, f.id DESC LIMIT ?",
                    clusterId,
                    LIMIT)) {
                return rows.map(row -> report(row, notes)).toList();
            }
        });
    }

    /** How many of the reports involved each tool, most involved first. */
    static Map<String, Integer> toolCounts(List<ClusterReport> reports) {
        Map<String, Integer> counts = new TreeMap<>();
        reports.forEach(report -> report.tools().forEach(tool -> counts.merge(tool, 1, Integer::sum)));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    private static ClusterReport report(DbRow row, Map<String, List<ClusterReport.Note>> notes) {
        String id = Rows.text(row, "id");
        String needed = Rows.text(row, "what_i_needed");
        String tried = Rows.text(row, "what_i_tried");
        String suggestion = Rows.text(row, "suggestion");
        String client = Rows.text(row, "client_name");
        Object similarity = row.column("similarity").asOptional().orElse(0.0);
        return new ClusterReport(
                id,
                Rows.text(row, "timestamp"),
                needed,
                tried,
                suggestion,
                Rows.text(row, "user_goal"),
                Rows.text(row, "gap_type"),
                Rows.text(row, "resolution"),
                Rows.text(row, "session_id"),
                client.isEmpty() ? Rows.text(row, "client_type") : client,
                Rows.text(row, "agent_model"),
                Rows.number(row, "reviewed") != 0,
                Math.round(((Number) similarity).doubleValue() * 1000) / 1000.0,
                tools(
                        Rows.text(row, "tools_available"),
                        Rows.nullableText(row, "context"),
                        needed + "\n" + tried + "\n" + suggestion),
                notes.getOrDefault(id, List.of()));
    }

    static List<String> tools(String toolsAvailable, String context, String text) {
        Set<String> tools = new LinkedHashSet<>();
        JsonNode calls = parse(context).path("recent_calls");
        calls.forEach(call -> {
            String tool = call.path("tool").asText("");
            if (!tool.isEmpty()) {
                tools.add(tool);
            }
        });
        parse(toolsAvailable).forEach(tool -> {
            String name = tool.asText("");
            if (name.length() > 2 && text.contains(name)) {
                tools.add(name);
            }
        });
        return new ArrayList<>(tools);
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private Map<String, List<ClusterReport.Note>> notes(String clusterId) {
        return database.read(db -> {
            Map<String, List<ClusterReport.Note>> notes = new LinkedHashMap<>();
            try (Stream<DbRow> rows = db.query(
                    "SELECT id, feedback_id, timestamp, content FROM feedback_notes WHERE feedback_id IN"
                            + " (SELECT feedback_id FROM insight_reports WHERE cluster_id = ?) ORDER BY timestamp, id",
                    clusterId)) {
                rows.forEach(row -> notes.computeIfAbsent(Rows.text(row, "feedback_id"), k -> new ArrayList<>())
                        .add(new ClusterReport.Note(
                                Rows.text(row, "id"), Rows.text(row, "timestamp"), Rows.text(row, "content"))));
            }
            return notes;
        });
    }
}
