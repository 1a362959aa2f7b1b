package dev.patchworkmcp.examples;

/** A tool was called with an argument it does not accept; becomes a tool result with {@code isError: true}. */
public final class InvalidArgumentException extends RuntimeException {
    public InvalidArgumentException(String message) {
        super(message);
    }
}
