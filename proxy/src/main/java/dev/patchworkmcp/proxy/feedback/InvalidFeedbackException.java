package dev.patchworkmcp.proxy.feedback;

/** The agent's feedback arguments break the contract; the message says which field and what to send. */
public final class InvalidFeedbackException extends RuntimeException {
    public InvalidFeedbackException(String message) {
        super(message);
    }
}
