package dev.patchworkmcp.proxy.http;

import dev.patchworkmcp.proxy.PythonPeers;
import java.io.IOException;
import java.util.List;

/**
 * The Python MCP peers of the HTTP tests, from the venv {@link PythonPeers} makes: an {@code mcp} 2.x MCPServer with
 * {@code add} and {@code slow} ({@code slow_server.py}) and the {@code mcp} 2.x client over HTTP
 * ({@code http_era_client.py}).
 */
final class HttpPythonPeers {

    private HttpPythonPeers() {}

    static void install() throws IOException, InterruptedException {
        PythonPeers.install();
    }

    /** The MCPServer with {@code add} and {@code slow} (progress, then a wait) over stdio. */
    static List<String> serverStdio() {
        return PythonPeers.script("slow_server.py", List.of());
    }

    /**
     * The {@code mcp} 2.x client against {@code url} in {@code mode} ({@code auto} or {@code legacy}), calling
     * {@code tool} with the JSON {@code arguments}, then the feedback tool; its output is one JSON line.
     */
    static List<String> client(String url, String mode, String clientName, String tool, String arguments) {
        return PythonPeers.script("http_era_client.py", List.of(url, mode, clientName, tool, arguments));
    }
}
