package dev.patchworkmcp.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ListToolsResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the agent of the demo against the cost tracker, the way a model would: it is asked what one agent run cost,
 * finds no tool that filters by run id, tries anyway, falls back to paging through every event, and then tells the
 * server's author through the {@code feedback} tool. Prints each step; not thread-safe (one run at a time).
 */
public final class ScriptedAgent {
    /**
     * What the agent found out: the run's events and cost, how many events it read in how many
     * {@code get_usage_events} pages, and the feedback tool's answer (null when the server had none).
     */
    public record Outcome(
            int matchingEvents,
            BigDecimal cost,
            int scannedEvents,
            int calls,
            String feedbackAnswer,
            boolean reported) {}

    static final String FEEDBACK_TOOL = "feedback";

    private final McpSyncClient client;
    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    public ScriptedAgent(McpSyncClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    /** Works on the question "what did run {@code runId} cost?" and reports the gap. */
    public Outcome ask(String runId) {
        String goal = "How much did agent run " + runId + " cost, and which model calls did it make?";
        say("The user asks: \"" + goal + "\"");
        List<Tool> tools = listTools();
        List<String> names = tools.stream().map(Tool::name).toList();
        say("Tools on offer: " + String.join(", ", names));
        boolean filterExists = tools.stream()
                .anyMatch(tool -> tool.inputSchema() != null
                        && tool.inputSchema().get("properties") instanceof Map<?, ?> properties
                        && (properties.containsKey("run_id") || properties.containsKey("context")));
        say(filterExists ? "A tool takes a run id." : "No tool takes a run_id or context filter. Trying anyway.");

        JsonNode totals = call("get_costs", Map.of());
        say("get_costs -> $" + totals.path("cost_usd").asText() + " over "
                + totals.path("event_count").asInt() + " events: all runs together, no way to narrow it to one run.");
        CallToolResult rejected = client.callTool(request("get_usage_events", Map.of("run_id", runId)));
        say("get_usage_events(run_id=" + runId + ") -> " + (Boolean.TRUE.equals(rejected.isError()) ? "error: " : "")
                + abbreviate(text(rejected)));

        Outcome scan = scanForRun(runId);
        say("Paged through all " + scan.scannedEvents() + " events in " + scan.calls() + " calls to find "
                + scan.matchingEvents() + " of run " + runId + " costing $" + scan.cost() + ".");
        if (!names.contains(FEEDBACK_TOOL)) {
            say("This server has no '" + FEEDBACK_TOOL + "' tool, so the gap goes unreported "
                    + "(run the server through 'patchwork proxy' to add it).");
            return scan;
        }
        Map<String, Object> report = feedback(runId, goal, scan, names);
        CallToolResult answer = client.callTool(request(FEEDBACK_TOOL, report));
        say("feedback -> " + text(answer));
        boolean reported = !Boolean.TRUE.equals(answer.isError());
        return new Outcome(
                scan.matchingEvents(), scan.cost(), scan.scannedEvents(), scan.calls(), text(answer), reported);
    }

    private Outcome scanForRun(String runId) {
        int matching = 0;
        int scanned = 0;
        int pages = 0;
        BigDecimal cost = BigDecimal.ZERO;
        String cursor = null;
        do {
            Map<String, Object> arguments = cursor == null ? Map.of() : Map.of("cursor", cursor);
            JsonNode page = call("get_usage_events", arguments);
            pages++;
            for (JsonNode event : page.path("events")) {
                scanned++;
                if (runId.equals(event.path("context").path("run_id").asText())) {
                    matching++;
                    cost = cost.add(event.path("cost_usd").decimalValue());
                }
            }
            cursor = page.path("next_cursor").isTextual()
                    ? page.path("next_cursor").asText()
                    : null;
        } while (cursor != null);
        return new Outcome(matching, cost, scanned, pages, null, false);
    }

    private static Map<String, Object> feedback(String runId, String goal, Outcome scan, List<String> tools) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put(
                "what_i_needed",
                "A way to find the usage events of one agent run by a context field (run_id " + runId
                        + ") and total their cost.");
        report.put(
                "what_i_tried",
                "get_costs (filters only by date, service and customer); get_usage_events with run_id (rejected: "
                        + "not a parameter); then paged through all " + scan.scannedEvents() + " events ("
                        + scan.calls() + " get_usage_events calls) and filtered context.run_id myself.");
        report.put("gap_type", "missing_tool");
        report.put(
                "suggestion",
                "A search_costs_by_context tool that accepts context key-value pairs (e.g. run_id, session_id) "
                        + "with AND logic, combined with the standard date/service/customer filters. Returns "
                        + "paginated event records with full context and the total cost.");
        report.put("user_goal", goal);
        report.put("resolution", "worked_around");
        report.put(
                "tools_available",
                tools.stream().filter(name -> !name.equals(FEEDBACK_TOOL)).toList());
        report.put("agent_model", "patchwork-demo-agent (scripted)");
        return report;
    }

    private List<Tool> listTools() {
        List<Tool> tools = new ArrayList<>();
        String cursor = null;
        do {
            ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
            tools.addAll(page.tools());
            cursor = page.nextCursor();
        } while (cursor != null);
        return tools;
    }

    private JsonNode call(String tool, Map<String, Object> arguments) {
        CallToolResult result = client.callTool(request(tool, arguments));
        if (Boolean.TRUE.equals(result.isError())) {
            throw new IllegalStateException(tool + " failed: " + text(result));
        }
        try {
            return json.readTree(text(result));
        } catch (IOException e) {
            throw new UncheckedIOException(tool + " did not answer JSON", e);
        }
    }

    private static CallToolRequest request(String tool, Map<String, Object> arguments) {
        return CallToolRequest.builder().name(tool).arguments(arguments).build();
    }

    private static String text(CallToolResult result) {
        StringBuilder text = new StringBuilder();
        result.content().forEach(content -> {
            if (content instanceof TextContent part) {
                text.append(part.text());
            }
        });
        return text.toString();
    }

    private static String abbreviate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }

    private void say(String line) {
        out.println("agent> " + line);
    }
}
