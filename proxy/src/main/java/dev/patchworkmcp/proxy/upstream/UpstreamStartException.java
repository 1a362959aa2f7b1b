package dev.patchworkmcp.proxy.upstream;

/** The upstream server could not be started or reached; the message says what to check. */
public final class UpstreamStartException extends RuntimeException {
    public UpstreamStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
