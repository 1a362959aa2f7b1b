package dev.patchworkmcp.proxy.http;

/** A new HTTP client session could not get its upstream; the client is answered 502 with this message. */
final class UpstreamUnavailableException extends RuntimeException {
    UpstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
