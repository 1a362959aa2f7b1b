package dev.patchworkmcp.proxy.upstream;

import dev.patchworkmcp.proxy.relay.MessageChannel;

/**
 * Opens the channel to an {@link UpstreamTarget}: a child process for {@link UpstreamTarget.Stdio}, an HTTP
 * client for the remote transports ({@link StreamableHttpUpstream}, {@link SseUpstream}).
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
            case UpstreamTarget.StreamableHttp http -> new StreamableHttpUpstream(http);
            case UpstreamTarget.Sse sse -> new SseUpstream(sse);
        };
    }
}
