package dev.patchworkmcp.sidecar.localgit;

/** A local git repository could not be opened, read or written; the message names the path and the fix. */
public final class LocalGitException extends RuntimeException {
    public LocalGitException(String message) {
        super(message);
    }

    public LocalGitException(String message, Throwable cause) {
        super(message, cause);
    }
}
