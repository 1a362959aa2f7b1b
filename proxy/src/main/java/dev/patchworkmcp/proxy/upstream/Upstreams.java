package dev.patchworkmcp.proxy.upstream;

import dev.patchworkmcp.proxy.relay.MessageChannel;
import dev.patchworkmcp.proxy.relay.ProxyJson;

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
     * @param json the process's JSON mapper (the remote transports read ids and methods)
     * @throws UpstreamStartException when it cannot be started
     */
    public static MessageChannel open(UpstreamTarget target, String logName, ProxyJson json) {
        return switch (target) {
            case UpstreamTarget.Stdio stdio -> child(stdio, logName);
            case UpstreamTarget.StreamableHttp http -> new StreamableHttpUpstream(http, json);
            case UpstreamTarget.Sse sse -> new SseUpstream(sse, json);
        };
    }

    /** Starts a child process (it needs no JSON mapper, so it can start before the mapper is made). */
    public static MessageChannel child(UpstreamTarget.Stdio target, String logName) {
        return new StdioUpstream(target, logName);
    }
}
