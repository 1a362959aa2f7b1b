package dev.patchworkmcp.proxy.relay;

/**
 * Opens one proxied MCP session for one client connection: connects a fresh upstream and relays between
 * it and {@code client}. The stdio front end calls it once; the HTTP front end once per MCP session
 * (one upstream child per session for stdio upstreams).
 */
@FunctionalInterface
public interface ProxySessionFactory {

    /**
     * @param client the client side of the session
     * @param sessionId the transport's session id ({@code Mcp-Session-Id}), or null for stdio, where the proxy
     *     makes one per connection
     * @return a handle whose {@code close()} ends the session and stops its upstream
     */
    AutoCloseable open(MessageChannel client, String sessionId);
}
