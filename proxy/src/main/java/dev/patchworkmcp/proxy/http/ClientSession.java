package dev.patchworkmcp.proxy.http;

import dev.patchworkmcp.proxy.relay.ChannelClosedException;
import dev.patchworkmcp.proxy.relay.MessageChannel;
import dev.patchworkmcp.proxy.relay.MessageListener;
import dev.patchworkmcp.proxy.relay.RelaySession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One MCP session of one HTTP client, as the client side of a relay: messages the client POSTs go to the relay's
 * listener; messages the relay sends go through an {@link Outbound} onto the client's open responses. It keeps
 * what idle expiry needs (last activity, open responses) and ends everything once: its responses, the relay's
 * view of it and the relay session (and so the upstream). Thread-safe.
 */
final class ClientSession implements MessageChannel {
    private static final System.Logger LOG = System.getLogger(ClientSession.class.getName());

    private final String id;
    private final Outbound outbound;
    private final Consumer<ClientSession> onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicInteger openResponses = new AtomicInteger();
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private final List<String> early = new ArrayList<>();
    private volatile MessageListener listener;
    private volatile AutoCloseable relaySession;
    private volatile long lastActivityNanos = System.nanoTime();

    ClientSession(String id, Outbound outbound, Consumer<ClientSession> onEnd) {
        this.id = id;
        this.outbound = outbound;
        this.onEnd = onEnd;
    }

    String id() {
        return id;
    }

    Outbound outbound() {
        return outbound;
    }

    void attach(AutoCloseable relaySession) {
        this.relaySession = relaySession;
        if (ended.get()) {
            closeRelay();
        }
    }

    @Override
    public void start(MessageListener listener) {
        List<String> waiting;
        synchronized (early) {
            this.listener = listener;
            waiting = List.copyOf(early);
            early.clear();
        }
        waiting.forEach(listener::onMessage);
    }

    /** A message from the HTTP client, for the relay. */
    void deliver(String message) {
        touch();
        MessageListener current = listener;
        if (current == null) {
            synchronized (early) {
                if (listener == null) {
                    early.add(message);
                    return;
                }
                current = listener;
            }
        }
        current.onMessage(message);
    }

    @Override
    public void send(String message) {
        if (ended.get()) {
            throw new ChannelClosedException("the HTTP client session " + id + " has ended");
        }
        touch();
        outbound.route(message);
    }

    /** The relay is done with the session (e.g. the upstream exited): end it. */
    @Override
    public void close() {
        end(null);
    }

    /**
     * Ends the session once: ends its responses, tells the relay why (when the end did not come from the relay)
     * and closes the relay session, which stops the upstream.
     */
    void end(String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        outbound.endAll();
        onEnd.accept(this);
        MessageListener current = listener;
        if (reason != null && current != null) {
            current.onClosed(reason);
        }
        closeRelay();
    }

    boolean ended() {
        return ended.get();
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    void responseOpened() {
        openResponses.incrementAndGet();
        touch();
    }

    void responseClosed() {
        openResponses.decrementAndGet();
        touch();
    }

    /** A response answering requests opened: the session is working until it closes. */
    void requestOpened() {
        requestsInFlight.incrementAndGet();
        responseOpened();
    }

    void requestClosed() {
        requestsInFlight.decrementAndGet();
        responseClosed();
    }

    /** False when the relay session's upstream has gone (a stateless lane is then replaced by a fresh one). */
    boolean upstreamRunning() {
        return !(relaySession instanceof RelaySession relay) || relay.upstreamRunning();
    }

    /** True when no response of the session is open. */
    boolean quiet() {
        return openResponses.get() == 0;
    }

    /**
     * True when a request of the session is in flight. A session with only streams open (a GET stream, a
     * subscription) is waiting, not working: it may be closed to make room for another client.
     */
    boolean working() {
        return requestsInFlight.get() > 0;
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** True when no response is open and nothing happened for {@code idleNanos}. */
    boolean idleFor(long idleNanos, long nowNanos) {
        return openResponses.get() == 0 && nowNanos - lastActivityNanos >= idleNanos;
    }

    private void closeRelay() {
        AutoCloseable current = relaySession;
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "closing session " + id + " failed: " + e.getMessage());
        }
    }
}
