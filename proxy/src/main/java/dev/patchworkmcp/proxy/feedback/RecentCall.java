package dev.patchworkmcp.proxy.feedback;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/**
 * One upstream tool call of the session, as the relay saw it go by; a report's {@code context.recent_calls} lists
 * them in this shape (snake_case names, {@code at} in ISO-8601). Immutable.
 *
 * @param tool the tool's name
 * @param argumentsBytes size of the JSON text of its arguments
 * @param isError whether it answered a JSON-RPC error or a result with {@code isError: true}
 * @param latencyMs time from request to response in milliseconds
 * @param at when the request was sent
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecentCall(
        String tool,
        int argumentsBytes,
        boolean isError,
        long latencyMs,
        @JsonSerialize(using = ToStringSerializer.class) Instant at) {}
