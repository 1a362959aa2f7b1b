package dev.patchworkmcp.proxy.relay;

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
 * @param opening for {@code initialize} and {@code server/discover}: the request's text, which an era bridge
 *     may need; otherwise null
 */
record PendingRequest(
        String method,
        boolean firstPage,
        String toolName,
        int argumentsBytes,
        long startNanos,
        Instant at,
        String protocolVersion,
        String opening) {

    static PendingRequest of(MessageSummary request, String message) {
        boolean opens = "initialize".equals(request.method()) || "server/discover".equals(request.method());
        boolean call = "tools/call".equals(request.method());
        return new PendingRequest(
                request.method(),
                !request.hasCursor(),
                call ? request.toolName() : null,
                request.argumentsChars(),
                System.nanoTime(),
                call ? Instant.now() : null,
                request.protocolVersion(),
                opens ? message : null);
    }
}
