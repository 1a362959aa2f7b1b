package dev.patchworkmcp.proxy.http;

/**
 * A new client would need an upstream beyond {@code --max-children} while every existing one is busy; the client
 * is answered 503 with this message.
 */
final class SessionLimitException extends RuntimeException {
    SessionLimitException(String message) {
        super(message);
    }
}
