package dev.patchworkmcp.proxy.calls;

import java.util.List;

/**
 * Where the relay hands the records of the calls it relayed. Implementations return at once: the relay's
 * thread never waits on the network. Thread-safe.
 */
public interface CallSink {

    /** Records nothing: call records are off. */
    CallSink NONE = new CallSink() {
        @Override
        public void record(CallRecord call) {}

        @Override
        public void advertised(List<String> tools) {}

        @Override
        public boolean keepsRequestText() {
            return false;
        }
    };

    /** Takes one record. */
    void record(CallRecord call);

    /** The upstream's tool names from its latest complete {@code tools/list}. */
    void advertised(List<String> tools);

    /** Whether records should carry the request's text (values are sent). */
    boolean keepsRequestText();
}
