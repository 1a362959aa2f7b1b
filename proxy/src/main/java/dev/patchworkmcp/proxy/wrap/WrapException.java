package dev.patchworkmcp.proxy.wrap;

/** Reading, backing up or writing a client config failed; {@code patchwork wrap} exits with 1. */
public final class WrapException extends RuntimeException {
    public WrapException(String message) {
        super(message);
    }

    public WrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
