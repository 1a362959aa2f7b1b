package dev.patchworkmcp.proxy.wrap;

/** The command line or an option's value is wrong; {@code patchwork wrap} exits with 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
