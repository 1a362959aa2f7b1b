package dev.patchworkmcp.proxy;

import dev.patchworkmcp.contract.FeedbackToolContract;
import dev.patchworkmcp.proxy.calls.CallRecordMode;
import dev.patchworkmcp.proxy.calls.CallRecordSender;
import dev.patchworkmcp.proxy.calls.CallSink;
import dev.patchworkmcp.proxy.calls.CallTracing;
import dev.patchworkmcp.proxy.feedback.FeedbackTool;
import dev.patchworkmcp.proxy.outbox.Outbox;
import dev.patchworkmcp.proxy.outbox.OutboxSender;
import dev.patchworkmcp.proxy.outbox.RetryPolicy;
import dev.patchworkmcp.proxy.outbox.SidecarClient;
import dev.patchworkmcp.proxy.relay.ProxyJson;
import dev.patchworkmcp.proxy.relay.RelaySessions;
import dev.patchworkmcp.proxy.relay.SessionSettings;
import java.util.concurrent.CompletableFuture;

/**
 * The composition root of one proxy process: the outbox and its sender, the feedback tool and the session
 * factory every front end opens sessions with. {@link Main} and the tests both start the proxy through it.
 * Thread-safe.
 */
public final class FeedbackProxy implements AutoCloseable {

    /** The version reported by {@code --version} and in the sidecar's {@code User-Agent}. */
    public static final String VERSION = "0.1.0";

    private final OutboxSender sender;
    private final CallRecordSender callRecords;
    private final CallTracing tracing;
    private final RelaySessions sessions;

    private FeedbackProxy(
            OutboxSender sender, CallRecordSender callRecords, CallTracing tracing, RelaySessions sessions) {
        this.sender = sender;
        this.callRecords = callRecords;
        this.tracing = tracing;
        this.sessions = sessions;
    }

    /**
     * Builds the proxy and starts delivering the outbox (including reports earlier proxies left there). Returns at
     * once: the tool contract loads on the mapper's background thread, since the first messages of a session do
     * not need it.
     */
    public static FeedbackProxy start(ProxyConfig config, ProxyJson json) {
        Outbox outbox = new Outbox(config.outbox());
        SidecarClient sidecar = new SidecarClient(config.sidecar(), config.apiKey(), "patchwork-proxy/" + VERSION);
        OutboxSender sender = OutboxSender.start(outbox, sidecar, RetryPolicy.standard(), config.feedbackWait());
        CompletableFuture<FeedbackTool> tool =
                json.then(mapper -> new FeedbackTool(FeedbackToolContract.load(), outbox, sender, mapper));
        CallRecordSender callRecords = config.callRecords() == CallRecordMode.OFF
                ? null
                : CallRecordSender.start(
                        config.serverName(),
                        config.callRecords(),
                        config.sidecar(),
                        config.apiKey(),
                        "patchwork-proxy/" + VERSION,
                        CallRecordSender.Limits.STANDARD);
        CallTracing tracing = CallTracing.fromEnvironment(System.getenv(), config.serverName());
        SessionSettings settings = new SessionSettings(
                config.serverName(),
                config.toolName(),
                tool,
                json,
                callRecords == null ? CallSink.NONE : callRecords,
                tracing);
        return new FeedbackProxy(sender, callRecords, tracing, new RelaySessions(config.upstream(), settings));
    }

    /** Opens sessions: one per client connection. */
    public RelaySessions sessions() {
        return sessions;
    }

    /**
     * Stops the outbox sender (undelivered reports stay on disk for the next proxy) and the call records' sender
     * (after one last attempt to send what waits), and exports the spans and metrics left.
     */
    @Override
    public void close() {
        sender.close();
        if (callRecords != null) {
            callRecords.close();
        }
        tracing.close();
    }
}
