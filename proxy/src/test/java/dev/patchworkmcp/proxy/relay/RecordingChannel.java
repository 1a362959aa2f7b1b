package dev.patchworkmcp.proxy.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An in-memory end of the relay: records what the relay sends to it, delivers what the test plays. */
final class RecordingChannel implements MessageChannel {
    private final List<String> received = new ArrayList<>();
    private MessageListener listener;

    @Override
    public void start(MessageListener listener) {
        this.listener = listener;
    }

    @Override
    public synchronized void send(String message) {
        received.add(message);
        notifyAll();
    }

    /** The {@code index}th message received, waiting for it (our tool answers from a thread of its own). */
    synchronized String awaitReceived(int index) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.size() <= index) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no message #" + index + " within 30 s; received " + received);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return received.get(index);
    }

    synchronized List<String> received() {
        return List.copyOf(received);
    }

    void deliver(String message) {
        listener.onMessage(message);
    }

    void closeFromPeer(String reason) {
        listener.onClosed(reason);
    }

    @Override
    public void close() {}
}
