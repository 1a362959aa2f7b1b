package dev.patchworkmcp.proxy.relay;

/**
 * One side of a relay: a duplex stream of JSON-RPC messages, each one complete JSON text (a request,
 * response, notification or batch), passed as received, never re-serialised unless the relay must change
 * it. The client side (stdio, one Streamable HTTP or SSE session) and the upstream side (a child process,
 * a remote server) both implement it. Implementations are thread-safe: {@link #send} may be called from
 * any thread.
 */
public interface MessageChannel extends AutoCloseable {

    /** Begins delivering received messages to {@code listener}; called once. */
    void start(MessageListener listener);

    /** Sends one message; throws {@link ChannelClosedException} once the channel is closed. */
    void send(String message);

    /** Closes the channel and releases what it holds (processes, sockets, threads). Idempotent. */
    @Override
    void close();
}
