package dev.patchworkmcp.proxy.relay;

import dev.patchworkmcp.proxy.upstream.UpstreamTarget;
import dev.patchworkmcp.proxy.upstream.Upstreams;

/**
 * The {@link ProxySessionFactory} of the proxy: each {@link #open} connects a fresh upstream (a new child
 * process for a stdio upstream) and starts a {@link RelaySession} between it and the client. Thread-safe.
 */
public final class RelaySessions implements ProxySessionFactory {

    private final UpstreamTarget target;
    private final SessionSettings settings;

    public RelaySessions(UpstreamTarget target, SessionSettings settings) {
        this.target = target;
        this.settings = settings;
    }

    /** @throws dev.patchworkmcp.proxy.upstream.UpstreamStartException when the upstream cannot be started */
    @Override
    public RelaySession open(MessageChannel client, String sessionId) {
        return attach(client, Upstreams.open(target, settings.serverName(), settings.proxyJson()), sessionId);
    }

    /** Starts a session over an upstream opened already (the stdio front end opens it first, to start sooner). */
    public RelaySession attach(MessageChannel client, MessageChannel upstream, String sessionId) {
        RelaySession session = new RelaySession(client, upstream, settings, sessionId);
        session.start();
        return session;
    }
}
