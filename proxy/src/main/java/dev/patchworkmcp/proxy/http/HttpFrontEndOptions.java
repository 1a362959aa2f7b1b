package dev.patchworkmcp.proxy.http;

import java.time.Duration;
import java.util.List;

/**
 * How the proxy serves MCP over HTTP ({@code --serve http}). The command line maps to it as follows:
 *
 * <ul>
 *   <li>{@code --host <addr>} to {@link #host} (default {@code 127.0.0.1}; {@code 0.0.0.0} exposes the proxy to
 *       the network, then set a token);
 *   <li>{@code --port <n>} to {@link #port} (default {@value #DEFAULT_PORT}; {@code 0} picks a free one);
 *   <li>{@code --http-token <secret>} (or environment {@code PATCHWORK_PROXY_TOKEN}) to {@link #bearerToken}:
 *       when set, every request needs {@code Authorization: Bearer <secret>} (null: no token);
 *   <li>{@code --session-idle-timeout <duration>} (seconds, or ISO-8601 like {@code PT2M}) to
 *       {@link #sessionIdleTimeout} (default 2 minutes): a Streamable HTTP session, or the lane of a stateless
 *       client, with no request and no open stream for that long is closed and its upstream stopped;
 *   <li>{@code --max-children <n>} to {@link #maxChildren} (default {@value #DEFAULT_MAX_CHILDREN}): at most that
 *       many sessions and lanes, each with its own upstream, at once; a new client first closes the least recently
 *       active one without an open response, and is refused (503) when every one has a response open;
 *   <li>{@code --allowed-host <name>} (repeatable) to {@link #allowedHosts}: extra {@code Host} names accepted
 *       besides the loopback ones, e.g. a reverse proxy's public name;
 *   <li>{@code --allowed-origin <origin>} (repeatable) to {@link #allowedOrigins}: browser origins accepted
 *       besides loopback ones, e.g. {@code http://localhost:6274} is loopback already;
 *   <li>{@code --cors-origin <origin>} (repeatable) to {@link #corsOrigins}: browser origins CORS is enabled for
 *       (preflight answered, {@code Mcp-Session-Id} exposed); each is accepted as an allowed origin too. None by
 *       default: no CORS headers at all;
 *   <li>{@code --max-connections <n>}, {@code --connection-idle-timeout <duration>} and
 *       {@code --header-timeout <duration>} to {@link #connectionLimits} (defaults in
 *       {@link ConnectionLimits#DEFAULTS}: 1000 connections, 60 s, 10 s).
 * </ul>
 *
 * <p>Requests whose {@code Host} or {@code Origin} is not allowed are refused with 403 (DNS-rebinding protection).
 * When bound to a wildcard address with no allowed hosts configured, any {@code Host} is accepted.
 */
public record HttpFrontEndOptions(
        String host,
        int port,
        String bearerToken,
        Duration sessionIdleTimeout,
        List<String> allowedHosts,
        List<String> allowedOrigins,
        List<String> corsOrigins,
        int maxChildren,
        ConnectionLimits connectionLimits) {
    public static final int DEFAULT_PORT = 8787;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);
    public static final int DEFAULT_MAX_CHILDREN = 16;

    public HttpFrontEndOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host must name an address to bind, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        if (bearerToken != null && bearerToken.isBlank()) {
            bearerToken = null;
        }
        if (sessionIdleTimeout == null) {
            sessionIdleTimeout = DEFAULT_IDLE_TIMEOUT;
        }
        if (sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "--session-idle-timeout must be positive, got " + sessionIdleTimeout + "; e.g. PT10M");
        }
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        corsOrigins.forEach(CorsPolicy::validate);
        if (maxChildren < 1) {
            throw new IllegalArgumentException("--max-children must be at least 1, got " + maxChildren);
        }
        if (connectionLimits == null) {
            connectionLimits = ConnectionLimits.DEFAULTS;
        }
    }

    /** With the default bound on children and connection limits. */
    public HttpFrontEndOptions(
            String host,
            int port,
            String bearerToken,
            Duration sessionIdleTimeout,
            List<String> allowedHosts,
            List<String> allowedOrigins,
            List<String> corsOrigins) {
        this(
                host,
                port,
                bearerToken,
                sessionIdleTimeout,
                allowedHosts,
                allowedOrigins,
                corsOrigins,
                DEFAULT_MAX_CHILDREN,
                ConnectionLimits.DEFAULTS);
    }

    /** Without CORS. */
    public HttpFrontEndOptions(
            String host,
            int port,
            String bearerToken,
            Duration sessionIdleTimeout,
            List<String> allowedHosts,
            List<String> allowedOrigins) {
        this(host, port, bearerToken, sessionIdleTimeout, allowedHosts, allowedOrigins, List.of());
    }

    /** Loopback, default port, no token, default idle timeout. */
    public static HttpFrontEndOptions defaults() {
        return new HttpFrontEndOptions("127.0.0.1", DEFAULT_PORT, null, DEFAULT_IDLE_TIMEOUT, List.of(), List.of());
    }

    /** The same options on another port ({@code 0} in tests). */
    public HttpFrontEndOptions withPort(int newPort) {
        return new HttpFrontEndOptions(
                host,
                newPort,
                bearerToken,
                sessionIdleTimeout,
                allowedHosts,
                allowedOrigins,
                corsOrigins,
                maxChildren,
                connectionLimits);
    }

    public HttpFrontEndOptions withBearerToken(String token) {
        return new HttpFrontEndOptions(
                host,
                port,
                token,
                sessionIdleTimeout,
                allowedHosts,
                allowedOrigins,
                corsOrigins,
                maxChildren,
                connectionLimits);
    }

    public HttpFrontEndOptions withSessionIdleTimeout(Duration timeout) {
        return new HttpFrontEndOptions(
                host,
                port,
                bearerToken,
                timeout,
                allowedHosts,
                allowedOrigins,
                corsOrigins,
                maxChildren,
                connectionLimits);
    }

    public HttpFrontEndOptions withCorsOrigins(List<String> origins) {
        return new HttpFrontEndOptions(
                host,
                port,
                bearerToken,
                sessionIdleTimeout,
                allowedHosts,
                allowedOrigins,
                origins,
                maxChildren,
                connectionLimits);
    }

    public HttpFrontEndOptions withMaxChildren(int bound) {
        return new HttpFrontEndOptions(
                host,
                port,
                bearerToken,
                sessionIdleTimeout,
                allowedHosts,
                allowedOrigins,
                corsOrigins,
                bound,
                connectionLimits);
    }

    public HttpFrontEndOptions withConnectionLimits(ConnectionLimits limits) {
        return new HttpFrontEndOptions(
                host,
                port,
                bearerToken,
                sessionIdleTimeout,
                allowedHosts,
                allowedOrigins,
                corsOrigins,
                maxChildren,
                limits);
    }

    @Override
    public String toString() {
        return "HttpFrontEndOptions[host=" + host + ", port=" + port + ", bearerToken="
                + (bearerToken == null ? "unset" : "****") + ", sessionIdleTimeout=" + sessionIdleTimeout
                + ", allowedHosts=" + allowedHosts + ", allowedOrigins=" + allowedOrigins + ", corsOrigins="
                + corsOrigins + ", maxChildren=" + maxChildren + ", connectionLimits=" + connectionLimits + "]";
    }
}
