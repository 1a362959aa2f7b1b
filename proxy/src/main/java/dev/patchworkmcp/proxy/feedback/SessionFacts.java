package dev.patchworkmcp.proxy.feedback;

import java.util.List;

/**
 * What the relay knows about one session when the agent calls the feedback tool: the facts a report is
 * enriched with. Immutable; fields the client never sent are null.
 *
 * @param serverName the wrapped server's name
 * @param sessionId the MCP session id, or the one the proxy made for this connection
 * @param clientName {@code clientInfo.name} of {@code initialize}
 * @param clientVersion {@code clientInfo.version} of {@code initialize}
 * @param protocolVersion the negotiated protocol version
 * @param tools the upstream's tool names from the last complete {@code tools/list}
 * @param recentCalls the session's last tool calls, oldest first
 * @param traceId the OpenTelemetry trace id of the feedback call, or null when it is not traced
 */
public record SessionFacts(
        String serverName,
        String sessionId,
        String clientName,
        String clientVersion,
        String protocolVersion,
        List<String> tools,
        List<RecentCall> recentCalls,
        String traceId) {

    public SessionFacts {
        tools = List.copyOf(tools);
        recentCalls = List.copyOf(recentCalls);
    }

    /** The same facts for a call in the given trace. */
    public SessionFacts withTraceId(String newTraceId) {
        return new SessionFacts(
                serverName, sessionId, clientName, clientVersion, protocolVersion, tools, recentCalls, newTraceId);
    }
}
