package dev.patchworkmcp.proxy.feedback;

import java.time.Instant;

/**
 * One upstream tool call of the session, as the relay saw it go by. Immutable.
 *
 * @param tool the tool's name
 * @param argumentsBytes size of the JSON text of its arguments
 * @param isError whether it answered a JSON-RPC error or a result with {@code isError: true}
 * @param latencyMs time from request to response in milliseconds
 * @param at when the request was sent
 */
public record RecentCall(String tool, int argumentsBytes, boolean isError, long latencyMs, Instant at) {}
