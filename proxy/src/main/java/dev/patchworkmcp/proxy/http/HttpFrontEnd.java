package dev.patchworkmcp.proxy.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.proxy.relay.ProxySessionFactory;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;

/**
 * Serves the proxy to MCP clients over HTTP on Helidon WebServer: Streamable HTTP at {@code /mcp} and the legacy
 * HTTP+SSE transport at {@code /sse} + {@code /message}. Every client session of the handshake era gets its own relay
 * session from the {@link ProxySessionFactory} (one upstream child per session for stdio upstreams), and its
 * Streamable HTTP streams are resumable with {@code Last-Event-ID} ({@link StreamRouter}); clients of MCP 2026-07-28
 * send stateless requests, relayed through one lane per client identity ({@link StatelessEndpoint}). Idle sessions
 * and lanes expire, and their number is bounded ({@link SessionRegistry}). Requests pass a {@link RequestGuard}
 * first (Host/Origin, opt-in CORS, optional bearer token); connections are bounded ({@link ConnectionLimits}), and one
 * whose request asked for {@code Connection: close} is closed once answered. {@code tcp-no-delay} is on: with it off,
 * every streamed response waited about 40 ms for Nagle's algorithm. Thread-safe; {@link #close()} ends every session
 * and stops the server.
 */
public final class HttpFrontEnd implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpFrontEnd.class.getName());
    private static final long MAX_MESSAGE_BYTES = 32L * 1024 * 1024;

    private final WebServer server;
    private final SessionRegistry registry;
    private final HeaderDeadline headerDeadline;

    private HttpFrontEnd(WebServer server, SessionRegistry registry, HeaderDeadline headerDeadline) {
        this.server = server;
        this.registry = registry;
        this.headerDeadline = headerDeadline;
    }

    /**
     * Binds and starts serving; {@link #port()} tells the port (useful with port 0).
     *
     * @param json the process's JSON mapper, for the few messages the front end reads to route them
     */
    public static HttpFrontEnd start(HttpFrontEndOptions options, ProxySessionFactory sessions, ObjectMapper json) {
        refuseTakenPort(options);
        SessionRegistry registry = SessionRegistry.start(sessions, options.sessionIdleTimeout(), options.maxChildren());
        JsonRpcShape shape = new JsonRpcShape(json);
        StreamableHttpEndpoint streamable = new StreamableHttpEndpoint(registry, shape);
        LegacySseEndpoint legacy = new LegacySseEndpoint(registry, shape);
        ConnectionLimits limits = options.connectionLimits();
        HeaderDeadline headerDeadline = new HeaderDeadline(limits.headerTimeout());
        WebServer server = WebServer.builder()
                .maxTcpConnections(limits.connectionBound())
                .idleConnectionTimeout(limits.idleTimeout())
                .idleConnectionPeriod(limits.checkPeriod())
                .protocolsDiscoverServices(false)
                .addProtocol(
                        Http1Config.builder().addReceiveListener(headerDeadline).build())
                .host(options.host())
                .port(options.port())
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .maxPayloadSize(MAX_MESSAGE_BYTES)
                .shutdownGracePeriod(Duration.ofMillis(500))
                .routing(routing -> routing.addFilter(new ConnectionClose())
                        .addFilter(new RequestGuard(options))
                        .post("/mcp", streamable::post)
                        .get("/mcp", streamable::get)
                        .delete("/mcp", streamable::delete)
                        .get("/sse", legacy::stream)
                        .post(LegacySseEndpoint.MESSAGE_PATH, legacy::message))
                .build()
                .start();
        if (!server.isRunning()) {
            headerDeadline.close();
            registry.close();
            throw new PortUnavailableException(options.host(), options.port(), "the web server could not bind it");
        }
        LOG.log(
                System.Logger.Level.INFO,
                "serving MCP on http://{0}:{1,number,#}/mcp (legacy SSE: /sse)",
                options.host(),
                server.port());
        return new HttpFrontEnd(server, registry, headerDeadline);
    }

    /** Fails before anything starts when the port is taken (the web server would log a trace and serve nothing). */
    private static void refuseTakenPort(HttpFrontEndOptions options) {
        if (options.port() == 0) {
            return;
        }
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(new InetSocketAddress(options.host(), options.port()));
        } catch (IOException e) {
            throw new PortUnavailableException(options.host(), options.port(), e.getMessage());
        }
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
        headerDeadline.close();
    }
}
