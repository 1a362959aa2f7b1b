package dev.patchworkmcp.sidecar.drafting;

import java.util.List;

/** Drafting cannot start: settings are missing or invalid. {@code field} names the first one to fix (HTTP 400). */
public final class DraftNotConfiguredException extends RuntimeException {
    private final String field;
    private final List<String> allowed;

    public DraftNotConfiguredException(String message, String field, List<String> allowed) {
        super(message);
        this.field = field;
        this.allowed = List.copyOf(allowed);
    }

    public String field() {
        return field;
    }

    public List<String> allowed() {
        return allowed;
    }
}
