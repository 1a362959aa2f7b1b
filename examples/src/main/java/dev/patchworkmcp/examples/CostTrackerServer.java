package dev.patchworkmcp.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The example MCP server: an "AI cost tracker" over stdio, built on the MCP Java SDK. It answers questions about
 * spend by date, service and customer, and cannot search events by their context fields (run id, session id), so an
 * agent asked about one run hits a wall: the gap PatchworkMCP exists to surface.
 *
 * <p>The SDK reads stdin and writes stdout on its own (non-daemon) threads; when the client closes stdin they finish
 * and the JVM exits, so {@code main} only starts the server.
 */
public final class CostTrackerServer {
    static final String NAME = "cost-tracker";
    static final String VERSION = "1.0.0";

    private CostTrackerServer() {}

    public static void main(String[] args) {
        start(System.in, System.out);
    }

    /** Starts the server on the given streams. */
    public static McpSyncServer start(InputStream in, OutputStream out) {
        JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
        CostTools tools = new CostTools(CostLedger.sample(), mapper);
        return McpServer.sync(new StdioServerTransportProvider(mapper, in, out))
                .serverInfo(NAME, VERSION)
                .instructions("Answers questions about AI API spend: totals by date range, service, customer or "
                        + "model (get_costs), and the individual usage events (get_usage_events).")
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools.specifications())
                .build();
    }
}
