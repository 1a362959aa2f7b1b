package dev.patchworkmcp.sidecar;

import io.helidon.config.Config;

/**
 * Every configuration key of the sidecar: its {@code application.yaml} key, its environment variable (which
 * wins) and its default. The README's configuration table lists the same rows.
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
    HEARTBEAT_SECONDS("sidecar.heartbeat-seconds", "FEEDBACK_HEARTBEAT_SECONDS", "15");

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
