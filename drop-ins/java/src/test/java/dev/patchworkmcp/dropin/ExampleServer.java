package dev.patchworkmcp.dropin;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;

/** A tiny stdio MCP server built with the MCP Java SDK and the drop-in, as a user would write it. */
public final class ExampleServer {

    private ExampleServer() {}

    public static void main(String[] args) throws InterruptedException {
        SyncToolSpecification echo = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name("echo")
                        .description("Echoes its text")
                        .inputSchema(Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string"))))
                        .build())
                .callHandler((exchange, request) -> CallToolResult.builder()
                        .addTextContent(String.valueOf(request.arguments().get("text")))
                        .build())
                .build();

        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper()))
                .serverInfo("java-example", "1.0.0")
                .tools(echo, FeedbackTool.specification("java-example"))
                .build();

        Runtime.getRuntime().addShutdownHook(new Thread(server::closeGracefully));
        Thread.currentThread().join();
    }
}
