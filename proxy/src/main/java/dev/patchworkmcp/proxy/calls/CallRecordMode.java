package dev.patchworkmcp.proxy.calls;

import java.util.Locale;

/** Whether the proxy sends call records to the sidecar, and whether with argument values. */
public enum CallRecordMode {
    /** No records. */
    OFF,
    /** Records with sizes, never values (the default). */
    ON,
    /** Records with the arguments' values too (the sidecar masks secrets in them). */
    VALUES;

    /** Parses {@code off}, {@code on} or {@code values}; null when it is none of them. */
    public static CallRecordMode parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "off", "false" -> OFF;
            case "on", "true" -> ON;
            case "values" -> VALUES;
            default -> null;
        };
    }
}
