package dev.patchworkmcp.proxy;

/** The command line or an option's value is wrong; the message says what to change. Leads to exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
