package dev.patchworkmcp.commandline;

/**
 * The command line or an option's value is wrong; the message quotes the offending value and says what to change.
 * Every command exits with code 2 on it.
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
