package dev.patchworkmcp.sidecar;

import io.helidon.config.Config;
import java.util.Locale;

/**
 * Every configuration key of the sidecar: its {@code application.yaml} key, its environment variable (which
 * wins) and its default. docs/configuration.md lists the same rows.
 */
enum ConfigKey {
    HOST("sidecar.host", "FEEDBACK_HOST", "127.0.0.1"),
    PORT("sidecar.port", "FEEDBACK_PORT", "8099"),
    DB_PATH("sidecar.db.path", "FEEDBACK_DB_PATH", "feedback.db"),
    DB_URL("sidecar.db.url", "FEEDBACK_DB_URL", ""),
    DB_USER("sidecar.db.user", "FEEDBACK_DB_USER", ""),
    DB_PASSWORD("sidecar.db.password", "FEEDBACK_DB_PASSWORD", ""),
    DB_POOL_SIZE("sidecar.db.pool-size", "FEEDBACK_DB_POOL_SIZE", "8"),
    API_KEY("sidecar.api-key", "FEEDBACK_API_KEY", ""),
    ADMIN_KEY("sidecar.admin-key", "FEEDBACK_ADMIN_KEY", ""),
    ALLOWED_HOSTS("sidecar.allowed-hosts", "FEEDBACK_ALLOWED_HOSTS", ""),
    MAX_BODY_BYTES("sidecar.max-body-bytes", "FEEDBACK_MAX_BODY_BYTES", "1048576"),
    SECRETS_FILE("sidecar.secrets-file", "FEEDBACK_SECRETS_FILE", ""),
    HEARTBEAT_SECONDS("sidecar.heartbeat-seconds", "FEEDBACK_HEARTBEAT_SECONDS", "15"),
    // Server limits (docs/server-limits.md).
    MAX_CONNECTIONS("sidecar.max-connections", "FEEDBACK_MAX_CONNECTIONS", "1000"),
    IDLE_TIMEOUT_SECONDS("sidecar.idle-timeout-seconds", "FEEDBACK_IDLE_TIMEOUT_SECONDS", "60"),
    HEADER_TIMEOUT_SECONDS("sidecar.header-timeout-seconds", "FEEDBACK_HEADER_TIMEOUT_SECONDS", "10"),
    // Drafting (issue 5): where the services are, and the local working copy when the settings name none.
    GITHUB_API_URL("sidecar.drafting.github-api-url", "GITHUB_API_URL", ""),
    ANTHROPIC_BASE_URL("sidecar.drafting.anthropic-base-url", "ANTHROPIC_BASE_URL", ""),
    OPENAI_BASE_URL("sidecar.drafting.openai-base-url", "OPENAI_BASE_URL", ""),
    REPO_PATH("sidecar.drafting.repo-path", "FEEDBACK_REPO_PATH", ""),
    // Gap intelligence; documented in docs/clustering.md.
    CLUSTERING("sidecar.insight.clustering", "FEEDBACK_CLUSTERING", "true"),
    CLUSTER_THRESHOLD("sidecar.insight.cluster-threshold", "FEEDBACK_CLUSTER_THRESHOLD", "0.8"),
    CLUSTER_MERGE_THRESHOLD("sidecar.insight.cluster-merge-threshold", "FEEDBACK_CLUSTER_MERGE_THRESHOLD", "0.5"),
    WEBHOOK_ATTEMPTS("sidecar.insight.webhook-attempts", "FEEDBACK_WEBHOOK_ATTEMPTS", "4"),
    WEBHOOK_FIRST_DELAY_MS("sidecar.insight.webhook-first-delay-ms", "FEEDBACK_WEBHOOK_FIRST_DELAY_MS", "1000"),
    AUTO_DRAFT("sidecar.insight.auto-draft", "FEEDBACK_AUTO_DRAFT", "false"),
    AUTO_DRAFT_MIN_SESSIONS("sidecar.insight.auto-draft-min-sessions", "FEEDBACK_AUTO_DRAFT_MIN_SESSIONS", "5"),
    AUTO_DRAFT_MIN_BLOCKED("sidecar.insight.auto-draft-min-blocked", "FEEDBACK_AUTO_DRAFT_MIN_BLOCKED", "3"),
    // Call records and masking (docs/telemetry.md).
    INFER_GAPS("sidecar.calls.infer-gaps", "FEEDBACK_INFER_GAPS", "true"),
    MASK_PATTERNS("sidecar.masking.extra-patterns", "FEEDBACK_MASK_PATTERNS", "");

    private final String key;
    private final String environmentVariable;
    private final String defaultValue;

    ConfigKey(String key, String environmentVariable, String defaultValue) {
        this.key = key;
        this.environmentVariable = environmentVariable;
        this.defaultValue = defaultValue;
    }

    String read(Config config) {
        return config.get(environmentVariable)
                .asString()
                .asOptional()
                .or(() -> config.get(key).asString().asOptional())
                .orElse(defaultValue)
                .strip();
    }

    boolean readBoolean(Config config) {
        String value = read(config).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default ->
                throw new ConfigException(environmentVariable + " (" + key + ") must be true or false, got '" + value
                        + "'; unset it to use the default " + defaultValue + ".");
        };
    }

    double readDouble(Config config) {
        String value = read(config);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(environmentVariable + " (" + key + ") must be a number, got '" + value
                    + "'; unset it to use the default " + defaultValue + ".");
        }
    }

    int readInt(Config config) {
        String value = read(config);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(environmentVariable + " (" + key + ") must be a whole number, got '" + value
                    + "'; unset it to use the default " + defaultValue + ".");
        }
    }
}
