package dev.patchworkmcp.sidecar.http;

import java.util.List;

/**
 * Who may call the API: the ingest key ({@code FEEDBACK_API_KEY}), the admin key ({@code FEEDBACK_ADMIN_KEY}),
 * the extra host names accepted in the {@code Host} header, and the request body limit. Empty keys mean "not
 * set". Immutable; {@link #toString()} never shows a key.
 */
public record AccessConfig(String apiKey, String adminKey, List<String> allowedHosts, long maxBodyBytes) {

    public AccessConfig {
        apiKey = apiKey == null ? "" : apiKey;
        adminKey = adminKey == null ? "" : adminKey;
        allowedHosts = List.copyOf(allowedHosts);
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("The body limit must be at least 1024 bytes, got " + maxBodyBytes);
        }
    }

    /** No keys, only loopback host names, 1 MiB bodies. */
    public static AccessConfig open() {
        return new AccessConfig("", "", List.of(), 1024 * 1024);
    }

    public AccessConfig withApiKey(String key) {
        return new AccessConfig(key, adminKey, allowedHosts, maxBodyBytes);
    }

    public AccessConfig withAdminKey(String key) {
        return new AccessConfig(apiKey, key, allowedHosts, maxBodyBytes);
    }

    public AccessConfig withMaxBodyBytes(long bytes) {
        return new AccessConfig(apiKey, adminKey, allowedHosts, bytes);
    }

    @Override
    public String toString() {
        return "AccessConfig[apiKey=" + (apiKey.isEmpty() ? "unset" : "set") + ", adminKey="
                + (adminKey.isEmpty() ? "unset" : "set") + ", allowedHosts=" + allowedHosts + ", maxBodyBytes="
                + maxBodyBytes + "]";
    }
}
