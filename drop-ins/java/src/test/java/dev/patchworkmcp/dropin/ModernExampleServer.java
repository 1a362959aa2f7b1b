package dev.patchworkmcp.dropin;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import io.modelcontextprotocol.modern.server.transport.StdioMcpTransport;
import java.util.List;

/** A stdio server on the MCP Java SDK's MCP 2026-07-28 server with the drop-in, as a user would write it. */
public final class ModernExampleServer {

    private ModernExampleServer() {}

    public static void main(String[] args) throws InterruptedException {
        List<McpSyncTool> tools = List.of(FeedbackTool.modernTool("java-modern-example"));
        McpSyncToolRepository repository = new McpSyncToolRepository() {
            @Override
            public ToolsPage list(McpRequestContext context, String cursor) {
                return ToolsPage.of(tools.stream().map(McpSyncTool::definition).toList());
            }

            @Override
            public McpSyncTool find(McpRequestContext context, String name) {
                return tools.stream()
                        .filter(tool -> tool.definition().name().equals(name))
                        .findFirst()
                        .orElse(null);
            }
        };
        McpServer server = McpServer.builder()
                .serverInfo(McpSchema.Implementation.builder("java-modern-example", "1.0.0")
                        .build())
                .feature(ToolsFeature.ofSync(repository))
                .build();
        new StdioMcpTransport(server, McpJsonDefaults.getMapper()).start().block();
        Thread.currentThread().join();
    }
}
