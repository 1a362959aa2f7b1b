package dev.patchworkmcp.sidecar.drafting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The process environment drafting reads: {@code GITHUB_API_URL}, {@code ANTHROPIC_BASE_URL},
 * {@code OPENAI_BASE_URL} and {@code FEEDBACK_REPO_PATH}. A Java system property of the same name wins over the
 * environment variable, as in the sidecar's Helidon configuration.
 */
public final class DraftEnvironment {
    static final List<String> NAMES =
            List.of("GITHUB_API_URL", "ANTHROPIC_BASE_URL", "OPENAI_BASE_URL", "FEEDBACK_REPO_PATH");

    private DraftEnvironment() {}

    /** The variables now in force, system properties over environment variables. */
    public static Map<String, String> current() {
        Map<String, String> values = new HashMap<>();
        for (String name : NAMES) {
            String value = System.getProperty(name, System.getenv(name));
            if (value != null && !value.isBlank()) {
                values.put(name, value.strip());
            }
        }
        return values;
    }
}
