package dev.patchworkmcp.proxy.relay;

/** Receives what a {@link MessageChannel} reads. Called from the channel's reader thread. */
public interface MessageListener {

    /** One complete JSON-RPC message as received. */
    void onMessage(String message);

    /**
     * The channel ended (peer closed, process exited, transport failed). {@code reason} says why in words a
     * person can act on, e.g. "upstream exited with code 1; last stderr: ...".
     */
    void onClosed(String reason);
}
