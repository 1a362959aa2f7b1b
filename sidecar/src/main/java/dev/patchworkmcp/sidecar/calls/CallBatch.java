package dev.patchworkmcp.sidecar.calls;

import java.util.List;

/**
 * A validated batch from one proxy for one server: its id (a retry carries the same one), the calls, the tools
 * the server last advertised (null when the batch does not say) and how many calls the sender dropped since its
 * previous batch. Immutable.
 */
public record CallBatch(
        String batchId, String serverName, List<String> advertisedTools, long droppedCalls, List<CallRecord> calls) {
    public CallBatch {
        advertisedTools = advertisedTools == null ? null : List.copyOf(advertisedTools);
        calls = List.copyOf(calls);
    }
}
