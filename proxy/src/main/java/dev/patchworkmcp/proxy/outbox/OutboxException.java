package dev.patchworkmcp.proxy.outbox;

/** A report could not be written to the outbox; the message names the directory and the cause. */
public final class OutboxException extends RuntimeException {
    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
