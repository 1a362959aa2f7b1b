package dev.patchworkmcp.sidecar;

/** The sidecar's configuration is invalid or unsafe; the message names the key and what to do. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
