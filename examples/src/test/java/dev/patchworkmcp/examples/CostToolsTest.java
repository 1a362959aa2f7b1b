package dev.patchworkmcp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostToolsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final CostTools tools = new CostTools(CostLedger.sample(), new JacksonMcpJsonMapper(JSON));

    @Test
    void getCostsFiltersByCustomerAndGroupsByModel() throws Exception {
        JsonNode result = json(call("get_costs", Map.of("customer", "acme", "group_by", "model")));

        assertThat(result.path("filters").path("customer").asText()).isEqualTo("acme");
        assertThat(result.path("event_count").asInt()).isPositive().isLessThan(147);
        assertThat(result.path("groups").get(0).has("model")).isTrue();
        double sum = 0;
        for (JsonNode group : result.path("groups")) {
            sum += group.path("cost_usd").asDouble();
        }
        assertThat(sum).isCloseTo(result.path("cost_usd").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void getCostsHonoursTheDateRangeInclusively() throws Exception {
        JsonNode day = json(call("get_costs", Map.of("start_date", "2026-11-06", "end_date", "2026-11-06")));

        assertThat(day.path("event_count").asInt()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void usageEventsArePagedNewestFirstWithACursor() throws Exception {
        JsonNode first = json(call("get_usage_events", Map.of("limit", 100)));
        JsonNode second = json(call(
                "get_usage_events",
                Map.of("limit", 100, "cursor", first.path("next_cursor").asText())));

        assertThat(first.path("total").asInt()).isEqualTo(147);
        assertThat(first.path("events")).hasSize(100);
        assertThat(first.path("events").get(0).path("timestamp").asText())
                .isGreaterThan(first.path("events").get(99).path("timestamp").asText());
        assertThat(second.path("events")).hasSize(47);
        assertThat(second.path("next_cursor").isNull()).isTrue();
        assertThat(first.path("events").get(0).path("context").has("run_id")).isTrue();
    }

    @Test
    void noToolCanFilterByContextFields() {
        for (SyncToolSpecification spec : tools.specifications()) {
            Object properties = spec.tool().inputSchema().get("properties");

            assertThat(((Map<?, ?>) properties).keySet().stream().map(Object::toString))
                    .doesNotContain("run_id", "session_id", "context");
        }
    }

    @Test
    void badArgumentsAreToolErrorsThatSayWhatIsAllowed() {
        CallToolResult badDate = call("get_costs", Map.of("start_date", "last week"));
        CallToolResult unknown = call("get_costs", Map.of("run_id", "run_7f3a9c"));
        CallToolResult badLimit = call("get_usage_events", Map.of("limit", 500));

        assertThat(badDate.isError()).isTrue();
        assertThat(text(badDate)).contains("start_date must be a date like 2026-11-06");
        assertThat(text(unknown)).contains("no argument 'run_id'").contains("customer, end_date");
        assertThat(text(badLimit)).contains("limit must be between 1 and 100");
    }

    private CallToolResult call(String tool, Map<String, Object> arguments) {
        SyncToolSpecification spec = tools.specifications().stream()
                .filter(candidate -> candidate.tool().name().equals(tool))
                .findFirst()
                .orElseThrow();
        return spec.callHandler()
                .apply(
                        null,
                        CallToolRequest.builder()
                                .name(tool)
                                .arguments(arguments)
                                .build());
    }

    private static JsonNode json(CallToolResult result) throws Exception {
        assertThat(result.isError()).as(text(result)).isFalse();
        return JSON.readTree(text(result));
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().getFirst()).text();
    }
}
