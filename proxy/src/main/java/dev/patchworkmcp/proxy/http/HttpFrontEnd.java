package dev.patchworkmcp.proxy.http;

import dev.patchworkmcp.proxy.relay.ProxySessionFactory;
import io.helidon.webserver.WebServer;
import java.time.Duration;

/**
 * Serves the proxy to MCP clients over HTTP on Helidon WebServer: Streamable HTTP at {@code /mcp} and the legacy
 * HTTP+SSE transport at {@code /sse} + {@code /message}. Every client session of the handshake era gets its own relay
 * session from the {@link ProxySessionFactory} (one upstream child per session for stdio upstreams), and its
 * Streamable HTTP streams are resumable with {@code Last-Event-ID} ({@link StreamRouter}); clients of MCP 2026-07-28
 * send stateless requests, relayed through one lane per client identity ({@link StatelessEndpoint}). Idle sessions
 * and lanes expire, and their number is bounded ({@link SessionRegistry}). Requests pass a {@link RequestGuard}
 * first (Host/Origin, opt-in CORS, optional bearer token). {@code tcp-no-delay} is on: with it off,
 * every streamed response waited about 40 ms for Nagle's algorithm. Thread-safe; {@link #close()} ends every session
 * and stops the server.
 */
public final class HttpFrontEnd implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpFrontEnd.class.getName());
    private static final long MAX_MESSAGE_BYTES = 32L * 1024 * 1024;

    private final WebServer server;
    private final SessionRegistry registry;

    private HttpFrontEnd(WebServer server, SessionRegistry registry) {
        this.server = server;
        this.registry = registry;
    }

    /** Binds and starts serving; {@link #port()} tells the port (useful with port 0). */
    public static HttpFrontEnd start(HttpFrontEndOptions options, ProxySessionFactory sessions) {
        SessionRegistry registry = new SessionRegistry(sessions, options.sessionIdleTimeout(), options.maxChildren());
        StreamableHttpEndpoint streamable = new StreamableHttpEndpoint(registry);
        LegacySseEndpoint legacy = new LegacySseEndpoint(registry);
        WebServer server = WebServer.builder()
                .host(options.host())
                .port(options.port())
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .maxPayloadSize(MAX_MESSAGE_BYTES)
                .shutdownGracePeriod(Duration.ofMillis(500))
                .routing(routing -> routing.addFilter(new RequestGuard(options))
                        .post("/mcp", streamable::post)
                        .get("/mcp", streamable::get)
                        .delete("/mcp", streamable::delete)
                        .get("/sse", legacy::stream)
                        .post(LegacySseEndpoint.MESSAGE_PATH, legacy::message))
                .build()
                .start();
        LOG.log(
                System.Logger.Level.INFO,
                "serving MCP on http://{0}:{1,number,#}/mcp (legacy SSE: /sse)",
                options.host(),
                server.port());
        return new HttpFrontEnd(server, registry);
    }

    public int port() {
        return server.port();
    }

    /** Live client sessions and stateless lanes (each holds one relay session). */
    public int sessionCount() {
        return registry.size();
    }

    /** Live clients with a request in flight. */
    public int busyClientCount() {
        return registry.busyCount();
    }

    @Override
    public void close() {
        registry.close();
        server.stop();
    }
}
