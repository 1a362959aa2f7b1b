package dev.patchworkmcp.sidecar;

import java.util.Map;

/** The sidecar's settings. Immutable. */
public record SidecarConfig(String host, int port) {

    /** Reads the {@code FEEDBACK_*} environment variables, with the documented defaults. */
    public static SidecarConfig fromEnvironment(Map<String, String> env) {
        return new SidecarConfig(
                env.getOrDefault("FEEDBACK_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("FEEDBACK_PORT", "8099")));
    }
}
