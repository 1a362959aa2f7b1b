package dev.patchworkmcp.sidecar.drafting;

/** A draft run failed (the model, GitHub, the repository, or edits that do not apply); the message says why. */
public class DraftException extends RuntimeException {
    public DraftException(String message) {
        super(message);
    }

    public DraftException(String message, Throwable cause) {
        super(message, cause);
    }
}
