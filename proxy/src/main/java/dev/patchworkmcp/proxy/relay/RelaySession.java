package dev.patchworkmcp.proxy.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.proxy.StartupTrace;
import dev.patchworkmcp.proxy.calls.CallRecord;
import dev.patchworkmcp.proxy.calls.CallSink;
import dev.patchworkmcp.proxy.calls.CallTracing;
import dev.patchworkmcp.proxy.feedback.RecentCall;
import dev.patchworkmcp.proxy.feedback.SessionFacts;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One proxied MCP session: relays every message between a client and an upstream as received, and touches
 * only what the feedback tool needs ({@code initialize}, the {@code tools/list} result, calls of the feedback
 * tool, which it answers itself). It tracks the requests pending in each direction, so that when the upstream
 * dies every pending client request gets a JSON-RPC error saying why, and pairs {@code tools/call} requests
 * with their responses to remember the session's last calls. Thread-safe: the two channels deliver on their
 * own threads.
 */
public final class RelaySession implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RelaySession.class.getName());
    private static final int RECENT_CALLS = 20;
    private static final Duration DRAIN_ON_CLOSE = Duration.ofSeconds(3);
    /** JSON-RPC error code (implementation-defined server error range) for "the upstream is gone". */
    static final int UPSTREAM_GONE = -32000;
    /** JSON-RPC internal error: "the upstream is gone" for clients of the 2026-07-28 era. */
    static final int INTERNAL_ERROR = -32603;

    private final MessageChannel client;
    private final MessageChannel upstream;
    private final SessionSettings settings;
    private final String serverName;
    private final String sessionId;
    private final ToolListing listing;
    private final CallSink calls;
    private final CallTracing tracing;
    private final Map<String, PendingRequest> fromClient = new ConcurrentHashMap<>();
    private final Map<String, Boolean> fromUpstream = new ConcurrentHashMap<>();
    private final RecentCalls recentCalls = new RecentCalls(RECENT_CALLS);
    private final CountDownLatch clientGone = new CountDownLatch(1);
    private volatile boolean upstreamHasTools = true;
    private volatile String upstreamGone;
    private final EraBridge bridge;
    private final SessionIdentity identity;
    private final InputRequiredBridge inputRequired;
    private final ClientRequestBridge clientRequests;
    private final FeedbackCalls feedbackCalls;
    private final AtomicBoolean closing = new AtomicBoolean();
    private boolean traced;
    private boolean tracedUpstream;

    RelaySession(MessageChannel client, MessageChannel upstream, SessionSettings settings, String sessionId) {
        this.client = client;
        this.upstream = upstream;
        this.settings = settings;
        this.serverName = settings.serverName();
        this.sessionId = sessionId != null ? sessionId : newSessionId();
        this.listing =
                new ToolListing(settings.toolName(), name -> settings.tool().definitionJson(name));
        this.calls = settings.calls();
        this.tracing = settings.tracing();
        this.bridge = new EraBridge(settings, this::toClient, this::toUpstreamQuietly);
        this.identity = new SessionIdentity(settings);
        this.inputRequired = new InputRequiredBridge(settings, this::toClient, this::toUpstreamQuietly);
        this.clientRequests = new ClientRequestBridge(settings, this::toClient);
        this.feedbackCalls = new FeedbackCalls(settings, identity, this::factsFor, this::toClient);
    }

    /**
     * A random (version 4) UUID for a stdio session. It labels reports and guards nothing, so it comes from
     * {@link ThreadLocalRandom}: {@code UUID.randomUUID()} seeds a {@code SecureRandom} first, which cost up to
     * 0.2 s of the proxy's start on a busy machine.
     */
    private static String newSessionId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** Begins relaying: upstream first, so nothing it says is missed. */
    void start() {
        upstream.start(new MessageListener() {
            @Override
            public void onMessage(String message) {
                onUpstreamMessage(message);
            }

            @Override
            public void onClosed(String reason) {
                onUpstreamClosed(reason);
            }
        });
        client.start(new MessageListener() {
            @Override
            public void onMessage(String message) {
                onClientMessage(message);
            }

            @Override
            public void onClosed(String reason) {
                LOG.log(System.Logger.Level.DEBUG, "client closed: " + reason);
                awaitPendingAnswers();
                close();
            }
        });
    }

    /** The session id put on reports. */
    public String sessionId() {
        return sessionId;
    }

    /** False once the upstream has gone (exited, or closed its connection); the session then only answers errors. */
    public boolean upstreamRunning() {
        return upstreamGone == null;
    }

    /** Waits until the client has gone and the upstream is stopped; true if that happened in time. */
    public boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
        return clientGone.await(timeout, unit);
    }

    /**
     * A client that closes its input right after its last request (a script piping requests in) still reads the
     * answers: give the upstream a short while to answer what is pending before it is stopped.
     */
    private void awaitPendingAnswers() {
        long deadline = System.nanoTime() + DRAIN_ON_CLOSE.toNanos();
        while (((!fromClient.isEmpty() && upstreamGone == null) || feedbackCalls.due() > 0)
                && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the upstream (its whole process tree) and the client channel. Idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            upstream.close();
            client.close();
        } finally {
            clientGone.countDown();
        }
    }

    // ---- client to upstream ----

    private void onClientMessage(String message) {
        if (!traced) {
            traced = true;
            StartupTrace.mark("first client message");
        }
        if (JsonRpcPeek.isBatch(message)) {
            onClientBatch(message);
            return;
        }
        MessageSummary summary = JsonRpcPeek.of(message);
        String relayed = takeFromClient(message, summary);
        if (relayed != null) {
            toUpstream(relayed, summary.kind() == MessageSummary.Kind.REQUEST ? List.of(summary.id()) : List.of());
        }
    }

    private void onClientBatch(String batch) {
        List<String> kept = new ArrayList<>();
        List<String> requestIds = new ArrayList<>();
        List<String> elements = JsonRpcPeek.elements(batch);
        boolean changed = false;
        for (String element : elements) {
            MessageSummary summary = JsonRpcPeek.of(element);
            String relayed = takeFromClient(element, summary);
            if (relayed != null) {
                kept.add(relayed);
                changed |= relayed != element;
                if (summary.kind() == MessageSummary.Kind.REQUEST) {
                    requestIds.add(summary.id());
                }
            }
        }
        if (!changed && kept.size() == elements.size()) {
            toUpstream(batch, requestIds);
        } else if (!kept.isEmpty()) {
            toUpstream("[" + String.join(",", kept) + "]", requestIds);
        }
    }

    /**
     * Notes what the relay must remember and returns the text to relay: the message itself unless an era bridge
     * must edit it, or null when the proxy answered the message itself.
     */
    private String takeFromClient(String message, MessageSummary summary) {
        switch (summary.kind()) {
            case REQUEST -> {
                if ("tools/call".equals(summary.method())
                        && listing.effectiveName().equals(summary.toolName())) {
                    answerFeedback(message, summary);
                    return null;
                }
                String gone = upstreamGone;
                if (gone != null) {
                    toClient(goneError(summary.id(), summary.protocolVersion(), gone));
                    return null;
                }
                if (inputRequired.waiting() && inputRequired.takeRetry(message, summary)) {
                    return null;
                }
                String relayed = bridge.onClientRequest(message, summary);
                if (relayed == null) {
                    return null;
                }
                if ("initialize".equals(summary.method())) {
                    identity.initializeSent(message);
                } else if (summary.protocolVersion() != null) {
                    identity.modernRequestSent(message);
                }
                PendingRequest pending = PendingRequest.of(
                        summary, relayed, bridge.mode() == EraBridge.Mode.LEGACY_CLIENT || calls.keepsRequestText());
                fromClient.put(summary.id(), pending);
                if (bridge.holds(relayed, summary)) {
                    return null;
                }
                return tracing == CallTracing.NONE ? relayed : traced(relayed, summary, pending);
            }
            case NOTIFICATION -> {
                if ("notifications/cancelled".equals(summary.method()) && summary.cancelledId() != null) {
                    fromClient.remove(summary.cancelledId());
                }
                return bridge.relaysNotification(summary) ? message : null;
            }
            case RESPONSE -> {
                if (clientRequests.owns(summary)) {
                    ClientRequestBridge.Retried retried = clientRequests.onClientResponse(message, summary);
                    if (retried != null) {
                        fromClient.put(retried.callId(), retried.request());
                        toUpstreamQuietly(retried.text());
                    }
                    return null;
                }
                fromUpstream.remove(summary.id());
            }
            case OTHER -> {}
        }
        return message;
    }

    /**
     * Answers a call of the feedback tool. When traced, its span is ended once the answer is under way (its
     * duration covers reading the call, not the report's delivery), and the report carries its trace id.
     */
    private void answerFeedback(String message, MessageSummary summary) {
        if (tracing == CallTracing.NONE) {
            feedbackCalls.answer(message, summary, null);
            return;
        }
        long start = System.nanoTime();
        CallTracing.Span span = tracing.start(tracedRequest(summary, message));
        feedbackCalls.answer(message, summary, span == null ? null : span.traceId());
        if (span != null) {
            SessionIdentity.Client client = identity.clientOf(MissingNode.getInstance(), null);
            span.end(new CallRecord(
                    summary.method(),
                    summary.toolName(),
                    new CallRecord.Client(client.name(), client.version(), tracedVersion(summary)),
                    sessionId,
                    Instant.now(),
                    (System.nanoTime() - start) / 1_000,
                    CallRecord.Outcome.OK,
                    0,
                    null,
                    summary.argumentsChars(),
                    0,
                    null));
        }
    }

    private CallTracing.TracedRequest tracedRequest(MessageSummary summary, String text) {
        return new CallTracing.TracedRequest(
                summary.method(),
                "tools/call".equals(summary.method()) ? summary.toolName() : null,
                summary.id(),
                sessionId,
                tracedVersion(summary),
                client instanceof StdioClientChannel ? "pipe" : "tcp",
                text);
    }

    private String tracedVersion(MessageSummary summary) {
        return summary.protocolVersion() != null
                ? summary.protocolVersion()
                : identity.clientOf(MissingNode.getInstance(), null).protocolVersion();
    }

    /** Starts the request's span; the text to relay names it in {@code _meta.traceparent}. */
    private String traced(String relayed, MessageSummary summary, PendingRequest pending) {
        CallTracing.Span span = tracing.start(tracedRequest(summary, relayed));
        if (span == null) {
            return relayed;
        }
        fromClient.replace(summary.id(), pending, pending.withSpan(span));
        return span.relayedText();
    }

    private void toUpstream(String message, List<String> requestIds) {
        try {
            upstream.send(message);
        } catch (ChannelClosedException e) {
            String reason = upstreamGone != null ? upstreamGone : e.getMessage();
            for (String id : requestIds) {
                PendingRequest request = fromClient.remove(id);
                if (request != null) {
                    toClient(goneError(id, request.protocolVersion(), reason));
                }
            }
        }
    }

    /** Sends a message of the proxy's own (an era bridge's) to the upstream; a gone upstream is reported already. */
    private void toUpstreamQuietly(String message) {
        try {
            upstream.send(message);
        } catch (ChannelClosedException e) {
            LOG.log(System.Logger.Level.DEBUG, "upstream gone; dropped a message: " + e.getMessage());
        }
    }

    /** What the session knows, for a report of the given client. */
    private SessionFacts factsFor(SessionIdentity.Client caller) {
        return new SessionFacts(
                serverName,
                sessionId,
                caller.name(),
                caller.version(),
                caller.protocolVersion(),
                listing.upstreamTools(),
                recentCalls.snapshot(),
                null);
    }

    // ---- upstream to client ----

    private void onUpstreamMessage(String message) {
        if (!tracedUpstream) {
            tracedUpstream = true;
            StartupTrace.mark("first upstream message");
        }
        if (!JsonRpcPeek.isBatch(message)) {
            String out = takeFromUpstream(message, JsonRpcPeek.of(message));
            if (out != null) {
                toClient(out);
            }
            return;
        }
        List<String> elements = JsonRpcPeek.elements(message);
        List<String> relayed = new ArrayList<>(elements.size());
        boolean changed = false;
        for (String element : elements) {
            String out = takeFromUpstream(element, JsonRpcPeek.of(element));
            changed |= out != element;
            if (out != null) {
                relayed.add(out);
            }
        }
        if (!changed) {
            toClient(message);
        } else if (!relayed.isEmpty()) {
            toClient("[" + String.join(",", relayed) + "]");
        }
    }

    /**
     * The text to relay for one message from the upstream: the message itself unless the relay must edit it, or
     * null when it is for the proxy only.
     */
    private String takeFromUpstream(String message, MessageSummary summary) {
        switch (summary.kind()) {
            case RESPONSE -> {
                if (bridge.owns(summary)) {
                    onBridgeOpened(bridge.onOwnResponse(message, settings.tool().instructionsSentence()));
                    return null;
                }
                PendingRequest request = fromClient.remove(summary.id());
                if (request == null) {
                    return message;
                }
                if ("input_required".equals(summary.era().resultType())
                        && bridge.mode() == EraBridge.Mode.LEGACY_CLIENT
                        && clientRequests.carry(message, summary.id(), request)) {
                    return null;
                }
                recordCall(request, summary, message);
                String out = switch (request.method()) {
                    case "initialize", "server/discover" -> announce(message, summary, request);
                    case "tools/list" -> rewriteToolsList(message, summary, request);
                    default -> message;
                };
                return out == null
                        ? null
                        : inputRequired.finalResponse(bridge.toClientResult(out, summary, request), summary.id());
            }
            case REQUEST -> {
                String call = bridge.mode() == EraBridge.Mode.MODERN_CLIENT && !"ping".equals(summary.method())
                        ? InputRequiredBridge.newestPendingCall(fromClient)
                        : null;
                if (call != null) {
                    inputRequired.ask(message, summary, call);
                    return null;
                }
                if (!bridge.relaysUpstreamRequest(summary)) {
                    return null;
                }
                fromUpstream.put(summary.id(), Boolean.TRUE);
            }
            case NOTIFICATION -> {
                if (!bridge.relaysUpstreamNotification(summary)) {
                    return null;
                }
            }
            case OTHER -> {}
        }
        return message;
    }

    /**
     * The upstream's answer to {@code initialize} or {@code server/discover}: the feedback tool announced in it;
     * when the upstream refused it, an era bridge may take over (then nothing is relayed now).
     */
    private String announce(String message, MessageSummary summary, PendingRequest request) {
        if (summary.isError()) {
            return bridge.tryOpening(message, summary, request, request.text()) ? null : message;
        }
        JsonNode root = tree(message);
        if (!(root.path("result") instanceof ObjectNode result)) {
            return message;
        }
        identity.announced(request.method(), result);
        upstreamHasTools = Announcement.announce(result, settings.tool().instructionsSentence());
        return root.toString();
    }

    private void onBridgeOpened(EraBridge.Opened opened) {
        if (opened != null) {
            upstreamHasTools = opened.hadTools();
            identity.serverInfo(opened.serverInfo());
        }
    }

    private String rewriteToolsList(String message, MessageSummary summary, PendingRequest request) {
        if (summary.isError()) {
            if (!upstreamHasTools && request.firstPage()) {
                return EraText.result(summary.id(), listing.onlyOurs(request.protocolVersion() != null));
            }
            return message;
        }
        String out = listing.onPage(message, summary, request.firstPage());
        if (!summary.hasNextCursor()) {
            calls.advertised(listing.upstreamTools());
        }
        return out;
    }

    /** Remembers a tool call for reports, and hands every relayed call's record to the call sink. */
    private void recordCall(PendingRequest request, MessageSummary response, String message) {
        long latencyMicros = (System.nanoTime() - request.startNanos()) / 1_000;
        if ("tools/call".equals(request.method())) {
            recentCalls.add(new RecentCall(
                    request.toolName(),
                    request.argumentsBytes(),
                    response.isError(),
                    latencyMicros / 1000,
                    request.at()));
        }
        if (calls == CallSink.NONE && request.span() == null) {
            return;
        }
        boolean rpcError = response.errorMessage() != null || (response.isError() && response.resultChars() == 0);
        CallRecord.Outcome outcome = !response.isError()
                ? CallRecord.Outcome.OK
                : rpcError ? CallRecord.Outcome.RPC_ERROR : CallRecord.Outcome.TOOL_ERROR;
        String errorMessage = switch (outcome) {
            case OK -> null;
            case RPC_ERROR -> response.errorMessage();
            case TOOL_ERROR -> JsonRpcPeek.firstResultText(message);
        };
        SessionIdentity.Client client = identity.clientOf(MissingNode.getInstance(), null);
        String version = request.protocolVersion() != null ? request.protocolVersion() : client.protocolVersion();
        CallRecord call = new CallRecord(
                request.method(),
                request.toolName(),
                new CallRecord.Client(client.name(), client.version(), version),
                sessionId,
                request.at(),
                latencyMicros,
                outcome,
                response.era().errorCode(),
                errorMessage,
                request.argumentsBytes(),
                response.resultChars(),
                calls.keepsRequestText() ? request.text() : null);
        calls.record(call);
        if (request.span() != null) {
            request.span().end(call);
        }
    }

    private void onUpstreamClosed(String reason) {
        upstreamGone = reason;
        if (!closing.get()) {
            LOG.log(System.Logger.Level.WARNING, reason);
        }
        for (String id : List.copyOf(fromClient.keySet())) {
            PendingRequest request = fromClient.remove(id);
            if (request != null) {
                String error = goneError(inputRequired.clientId(id), request.protocolVersion(), reason);
                toClient(error);
                // Recorded and traced like any answer: the call ended in that error.
                recordCall(request, JsonRpcPeek.of(error), error);
            }
        }
    }

    /**
     * The error for a request the upstream cannot answer. Legacy clients get the code they always got; the
     * 2026-07-28 revision asks new implementations not to use -32000..-32019, so modern ones get internal error.
     */
    private String goneError(String id, String requestVersion, String reason) {
        String message = "The MCP server behind this proxy is not running: " + reason
                + ". Restart the server (reconnect it in your MCP client); the proxy's stderr has its log.";
        return EraText.error(
                id,
                requestVersion == null ? UPSTREAM_GONE : INTERNAL_ERROR,
                message,
                "{\"reason\":" + JsonRpcPeek.quote(reason) + "}");
    }

    private void toClient(String message) {
        try {
            client.send(message);
        } catch (ChannelClosedException e) {
            LOG.log(System.Logger.Level.DEBUG, "client gone; dropped a message: " + e.getMessage());
        }
    }

    private JsonNode tree(String message) {
        try {
            return settings.json().readTree(message);
        } catch (IOException e) {
            return settings.json().missingNode();
        }
    }
}
