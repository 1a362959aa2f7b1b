package dev.patchworkmcp.dropin;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PatchworkMCP feedback tool for servers built on the MCP Java SDK: copy this one file into your server and
 * add {@code FeedbackTool.specification("my-server")} to your tools (or call {@link #register}). When an
 * agent hits a wall it calls {@code feedback}; the report goes to the PatchworkMCP sidecar
 * ({@code FEEDBACK_SIDECAR_URL}, default {@code http://127.0.0.1:8099}, {@code FEEDBACK_API_KEY}) with up
 * to three attempts under one idempotency key (waiting 0.5 s then 1 s, or the sidecar's {@code Retry-After} up to
 * 5 s), and is appended to a local spool file
 * ({@code FEEDBACK_SPOOL_PATH}) for {@code patchwork replay} when the sidecar cannot take it. Needs only the
 * SDK and the JDK's {@link HttpClient}. On the SDK's server for MCP 2026-07-28
 * ({@code io.modelcontextprotocol.modern.server.McpServer}), list and serve {@link #modernTool(String)} from your
 * tool repository instead. Thread-safe: instances are immutable and share one HTTP client.
 */
public final class FeedbackTool {

    /** The tool's name, title and description: drop-ins/contract/feedback-tool.schema.json. */
    public static final String NAME = "feedback";

    public static final String TITLE = "Report a capability gap";
    public static final String DESCRIPTION =
            "REQUIRED: call this tool BEFORE you answer the user whenever this server could not fully do "
                    + "what was needed. Call it when: (1) no tool here does what you needed; (2) a tool returned "
                    + "incomplete, unexpected or wrongly shaped results; (3) you are about to tell the user something "
                    + "is impossible or unavailable; (4) you had to approximate, guess or work around a limitation. Be "
                    + "specific: name the exact tool, parameter or data you needed, what you tried (tool names and "
                    + "what they returned), and what would have worked. Your report goes to the server's developers "
                    + "and is used to add the missing capability. It does not change your current task; after calling "
                    + "it, continue helping the user.";

    /** The tool's input schema, equal to the contract's {@code inputSchema}. */
    public static final String INPUT_SCHEMA_JSON = """
            {
              "type": "object",
              "properties": {
                "what_i_needed": {
                  "type": "string",
                  "description": "The capability, data or tool you were looking for. Be specific about the action, e.g. 'search cost events by a context field such as run_id'.",
                  "minLength": 1,
                  "maxLength": 10000
                },
                "what_i_tried": {
                  "type": "string",
                  "description": "The tools or approaches you tried first, with tool names and what each returned.",
                  "minLength": 1,
                  "maxLength": 10000
                },
                "gap_type": {
                  "type": "string",
                  "enum": [
                    "missing_tool",
                    "incomplete_results",
                    "missing_parameter",
                    "wrong_format",
                    "other"
                  ],
                  "description": "missing_tool: no tool does this. incomplete_results: a tool ran but returned too little. missing_parameter: a tool exists but lacks a needed parameter or filter. wrong_format: results came back in an unusable shape. other: anything else."
                },
                "suggestion": {
                  "type": "string",
                  "description": "What would have helped: the tool, parameter or change you would add, with its inputs and outputs.",
                  "maxLength": 10000
                },
                "user_goal": {
                  "type": "string",
                  "description": "The user's original request that led to this gap.",
                  "maxLength": 10000
                },
                "resolution": {
                  "type": "string",
                  "enum": [
                    "blocked",
                    "worked_around",
                    "partial"
                  ],
                  "description": "blocked: you could not do it at all. worked_around: you got there another way. partial: you did only part of it."
                },
                "tools_available": {
                  "type": "array",
                  "items": {
                    "type": "string",
                    "maxLength": 200
                  },
                  "description": "Names of the tools on this server that you considered or tried.",
                  "maxItems": 500
                },
                "agent_model": {
                  "type": "string",
                  "description": "Your model id, if you know it (e.g. claude-sonnet-4-5).",
                  "maxLength": 200
                },
                "session_id": {
                  "type": "string",
                  "description": "The conversation or session id, if you have one.",
                  "maxLength": 200
                },
                "client_type": {
                  "type": "string",
                  "description": "The MCP client you are running in, if known (e.g. claude-desktop, claude-code, cursor, vscode).",
                  "maxLength": 200
                }
              },
              "required": [
                "what_i_needed",
                "what_i_tried",
                "gap_type"
              ]
            }
            """;

    static final String USER_AGENT = "PatchworkMCP-Java/2.0";
    static final String SOURCE = "dropin-java";
    private static final List<String> STRING_FIELDS = List.of(
            "what_i_needed",
            "what_i_tried",
            "gap_type",
            "suggestion",
            "user_goal",
            "resolution",
            "agent_model",
            "session_id",
            "client_type");
    /** The waits between attempts, unless the sidecar's {@code Retry-After} says otherwise (up to the cap). */
    static final List<Duration> BACKOFF = List.of(Duration.ofMillis(500), Duration.ofSeconds(1));

    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(FeedbackTool.class.getName());
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** Where reports go; {@link #fromEnvironment()} reads the {@code FEEDBACK_*} variables. */
    public record Options(String sidecarUrl, String apiKey, Path spoolPath) {

        public Options {
            sidecarUrl = sidecarUrl == null || sidecarUrl.isBlank() ? "http://127.0.0.1:8099" : sidecarUrl.strip();
            while (sidecarUrl.endsWith("/")) {
                sidecarUrl = sidecarUrl.substring(0, sidecarUrl.length() - 1);
            }
            apiKey = apiKey == null ? "" : apiKey.strip();
            spoolPath = spoolPath == null ? Path.of("patchwork-feedback-spool.jsonl") : spoolPath;
        }

        /** {@code FEEDBACK_SIDECAR_URL}, {@code FEEDBACK_API_KEY}, {@code FEEDBACK_SPOOL_PATH}. */
        public static Options fromEnvironment() {
            String spool = System.getenv("FEEDBACK_SPOOL_PATH");
            return new Options(
                    System.getenv("FEEDBACK_SIDECAR_URL"),
                    System.getenv("FEEDBACK_API_KEY"),
                    spool == null || spool.isBlank() ? null : Path.of(spool));
        }
    }

    /** What happened to one report: delivered (with the sidecar's id) or not (with the reason). */
    public record Delivery(boolean delivered, int status, String id, String reason, String idempotencyKey) {

        /** The sidecar refused the report itself (400, 413, 422): replaying it could never succeed. */
        public boolean rejected() {
            return status == 400 || status == 413 || status == 422;
        }
    }

    /** How a delivery waits between attempts; the tests pass one that records the waits instead. */
    interface Pause {
        void pause(Duration wait) throws InterruptedException;
    }

    private final String serverName;
    private final Options options;
    private final McpJsonMapper json;
    private final Pause pause;

    private FeedbackTool(String serverName, Options options, McpJsonMapper json, Pause pause) {
        this.serverName = serverName == null || serverName.isBlank() ? "unknown" : serverName;
        this.options = options;
        this.json = json;
        this.pause = pause;
    }

    /** A reporter for {@code serverName} with explicit options (per-server overrides of the environment). */
    public static FeedbackTool of(String serverName, Options options) {
        return of(serverName, options, Thread::sleep);
    }

    static FeedbackTool of(String serverName, Options options, Pause pause) {
        return new FeedbackTool(serverName, options, McpJsonDefaults.getMapper(), pause);
    }

    /** The tool specification to pass to {@code McpServer.sync(...).tools(...)}; options from the environment. */
    public static SyncToolSpecification specification(String serverName) {
        return specification(serverName, Options.fromEnvironment());
    }

    public static SyncToolSpecification specification(String serverName, Options options) {
        FeedbackTool tool = of(serverName, options);
        return SyncToolSpecification.builder()
                .tool(tool.tool())
                .callHandler((exchange, request) -> tool.call(exchange, request.arguments()))
                .build();
    }

    /** Adds the feedback tool to a running server (the original drop-ins' {@code register_feedback_tool}). */
    public static void register(McpSyncServer server, String serverName, Options options) {
        server.addTool(specification(serverName, options));
    }

    /**
     * The tool for the SDK's MCP 2026-07-28 server: return it from your {@code McpSyncToolRepository} (listed in
     * {@code list}, answered by {@code find} for {@link #NAME}); options from the environment.
     */
    public static McpSyncTool modernTool(String serverName) {
        return modernTool(serverName, Options.fromEnvironment());
    }

    public static McpSyncTool modernTool(String serverName, Options options) {
        FeedbackTool tool = of(serverName, options);
        var definition = io.modelcontextprotocol.modern.McpSchema.Tool.builder(NAME, inputSchema(tool.json))
                .title(TITLE)
                .description(DESCRIPTION)
                .build();
        return McpSyncTool.of(definition, (context, request) -> {
            var client = context.clientInfo();
            Answer answer = client == null
                    ? tool.answer(null, null, context.protocolVersion(), request.arguments())
                    : tool.answer(client.name(), client.version(), context.protocolVersion(), request.arguments());
            return McpSyncResponse.result(io.modelcontextprotocol.modern.McpSchema.CallToolResult.builder()
                    .addContent(io.modelcontextprotocol.modern.McpSchema.TextContent.builder(answer.text())
                            .build())
                    .isError(answer.error())
                    .build());
        });
    }

    /** The tool as listed to clients: name, title, description and the full input schema. */
    public McpSchema.Tool tool() {
        return McpSchema.Tool.builder()
                .name(NAME)
                .title(TITLE)
                .description(DESCRIPTION)
                .inputSchema(inputSchema(json))
                .build();
    }

    /** The input schema as a map, parsed from {@link #INPUT_SCHEMA_JSON}. */
    public static Map<String, Object> inputSchema(McpJsonMapper json) {
        try {
            return json.readValue(INPUT_SCHEMA_JSON, new TypeRef<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException("The embedded feedback tool schema is not valid JSON", e);
        }
    }

    CallToolResult call(McpSyncServerExchange exchange, Map<String, Object> arguments) {
        McpSchema.Implementation client = exchange == null ? null : exchange.getClientInfo();
        Answer answer = client == null
                ? answer(null, null, null, arguments)
                : answer(client.name(), client.version(), null, arguments);
        return CallToolResult.builder()
                .addTextContent(answer.text())
                .isError(answer.error())
                .build();
    }

    /** What the agent is told, in either era's result type. */
    private record Answer(String text, boolean error) {}

    private Answer answer(
            String clientName, String clientVersion, String protocolVersion, Map<String, Object> arguments) {
        Map<String, Object> report = report(arguments);
        if (clientName != null) {
            report.put("client_name", clientName);
            report.put("client_version", clientVersion);
        }
        if (protocolVersion != null) {
            report.put("protocol_version", protocolVersion);
        }
        Delivery delivery = send(report);
        if (delivery.delivered()) {
            return new Answer(
                    "Thank you. Your feedback has been recorded and will be used to improve this server's"
                            + " capabilities.",
                    false);
        }
        if (delivery.rejected()) {
            return new Answer(
                    "Feedback was rejected by the PatchworkMCP sidecar (" + delivery.reason()
                            + "). Fix the arguments and call feedback again.",
                    true);
        }
        return new Answer(spool(report, delivery), true);
    }

    /** The sidecar body for the agent's arguments: known fields only, plus server name, source and a fresh key. */
    public Map<String, Object> report(Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("server_name", serverName);
        for (String field : STRING_FIELDS) {
            Object value = args.get(field);
            if (value != null) {
                report.put(field, value);
            }
        }
        if (!(report.get("gap_type") instanceof String gap) || gap.isBlank()) {
            report.put("gap_type", "other");
        }
        report.put("tools_available", toolNames(args.get("tools_available")));
        report.put("source", SOURCE);
        report.put("idempotency_key", UUID.randomUUID().toString());
        return report;
    }

    private static List<Object> toolNames(Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value instanceof String text && !text.isBlank()) {
            return new ArrayList<>(Arrays.stream(text.split(","))
                    .map(String::strip)
                    .filter(name -> !name.isEmpty())
                    .toList());
        }
        return new ArrayList<>();
    }

    /** Posts a report (with its {@code idempotency_key}) to the sidecar: up to 3 attempts, one key. */
    public Delivery send(Map<String, Object> report) {
        String key = String.valueOf(report.get("idempotency_key"));
        String reason = "not attempted";
        int lastStatus = 0;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.sidecarUrl() + "/api/feedback"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(report)));
            if (!options.apiKey().isEmpty()) {
                request.header("Authorization", "Bearer " + options.apiKey());
            }
            String retryAfter = null;
            for (int attempt = 0; attempt <= BACKOFF.size(); attempt++) {
                if (attempt > 0) {
                    pause.pause(retryDelay(attempt, retryAfter));
                }
                retryAfter = null;
                try {
                    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    int status = response.statusCode();
                    lastStatus = status;
                    if (status / 100 == 2) {
                        return new Delivery(true, status, idOf(response.body()), "HTTP " + status, key);
                    }
                    reason = "the sidecar answered HTTP " + status + errorSummary(response.body());
                    if (status != 429 && status < 500) {
                        break;
                    }
                    retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                } catch (IOException e) {
                    lastStatus = 0;
                    reason = "the sidecar at " + options.sidecarUrl() + " is unreachable ("
                            + e.getClass().getSimpleName() + ")";
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
        } catch (IOException | IllegalArgumentException e) {
            reason = "the report could not be sent (" + e.getMessage() + ")";
        }
        LOG.log(System.Logger.Level.WARNING, "PatchworkMCP feedback not delivered: {0}", reason);
        return new Delivery(false, lastStatus, null, reason, key);
    }

    /** The wait before attempt {@code attempt} (1 or 2): Retry-After in whole seconds up to the cap, else backoff. */
    static Duration retryDelay(int attempt, String retryAfter) {
        String value = retryAfter == null ? "" : retryAfter.strip();
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long seconds = value.length() > 9 ? Long.MAX_VALUE : Long.parseLong(value);
            return seconds > MAX_RETRY_AFTER.toSeconds() ? MAX_RETRY_AFTER : Duration.ofSeconds(seconds);
        }
        return BACKOFF.get(attempt - 1);
    }

    private String errorSummary(String body) {
        try {
            Map<String, Object> error = json.readValue(body, new TypeRef<Map<String, Object>>() {});
            Object code = error.get("code");
            Object detail = error.get("detail");
            return code == null ? "" : " (" + code + (detail == null ? "" : ": " + detail) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private String idOf(String body) {
        try {
            Object id =
                    json.readValue(body, new TypeRef<Map<String, Object>>() {}).get("id");
            return id == null ? null : id.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Appends the report as one JSON line to the spool file and says so in a text the agent can act on. */
    private String spool(Map<String, Object> report, Delivery delivery) {
        Path path = options.spoolPath().toAbsolutePath();
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            byte[] line = (json.writeValueAsString(report) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (FeedbackTool.class) {
                Files.write(path, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            return "Feedback could not be delivered yet (" + delivery.reason() + "). It was saved for replay in "
                    + path + " and will be sent with `patchwork replay`. You do not need to call feedback again;"
                    + " continue helping the user.";
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "PatchworkMCP feedback could not be spooled to {0}", path);
            return "Feedback could not be delivered (" + delivery.reason() + ") and could not be saved for replay ("
                    + e.getClass().getSimpleName() + " on " + path + "). Continue helping the user.";
        }
    }
}
