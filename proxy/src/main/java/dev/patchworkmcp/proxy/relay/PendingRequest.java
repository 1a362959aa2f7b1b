package dev.patchworkmcp.proxy.relay;

import dev.patchworkmcp.proxy.calls.CallTracing;
import java.time.Instant;

/**
 * A client request the upstream has not answered yet: what the relay must remember to treat the answer.
 * Immutable.
 *
 * @param method the request's method
 * @param firstPage for {@code tools/list}: no cursor, so a new listing starts
 * @param toolName for {@code tools/call}: the tool
 * @param argumentsBytes for {@code tools/call}: size of the arguments' JSON text
 * @param startNanos {@link System#nanoTime()} when it was relayed
 * @param at wall-clock time when it was relayed
 * @param protocolVersion the version its {@code _meta} names (a modern request), or null
 * @param text the request's text as relayed, kept only where an era bridge may need it ({@code initialize},
 *     {@code server/discover}, and requests that a modern-only upstream may answer with {@code input_required}
 *     for a legacy client, or every request when call records carry values); otherwise null
 * @param span its OpenTelemetry span, or null when it is not traced
 */
record PendingRequest(
        String method,
        boolean firstPage,
        String toolName,
        int argumentsBytes,
        long startNanos,
        Instant at,
        String protocolVersion,
        String text,
        CallTracing.Span span) {

    /** @param keepText whether to keep the text of every request, not only of the openings */
    static PendingRequest of(MessageSummary request, String message, boolean keepText) {
        boolean opens = "initialize".equals(request.method()) || "server/discover".equals(request.method());
        boolean call = "tools/call".equals(request.method());
        return new PendingRequest(
                request.method(),
                !request.hasCursor(),
                call ? request.toolName() : null,
                request.argumentsChars(),
                System.nanoTime(),
                Instant.now(),
                request.protocolVersion(),
                opens || keepText ? message : null,
                null);
    }

    /** The same request, traced by {@code newSpan}. */
    PendingRequest withSpan(CallTracing.Span newSpan) {
        return new PendingRequest(
                method, firstPage, toolName, argumentsBytes, startNanos, at, protocolVersion, text, newSpan);
    }
}
