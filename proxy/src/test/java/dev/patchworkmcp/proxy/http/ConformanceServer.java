package dev.patchworkmcp.proxy.http;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Test-only: an MCP server over stdio, written with the MCP Java SDK, that offers the {@code test_*} tools,
 * {@code test://} resources and prompts the official conformance suite ({@code @modelcontextprotocol/conformance}
 * 0.1.13) calls, so the suite can be run against a peer that passes most of it, directly and through the proxy.
 * Exits when its parent process does.
 */
public final class ConformanceServer {
    static final String PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    static final String WAV = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=";

    private ConformanceServer() {}

    public static void main(String[] args) {
        McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper()))
                .serverInfo("patchwork-conformance-server", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(true)
                        .resources(true, true)
                        .prompts(true)
                        .logging()
                        .completions()
                        .build())
                .tools(tools())
                .resources(resources())
                .resourceTemplates(new SyncResourceTemplateSpecification(
                        McpSchema.ResourceTemplate.builder("test://template/{id}/data", "template-data")
                                .description("Data for an id")
                                .mimeType("application/json")
                                .build(),
                        (exchange, request) -> {
                            String id = request.uri().replaceAll("^test://template/([^/]+)/data$", "$1");
                            return text(
                                    request.uri(),
                                    "application/json",
                                    "{\"id\":\"" + id + "\",\"templateTest\":true,\"data\":\"Data for ID: " + id
                                            + "\"}");
                        }))
                .prompts(prompts())
                .completions(new SyncCompletionSpecification(
                        new McpSchema.PromptReference("test_prompt_with_arguments"),
                        (exchange, request) -> new McpSchema.CompleteResult(
                                new McpSchema.CompleteResult.CompleteCompletion(List.of("test1", "test2"), 2, false))))
                .build();
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().join());
        System.exit(0);
    }

    private static List<SyncToolSpecification> tools() {
        List<SyncToolSpecification> tools = new ArrayList<>();
        tools.add(tool(
                "test_simple_text",
                Map.of(),
                (exchange, call) -> result(new TextContent("This is a simple text response for testing."))));
        tools.add(tool("test_image_content", Map.of(), (exchange, call) -> result(image())));
        tools.add(tool(
                "test_audio_content",
                Map.of(),
                (exchange, call) -> result(new McpSchema.AudioContent(null, WAV, "audio/wav"))));
        tools.add(tool(
                "test_embedded_resource",
                Map.of(),
                (exchange, call) -> result(
                        embedded("test://embedded-resource", "text/plain", "This is an embedded resource content."))));
        tools.add(tool(
                "test_multiple_content_types",
                Map.of(),
                (exchange, call) -> result(
                        new TextContent("Multiple content types test:"),
                        image(),
                        embedded(
                                "test://mixed-content-resource",
                                "application/json",
                                "{\"test\":\"data\",\"value\":123}"))));
        tools.add(tool(
                "test_error_handling",
                Map.of(),
                (exchange, call) -> CallToolResult.builder()
                        .addTextContent("This tool intentionally returns an error for testing")
                        .isError(true)
                        .build()));
        tools.add(tool("test_tool_with_logging", Map.of(), ConformanceServer::logging));
        tools.add(tool("test_tool_with_progress", Map.of(), ConformanceServer::progress));
        tools.add(
                tool("test_sampling", Map.of("prompt", "The prompt to send to the LLM"), ConformanceServer::sampling));
        tools.add(tool(
                "test_elicitation", Map.of("message", "The message to show the user"), ConformanceServer::elicitation));
        tools.add(tool(
                "test_elicitation_sep1034_defaults",
                Map.of(),
                (exchange, call) ->
                        elicit(exchange, "Please review the defaults", ConformanceElicitations.defaultsSchema())));
        tools.add(tool(
                "test_elicitation_sep1330_enums",
                Map.of(),
                (exchange, call) ->
                        elicit(exchange, "Please pick from the enums", ConformanceElicitations.enumsSchema())));
        tools.add(SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name("json_schema_2020_12_tool")
                        .description("Tool with JSON Schema 2020-12 features")
                        .inputSchema(ConformanceElicitations.jsonSchema2020())
                        .build())
                .callHandler((exchange, call) -> result(new TextContent("ok")))
                .build());
        return tools;
    }

    private static List<SyncResourceSpecification> resources() {
        return List.of(
                resource(
                        "test://static-text",
                        "text/plain",
                        (exchange, request) ->
                                text(request.uri(), "text/plain", "This is the content of the static text resource.")),
                resource(
                        "test://static-binary",
                        "image/png",
                        (exchange, request) -> new ReadResourceResult(
                                List.of(new McpSchema.BlobResourceContents(request.uri(), "image/png", PNG)))),
                resource(
                        "test://watched-resource",
                        "text/plain",
                        (exchange, request) -> text(request.uri(), "text/plain", "Watched resource content.")));
    }

    private static List<SyncPromptSpecification> prompts() {
        return List.of(
                prompt(
                        "test_simple_prompt",
                        List.of(),
                        (exchange, request) -> messages(new TextContent("This is a simple prompt for testing."))),
                prompt(
                        "test_prompt_with_arguments",
                        List.of("arg1", "arg2"),
                        (exchange, request) -> messages(new TextContent("Prompt with arguments: arg1='"
                                + request.arguments().get("arg1") + "', arg2='"
                                + request.arguments().get("arg2") + "'"))),
                prompt(
                        "test_prompt_with_embedded_resource",
                        List.of("resourceUri"),
                        (exchange, request) -> messages(
                                embedded(
                                        String.valueOf(request.arguments().get("resourceUri")),
                                        "text/plain",
                                        "Embedded resource content for testing."),
                                new TextContent("Please process the embedded resource above."))),
                prompt(
                        "test_prompt_with_image",
                        List.of(),
                        (exchange, request) -> messages(image(), new TextContent("Please analyze the image above."))));
    }

    private static CallToolResult logging(McpSyncServerExchange exchange, CallToolRequest call) {
        for (String message : List.of("Tool execution started", "Tool processing data", "Tool execution completed")) {
            exchange.loggingNotification(
                    McpSchema.LoggingMessageNotification.builder(McpSchema.LoggingLevel.INFO, message)
                            .logger("conformance")
                            .build());
            pause();
        }
        return result(new TextContent("Tool with logging executed successfully"));
    }

    private static CallToolResult progress(McpSyncServerExchange exchange, CallToolRequest call) {
        Object token = call.meta() == null ? null : call.meta().get("progressToken");
        for (int step = 0; step <= 100; step += 50) {
            if (token != null) {
                exchange.progressNotification(new McpSchema.ProgressNotification(token, step, 100.0, "step " + step));
            }
            pause();
        }
        return result(new TextContent("Tool with progress executed successfully"));
    }

    private static CallToolResult sampling(McpSyncServerExchange exchange, CallToolRequest call) {
        McpSchema.CreateMessageResult answer = exchange.createMessage(McpSchema.CreateMessageRequest.builder()
                .messages(List.of(new McpSchema.SamplingMessage(
                        Role.USER,
                        new TextContent(String.valueOf(call.arguments().get("prompt"))))))
                .maxTokens(100)
                .build());
        String text = answer.content() instanceof TextContent content ? content.text() : String.valueOf(answer);
        return result(new TextContent("LLM response: " + text));
    }

    private static CallToolResult elicitation(McpSyncServerExchange exchange, CallToolRequest call) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put(
                "properties",
                Map.of(
                        "username", Map.of("type", "string", "description", "User's response"),
                        "email", Map.of("type", "string", "description", "User's email address")));
        schema.put("required", List.of("username", "email"));
        McpSchema.ElicitResult answer = exchange.createElicitation(
                McpSchema.ElicitRequest.builder(String.valueOf(call.arguments().get("message")), schema)
                        .build());
        return result(new TextContent("User response: action=" + answer.action() + ", content=" + answer.content()));
    }

    private static CallToolResult elicit(McpSyncServerExchange exchange, String message, Map<String, Object> schema) {
        McpSchema.ElicitResult answer = exchange.createElicitation(
                McpSchema.ElicitRequest.builder(message, schema).build());
        return result(
                new TextContent("Elicitation completed: action=" + answer.action() + ", content=" + answer.content()));
    }

    private static SyncToolSpecification tool(
            String name,
            Map<String, String> stringArguments,
            BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> handler) {
        Map<String, Object> properties = new LinkedHashMap<>();
        stringArguments.forEach((argument, description) ->
                properties.put(argument, Map.of("type", "string", "description", description)));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.copyOf(stringArguments.keySet()));
        return SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name(name)
                        .description("Conformance tool " + name)
                        .inputSchema(schema)
                        .build())
                .callHandler(handler)
                .build();
    }

    private static SyncResourceSpecification resource(
            String uri,
            String mimeType,
            BiFunction<McpSyncServerExchange, McpSchema.ReadResourceRequest, ReadResourceResult> handler) {
        return new SyncResourceSpecification(
                McpSchema.Resource.builder()
                        .uri(uri)
                        .name(uri.substring("test://".length()))
                        .description("Conformance resource " + uri)
                        .mimeType(mimeType)
                        .build(),
                handler);
    }

    private static SyncPromptSpecification prompt(
            String name,
            List<String> arguments,
            BiFunction<McpSyncServerExchange, McpSchema.GetPromptRequest, GetPromptResult> handler) {
        List<McpSchema.PromptArgument> declared = arguments.stream()
                .map(argument -> new McpSchema.PromptArgument(argument, "Argument " + argument, true))
                .toList();
        return new SyncPromptSpecification(new McpSchema.Prompt(name, "Conformance prompt " + name, declared), handler);
    }

    private static CallToolResult result(Content... content) {
        return CallToolResult.builder().content(List.of(content)).build();
    }

    private static GetPromptResult messages(Content... content) {
        return new GetPromptResult(
                null,
                List.of(content).stream()
                        .map(c -> new PromptMessage(Role.USER, c))
                        .toList());
    }

    private static ReadResourceResult text(String uri, String mimeType, String text) {
        return new ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, mimeType, text)));
    }

    private static McpSchema.ImageContent image() {
        return new McpSchema.ImageContent(null, PNG, "image/png");
    }

    private static McpSchema.EmbeddedResource embedded(String uri, String mimeType, String text) {
        return new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents(uri, mimeType, text));
    }

    /** The conformance suite asks for about 50 ms between notifications, so a client sees them arrive apart. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
