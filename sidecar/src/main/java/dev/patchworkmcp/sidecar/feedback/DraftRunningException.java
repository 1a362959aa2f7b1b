package dev.patchworkmcp.sidecar.feedback;

/** A draft of this report is already running (here or on another sidecar sharing the database); HTTP 409. */
public final class DraftRunningException extends RuntimeException {
    public DraftRunningException(String reportId) {
        super("A draft for report " + reportId + " is already running; wait for it to finish, then try again.");
    }
}
