package dev.patchworkmcp.proxy.http;

/**
 * One message for an open response: its SSE event id ({@code <stream>-<sequence>}, null where the transport has
 * no ids, as legacy SSE) and the JSON-RPC message text. Immutable.
 */
record SseEvent(String id, String data) {

    static SseEvent of(String data) {
        return new SseEvent(null, data);
    }
}
