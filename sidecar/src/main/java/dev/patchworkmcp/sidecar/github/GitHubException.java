package dev.patchworkmcp.sidecar.github;

/**
 * A GitHub API call failed. {@link #kind()} tells the failures a caller can act on apart; the message says
 * what happened and what to do, and never contains the token.
 */
public final class GitHubException extends RuntimeException {
    /** The failures told apart. */
    public enum Kind {
        BAD_TOKEN,
        MISSING_PERMISSION,
        RATE_LIMITED,
        REPOSITORY_NOT_FOUND,
        BRANCH_NOT_FOUND,
        FILE_NOT_FOUND,
        BRANCH_EXISTS,
        DRAFT_NOT_ALLOWED,
        UNREACHABLE,
        OTHER
    }

    private final Kind kind;
    private final int status;

    public GitHubException(Kind kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    public GitHubException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = 0;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status GitHub answered, 0 when there was no answer. */
    public int status() {
        return status;
    }
}
