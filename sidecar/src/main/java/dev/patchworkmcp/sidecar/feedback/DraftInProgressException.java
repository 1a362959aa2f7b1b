package dev.patchworkmcp.sidecar.feedback;

/** A draft for this report is already running (on this or another sidecar); answered with 409. */
public final class DraftInProgressException extends RuntimeException {
    public DraftInProgressException(String feedbackId) {
        super("A draft pull request for report '" + feedbackId
                + "' is already being made; wait for it to finish, then try again.");
    }
}
