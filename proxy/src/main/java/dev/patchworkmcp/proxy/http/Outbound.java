package dev.patchworkmcp.proxy.http;

/** Where the messages the relay sends to one HTTP client session go: onto its open responses. Thread-safe. */
interface Outbound {

    /** Queues one message from the upstream side on the right open response. */
    void route(String message);

    /** Ends every open response of the session. */
    void endAll();
}
