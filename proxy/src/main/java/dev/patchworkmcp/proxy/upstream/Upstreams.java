package dev.patchworkmcp.proxy.upstream;

import dev.patchworkmcp.proxy.relay.MessageChannel;

/**
 * Opens the channel to an {@link UpstreamTarget}: a child process for {@link UpstreamTarget.Stdio}, an HTTP
 * client for the remote transports. The remote cases are filled in by the HTTP transports' work
 * ({@code StreamableHttpUpstream}, {@code SseUpstream}); until then they fail with a clear message.
 */
public final class Upstreams {

    private Upstreams() {}

    /**
     * Connects a fresh upstream.
     *
     * @param logName prefix of the child's stderr lines on our stderr, e.g. the server name
     * @throws UpstreamStartException when it cannot be started
     */
    public static MessageChannel open(UpstreamTarget target, String logName) {
        return switch (target) {
            case UpstreamTarget.Stdio stdio -> new StdioUpstream(stdio, logName);
            case UpstreamTarget.StreamableHttp http ->
                notYet("Streamable HTTP", http.url().toString());
            case UpstreamTarget.Sse sse -> notYet("SSE", sse.url().toString());
        };
    }

    private static MessageChannel notYet(String transport, String url) {
        throw new UpstreamStartException(
                "remote upstreams over " + transport + " (" + url + ") are not available in this build yet; "
                        + "wrap a local server with '-- <command>' instead",
                null);
    }
}
