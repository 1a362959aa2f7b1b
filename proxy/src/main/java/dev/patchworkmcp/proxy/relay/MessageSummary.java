package dev.patchworkmcp.proxy.relay;

import java.util.List;

/**
 * What the relay needs to know about one JSON-RPC message, read by {@link JsonRpcPeek} without building a
 * tree. Immutable.
 *
 * @param kind request, notification, response or something else
 * @param id the message's id as JSON text ({@code 7} or {@code "abc"}), or null
 * @param method the method of a request or notification, or null
 * @param toolName {@code params.name} (the tool of a {@code tools/call}), or null
 * @param hasCursor whether {@code params.cursor} is set (a {@code tools/list} for a later page)
 * @param cancelledId {@code params.requestId} as JSON text (of {@code notifications/cancelled}), or null
 * @param argumentsChars length in chars of the JSON text of {@code params.arguments}, 0 when absent
 * @param isError a response with an {@code error} member or a result with {@code isError: true}
 * @param hasNextCursor whether {@code result.nextCursor} is set (not the last page of a list)
 * @param toolNames the names in {@code result.tools}
 * @param toolsArrayEnd char offset of the closing bracket of {@code result.tools}, or -1 when absent
 * @param era what tells the message's protocol era, and where the relay would edit it
 * @param resultChars length in chars of the JSON text of {@code result}, 0 when absent
 * @param errorMessage {@code error.message} of an error response, or null
 */
public record MessageSummary(
        Kind kind,
        String id,
        String method,
        String toolName,
        boolean hasCursor,
        String cancelledId,
        int argumentsChars,
        boolean isError,
        boolean hasNextCursor,
        List<String> toolNames,
        int toolsArrayEnd,
        EraMarks era,
        int resultChars,
        String errorMessage) {

    public MessageSummary {
        toolNames = List.copyOf(toolNames);
    }

    /** The shape of a JSON-RPC message. */
    public enum Kind {
        REQUEST,
        NOTIFICATION,
        RESPONSE,
        /** Not a JSON object or not JSON-RPC; relayed as it is. */
        OTHER
    }

    /** The protocol version named in {@code params._meta} (2026-07-28 requests), or null. */
    public String protocolVersion() {
        return era.protocolVersion();
    }

    static MessageSummary other() {
        return new MessageSummary(
                Kind.OTHER, null, null, null, false, null, 0, false, false, List.of(), -1, EraMarks.NONE, 0, null);
    }
}
