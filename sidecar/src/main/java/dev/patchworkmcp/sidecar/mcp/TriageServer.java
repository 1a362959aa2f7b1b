package dev.patchworkmcp.sidecar.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.feedback.FeedbackStore;
import dev.patchworkmcp.sidecar.http.ApiException;
import dev.patchworkmcp.sidecar.insight.Insight;
import io.helidon.webserver.http.HttpService;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The sidecar's own MCP server at {@code /mcp}: triage tools so a coding agent (Claude Code, Cursor) can read its
 * server's gap clusters, note, review, resolve and draft fixes. Built with the MCP Java SDK's stateless server on
 * {@link McpHttpTransport}. A tool that fails answers {@code isError: true} with the reason; the session never
 * breaks. Thread-safe.
 */
public final class TriageServer implements AutoCloseable {
    private static final String INSTRUCTIONS = "Triage the capability gaps agents reported for MCP servers:"
            + " list_clusters shows the most impactful groups of similar reports, get_cluster reads one with its"
            + " reports and notes; then add_note, mark_reviewed, resolve_cluster or start_draft.";

    private final McpHttpTransport transport;
    private final McpStatelessSyncServer server;

    private TriageServer(McpHttpTransport transport, McpStatelessSyncServer server) {
        this.transport = transport;
        this.server = server;
    }

    /**
     * The triage tools over {@code insight} and {@code feedback}, speaking JSON with {@code mapper}; {@code adminKey}
     * guards them when not blank.
     */
    public static TriageServer open(Insight insight, FeedbackStore feedback, ObjectMapper mapper, String adminKey) {
        McpJsonMapper json = new JacksonMcpJsonMapper(mapper);
        McpSchema.Implementation serverInfo = new McpSchema.Implementation("patchwork-triage", Sidecar.VERSION);
        McpHttpTransport transport =
                new McpHttpTransport(json, Optional.ofNullable(adminKey), serverInfo, INSTRUCTIONS);
        TriageTools tools = new TriageTools(insight, feedback);
        McpStatelessSyncServer server = McpServer.sync(transport)
                .serverInfo(serverInfo)
                .instructions(INSTRUCTIONS)
                .immediateExecution(true)
                .jsonSchemaValidator(new ArgumentsCheckedByTools())
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .toolCall(
                        tool(
                                json,
                                "list_clusters",
                                "List the clusters of similar gap reports, highest impact first,"
                                        + " with counts and the severity score's factors.",
                                """
                                {"type":"object","properties":{
                                  "server_name":{"type":"string","description":"Only this MCP server's clusters"},
                                  "status":{"type":"string","enum":["open","resolved",""],"description":"Default open; empty for all"},
                                  "limit":{"type":"integer","minimum":1,"maximum":50,"description":"Default 10"}}}"""),
                        (context, request) -> call(tools::listClusters, request))
                .toolCall(
                        tool(
                                json,
                                "get_cluster",
                                "Read one cluster: every report (what the agent needed, tried and"
                                        + " suggested), reviewer notes, tools involved and history.",
                                """
                                {"type":"object","properties":{"cluster_id":{"type":"string"}},"required":["cluster_id"]}"""),
                        (context, request) -> call(tools::getCluster, request))
                .toolCall(
                        tool(
                                json,
                                "add_note",
                                "Add a reviewer note to a report (report_id), or to the most central"
                                        + " report of a cluster (cluster_id).",
                                """
                                {"type":"object","properties":{
                                  "report_id":{"type":"string"},"cluster_id":{"type":"string"},
                                  "content":{"type":"string","minLength":1}},"required":["content"]}"""),
                        (context, request) -> call(tools::addNote, request))
                .toolCall(
                        tool(json, "mark_reviewed", "Mark every report of a cluster reviewed (or not).", """
                                {"type":"object","properties":{"cluster_id":{"type":"string"},
                                  "reviewed":{"type":"boolean","description":"Default true"}},"required":["cluster_id"]}"""),
                        (context, request) -> call(tools::markReviewed, request))
                .toolCall(
                        tool(
                                json,
                                "resolve_cluster",
                                "Mark a cluster resolved, with the URL of the pull request"
                                        + " that fixed it. A later matching report reopens it.",
                                """
                                {"type":"object","properties":{"cluster_id":{"type":"string"},
                                  "pr_url":{"type":"string"}},"required":["cluster_id"]}"""),
                        (context, request) -> call(tools::resolve, request))
                .toolCall(
                        tool(
                                json,
                                "start_draft",
                                "Draft one pull request for a whole cluster (all its reports and"
                                        + " notes as context) through the sidecar's drafting flow; answers when it is done.",
                                """
                                {"type":"object","properties":{"cluster_id":{"type":"string"}},"required":["cluster_id"]}"""),
                        (context, request) -> call(tools::startDraft, request))
                .build();
        return new TriageServer(transport, server);
    }

    private static McpSchema.Tool tool(McpJsonMapper json, String name, String description, String schema) {
        return McpSchema.Tool.builder()
                .name(name)
                .description(description)
                .inputSchema(json, schema)
                .build();
    }

    private static McpSchema.CallToolResult call(
            Function<Map<String, Object>, String> tool, McpSchema.CallToolRequest request) {
        try {
            return McpSchema.CallToolResult.builder()
                    .addTextContent(tool.apply(request.arguments() == null ? Map.of() : request.arguments()))
                    .build();
        } catch (ApiException e) {
            return McpSchema.CallToolResult.builder()
                    .isError(true)
                    .addTextContent(e.getMessage())
                    .build();
        }
    }

    /** The HTTP side, to register at {@code /mcp}. */
    public HttpService http() {
        return transport;
    }

    @Override
    public void close() {
        server.close();
    }
}
