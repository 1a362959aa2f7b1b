package dev.patchworkmcp.proxy.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchworkmcp.proxy.feedback.SessionFacts;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Answers the calls of the feedback tool on one connection, in the era of each call: a modern call names its
 * version, client and capabilities in its own {@code _meta} and gets a modern result ({@code resultType}, the
 * upstream's {@code serverInfo}); a modern call naming an unknown version, or without capabilities, gets the error
 * the 2026-07-28 revision names. The tool may wait (bounded) for the sidecar to take the report, which must not
 * stop the session from reading its client, so each answer is written from a virtual thread of its own.
 * Thread-safe.
 */
final class FeedbackCalls {

    private static final System.Logger LOG = System.getLogger(FeedbackCalls.class.getName());
    /** JSON-RPC invalid params: a 2026-07-28 request without the {@code _meta} that revision requires. */
    static final int INVALID_PARAMS = -32602;

    private final SessionSettings settings;
    private final SessionIdentity identity;
    private final Function<SessionIdentity.Client, SessionFacts> facts;
    private final Consumer<String> toClient;
    private final AtomicInteger due = new AtomicInteger();

    /** @param facts what the session knows, for a report of the given client */
    FeedbackCalls(
            SessionSettings settings,
            SessionIdentity identity,
            Function<SessionIdentity.Client, SessionFacts> facts,
            Consumer<String> toClient) {
        this.settings = settings;
        this.identity = identity;
        this.facts = facts;
        this.toClient = toClient;
    }

    /** How many answers are still being made. */
    int due() {
        return due.get();
    }

    /** @param traceId the trace id of the call's span, put on the report; null when not traced */
    void answer(String message, MessageSummary call, String traceId) {
        String id = call.id();
        String version = call.protocolVersion();
        if (version != null && !ProtocolEra.isKnownModern(version)) {
            toClient.accept(EraText.unsupportedVersion(id, version));
            return;
        }
        JsonNode params = tree(message).path("params");
        if (version != null
                && !params.path("_meta")
                        .path(ProtocolEra.CLIENT_CAPABILITIES_KEY)
                        .isObject()) {
            toClient.accept(EraText.error(
                    id,
                    INVALID_PARAMS,
                    "params._meta names protocol version " + version + " but has no '"
                            + ProtocolEra.CLIENT_CAPABILITIES_KEY + "' object, which that version requires on every"
                            + " request; send the client's capabilities (an empty object if none)",
                    null));
            return;
        }
        JsonNode arguments = params.path("arguments");
        SessionFacts session = facts.apply(identity.clientOf(params, version));
        SessionFacts known = traceId == null ? session : session.withTraceId(traceId);
        due.incrementAndGet();
        Thread.ofVirtual().name("feedback-" + id).start(() -> {
            try {
                ObjectNode result = settings.tool().call(arguments.isMissingNode() ? null : arguments, known);
                if (version != null) {
                    completeModern(result);
                }
                toClient.accept(EraText.result(id, result.toString()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the feedback tool failed", e);
                toClient.accept(EraText.error(
                        id, -32603, "The feedback tool failed inside the proxy; its log has the details.", null));
            } finally {
                due.decrementAndGet();
            }
        });
    }

    /** A result the proxy made, as 2026-07-28 requires it: a result type, and the server's identity when known. */
    private void completeModern(ObjectNode result) {
        result.put("resultType", "complete");
        JsonNode info = identity.serverInfo();
        if (info != null) {
            result.putObject("_meta").set(ProtocolEra.SERVER_INFO_KEY, info);
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
