package dev.patchworkmcp.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The example server's tools over a {@link CostLedger}: {@code get_costs}, {@code get_usage_events} and
 * {@code list_services}. Deliberately, none of them can find events by their {@code context} fields (run id,
 * session id): the gap an agent reports through the feedback tool in the demo. Thread-safe.
 */
public final class CostTools {
    private static final String FILTERS = """
            "start_date": {"type": "string", "description": "First day to include (UTC), e.g. 2026-11-01"},
            "end_date": {"type": "string", "description": "Last day to include (UTC), e.g. 2026-11-30"},
            "service": {"type": "string", "description": "AI provider, e.g. openai, anthropic, google"},
            "customer": {"type": "string", "description": "Customer id, e.g. acme"}
            """;
    private static final Set<String> FILTER_NAMES = Set.of("start_date", "end_date", "service", "customer");

    private final CostLedger ledger;
    private final McpJsonMapper mcpMapper;
    private final ObjectMapper mapper = new ObjectMapper();

    public CostTools(CostLedger ledger, McpJsonMapper mcpMapper) {
        this.ledger = ledger;
        this.mcpMapper = mcpMapper;
    }

    /** Every tool of the server. */
    public List<SyncToolSpecification> specifications() {
        return List.of(getCosts(), getUsageEvents(), listServices());
    }

    private SyncToolSpecification getCosts() {
        String schema = "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {" + FILTERS
                + ", \"group_by\": {\"type\": \"string\", \"enum\": [\"service\", \"customer\", \"model\", \"day\"],"
                + " \"description\": \"How to break the total down (default service)\"}}}";
        return tool(
                "get_costs",
                "Total AI spend (USD), tokens and event count, filtered by date range, service and customer, "
                        + "broken down by service, customer, model or day.",
                schema,
                arguments -> {
                    arguments.allowOnly(union(FILTER_NAMES, Set.of("group_by")));
                    String groupBy =
                            arguments.oneOf("group_by", Set.of("service", "customer", "model", "day"), "service");
                    return ledger.costs(arguments.query(), groupBy);
                });
    }

    private SyncToolSpecification getUsageEvents() {
        String schema = "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {" + FILTERS
                + ", \"limit\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 100,"
                + " \"description\": \"Events per page (default 20)\"},"
                + " \"cursor\": {\"type\": \"string\", \"description\": \"next_cursor of the previous page\"}}}";
        return tool(
                "get_usage_events",
                "Individual usage events, newest first, filtered by date range, service and customer. "
                        + "Paginated: pass next_cursor back as cursor for the next page.",
                schema,
                arguments -> {
                    arguments.allowOnly(union(FILTER_NAMES, Set.of("limit", "cursor")));
                    int limit = arguments.integer("limit", 1, 100, 20);
                    int offset = arguments.integer("cursor", 0, Integer.MAX_VALUE, 0);
                    List<CostEvent> matching = ledger.events(arguments.query());
                    List<CostEvent> page = matching.subList(
                            Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()));
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("filters", arguments.query().asMap());
                    result.put("total", matching.size());
                    result.put("events", page);
                    result.put("next_cursor", offset + limit < matching.size() ? String.valueOf(offset + limit) : null);
                    return result;
                });
    }

    private SyncToolSpecification listServices() {
        return tool(
                "list_services",
                "The services and customers in the cost data, and the days it covers.",
                "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {}}",
                arguments -> {
                    arguments.allowOnly(Set.of());
                    return ledger.catalogue();
                });
    }

    private SyncToolSpecification tool(
            String name, String description, String schema, Function<ToolArguments, Object> handler) {
        Tool tool = Tool.builder()
                .name(name)
                .description(description)
                .inputSchema(mcpMapper, schema)
                .build();
        return SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> call(handler, new ToolArguments(name, request.arguments())))
                .build();
    }

    private CallToolResult call(Function<ToolArguments, Object> handler, ToolArguments arguments) {
        try {
            String json = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(handler.apply(arguments));
            return CallToolResult.builder().addTextContent(json).isError(false).build();
        } catch (InvalidArgumentException e) {
            return CallToolResult.builder()
                    .addTextContent(e.getMessage())
                    .isError(true)
                    .build();
        } catch (RuntimeException e) {
            return CallToolResult.builder()
                    .addTextContent("the cost tracker failed: " + e)
                    .isError(true)
                    .build();
        } catch (JsonProcessingException e) {
            return CallToolResult.builder()
                    .addTextContent("could not render the result: " + e.getOriginalMessage())
                    .isError(true)
                    .build();
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }
}
