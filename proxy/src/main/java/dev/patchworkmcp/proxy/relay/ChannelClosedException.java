package dev.patchworkmcp.proxy.relay;

/** Thrown by {@link MessageChannel#send} when the channel has already closed. */
public final class ChannelClosedException extends RuntimeException {
    public ChannelClosedException(String message) {
        super(message);
    }
}
