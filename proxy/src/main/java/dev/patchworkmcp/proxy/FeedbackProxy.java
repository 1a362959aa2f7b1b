package dev.patchworkmcp.proxy;

import dev.patchworkmcp.contract.FeedbackToolContract;
import dev.patchworkmcp.proxy.calls.CallRecordMode;
import dev.patchworkmcp.proxy.calls.CallRecordSender;
import dev.patchworkmcp.proxy.calls.CallSink;
import dev.patchworkmcp.proxy.calls.CallTracing;
import dev.patchworkmcp.proxy.feedback.FeedbackTool;
import dev.patchworkmcp.proxy.http.HttpFrontEnd;
import dev.patchworkmcp.proxy.outbox.Outbox;
import dev.patchworkmcp.proxy.outbox.OutboxSender;
import dev.patchworkmcp.proxy.outbox.RetryPolicy;
import dev.patchworkmcp.proxy.outbox.SidecarClient;
import dev.patchworkmcp.proxy.relay.MessageChannel;
import dev.patchworkmcp.proxy.relay.ProxyJson;
import dev.patchworkmcp.proxy.relay.RelaySession;
import dev.patchworkmcp.proxy.relay.RelaySessions;
import dev.patchworkmcp.proxy.relay.SessionSettings;
import dev.patchworkmcp.proxy.relay.StdioClientChannel;
import dev.patchworkmcp.proxy.upstream.UpstreamTarget;
import dev.patchworkmcp.proxy.upstream.Upstreams;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The composition root of one proxy process: every part is built here, in {@link #start}, and started in this
 * order: the upstream child (when the front end is stdio: it boots while the rest loads), logging, the outbox and
 * its sender, the JSON mapper and the feedback tool, the call records' sender, OpenTelemetry, the relay's session
 * factory, and last the front end (the stdio session, or the HTTP server). {@link #close} stops them in reverse
 * order. No part is started from inside another. Thread-safe.
 */
public final class FeedbackProxy implements AutoCloseable {

    /** The version reported by {@code --version} and in the sidecar's {@code User-Agent}. */
    public static final String VERSION = "0.1.0";

    private static final String USER_AGENT = "patchwork-proxy/" + VERSION;

    /** What was started, in order; closed from the last. */
    private final Deque<AutoCloseable> started;

    private final RelaySession stdioSession;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private FeedbackProxy(Deque<AutoCloseable> started, RelaySession stdioSession) {
        this.started = started;
        this.stdioSession = stdioSession;
    }

    /**
     * Builds and starts the proxy configured by {@code config}: serving one client on {@code clientIn} /
     * {@code clientOut} (stdio), or many over HTTP. Delivery of the outbox starts at once (including reports earlier
     * proxies left there). When a part fails to start, the parts started before it are stopped and the failure is
     * thrown.
     *
     * @throws dev.patchworkmcp.proxy.upstream.UpstreamStartException when the upstream cannot be started
     * @throws dev.patchworkmcp.proxy.http.PortUnavailableException when the HTTP port cannot be bound
     */
    public static FeedbackProxy start(ProxyConfig config, InputStream clientIn, OutputStream clientOut) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            boolean stdio = config.serve() == ProxyConfig.Serve.STDIO;
            MessageChannel child = stdio && config.upstream() instanceof UpstreamTarget.Stdio target
                    ? Upstreams.child(target, config.serverName())
                    : null;
            if (child != null) {
                started.push(child);
            }
            StartupTrace.mark("upstream started");
            StderrLogging.install(config.verbose());
            StartupTrace.mark("logging installed");

            Outbox outbox = new Outbox(config.outbox());
            SidecarClient sidecar = new SidecarClient(config.sidecar(), config.apiKey(), USER_AGENT);
            OutboxSender sender = started(
                    started, OutboxSender.start(outbox, sidecar, RetryPolicy.standard(), config.feedbackWait()));
            ProxyJson json = ProxyJson.load();
            CompletableFuture<FeedbackTool> tool =
                    json.then(mapper -> new FeedbackTool(FeedbackToolContract.load(), outbox, sender, mapper));
            CallSink calls = config.callRecords() == CallRecordMode.OFF
                    ? CallSink.NONE
                    : started(
                            started,
                            CallRecordSender.start(
                                    config.serverName(),
                                    config.callRecords(),
                                    config.sidecar(),
                                    config.apiKey(),
                                    USER_AGENT,
                                    CallRecordSender.Limits.STANDARD));
            CallTracing tracing = started(started, CallTracing.fromEnvironment(System.getenv(), config.serverName()));
            SessionSettings settings =
                    new SessionSettings(config.serverName(), config.toolName(), tool, json, calls, tracing);
            RelaySessions sessions = new RelaySessions(config.upstream(), settings);
            StartupTrace.mark("proxy ready");

            if (stdio) {
                MessageChannel upstream = child != null
                        ? child
                        : started(started, Upstreams.open(config.upstream(), config.serverName(), json));
                RelaySession session =
                        started(started, sessions.attach(new StdioClientChannel(clientIn, clientOut), upstream, null));
                StartupTrace.mark("session attached");
                return new FeedbackProxy(started, session);
            }
            started(started, HttpFrontEnd.start(config.http(), sessions, json.mapper()));
            return new FeedbackProxy(started, null);
        } catch (RuntimeException e) {
            stopAll(started);
            throw e;
        }
    }

    private static <T extends AutoCloseable> T started(Deque<AutoCloseable> started, T part) {
        started.push(part);
        return part;
    }

    /**
     * Waits until the proxy stops: for the stdio front end when the client has gone (its input closed), for HTTP
     * when {@link #close} is called.
     */
    public void awaitStop() throws InterruptedException {
        if (stdioSession == null) {
            stopped.await();
            return;
        }
        while (!stdioSession.awaitClosed(1, TimeUnit.HOURS)) {
            // keep serving
        }
    }

    /**
     * Stops every part, the last started first: the front end (its sessions and their upstreams), OpenTelemetry
     * (exporting the spans and metrics left), the call records' sender (after one last attempt to send what
     * waits), and the outbox sender (undelivered reports stay on disk for the next proxy). Idempotent.
     */
    @Override
    public void close() {
        synchronized (started) {
            stopAll(started);
        }
        stopped.countDown();
    }

    private static void stopAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                System.err.println(
                        "patchwork proxy: stopping " + part.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }
}
