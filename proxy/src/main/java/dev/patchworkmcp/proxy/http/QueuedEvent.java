package dev.patchworkmcp.proxy.http;

/**
 * One message waiting for an open response: its SSE event id ({@code <stream>-<sequence>}, null where the transport
 * has no ids, as legacy SSE and the stateless streams) and the JSON-RPC message text. Immutable.
 */
record QueuedEvent(String id, String data) {

    static QueuedEvent of(String data) {
        return new QueuedEvent(null, data);
    }
}
