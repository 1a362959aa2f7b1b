package dev.patchworkmcp.proxy;

import dev.patchworkmcp.proxy.relay.ProxySessionFactory;

/**
 * The seam to the HTTP front end ({@code --serve http}): the HTTP transports' work replaces the body with
 * {@code return dev.patchworkmcp.proxy.http.HttpFrontEnd.start(config, sessions);}, whose result is an
 * {@link AutoCloseable} with {@code port()} that stops the server (and every session's upstream) on close.
 */
final class HttpServing {

    private HttpServing() {}

    static AutoCloseable start(ProxyConfig config, ProxySessionFactory sessions) {
        throw new UsageException("--serve http is not available in this build yet; use --serve stdio (the "
                + "default) and let the MCP client start the proxy");
    }
}
