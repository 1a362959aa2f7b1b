package dev.patchworkmcp.proxy.calls;

import java.util.List;

/**
 * One {@code POST /api/calls} body before it is written. Immutable.
 *
 * @param batchId sent again on a retry, so the sidecar counts the batch once
 * @param serverName the server every call went to
 * @param advertisedTools the upstream's tools when they changed since the last accepted batch, else null
 * @param droppedCalls records dropped since the last accepted batch
 * @param calls the records, oldest first
 */
record CallBatch(
        String batchId, String serverName, List<String> advertisedTools, long droppedCalls, List<CallRecord> calls) {

    CallBatch {
        calls = List.copyOf(calls);
    }
}
