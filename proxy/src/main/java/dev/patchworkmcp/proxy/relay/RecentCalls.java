package dev.patchworkmcp.proxy.relay;

import dev.patchworkmcp.proxy.feedback.RecentCall;
import java.util.ArrayDeque;
import java.util.List;

/** The last {@code capacity} tool calls of a session, oldest first. Thread-safe. */
final class RecentCalls {

    private final int capacity;
    private final ArrayDeque<RecentCall> calls;

    RecentCalls(int capacity) {
        this.capacity = capacity;
        this.calls = new ArrayDeque<>(capacity);
    }

    synchronized void add(RecentCall call) {
        if (calls.size() == capacity) {
            calls.removeFirst();
        }
        calls.addLast(call);
    }

    synchronized List<RecentCall> snapshot() {
        return List.copyOf(calls);
    }
}
