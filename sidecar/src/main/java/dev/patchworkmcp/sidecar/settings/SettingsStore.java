package dev.patchworkmcp.sidecar.settings;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.Rows;
import dev.patchworkmcp.sidecar.db.Timestamps;
import io.helidon.dbclient.DbRow;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The draft-PR settings: preferences in the database's {@code settings} table, secrets in the 0600
 * {@link SecretsFile}, with secrets from the environment winning over both. {@link #current()} gives the
 * drafting code an unmasked snapshot. Thread-safe (updates are serialised).
 */
public final class SettingsStore {
    /** Preferences, stored in the database. */
    public static final List<String> PREFERENCES =
            List.of("github_repo", "default_branch", "llm_provider", "llm_model", "repo_path");
    /** Secrets, stored in the secrets file (or given by the environment). */
    public static final List<String> SECRETS = List.of("github_token", "anthropic_api_key", "openai_api_key");

    private final Database database;
    private final SecretsFile secretsFile;
    private final Map<String, String> environment;
    private final Clock clock;
    private final ReentrantLock updates = new ReentrantLock();

    public SettingsStore(Database database, SettingsConfig config, Clock clock) {
        this.database = database;
        this.secretsFile = new SecretsFile(config.secretsFile());
        this.environment = config.environmentSecrets();
        this.clock = clock;
    }

    /** The settings now in force, secrets unmasked. */
    public Settings current() {
        Map<String, String> stored = new HashMap<>(preferences());
        stored.putAll(secretsFile.read());
        Map<String, String> values = new HashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (String key : allKeys()) {
            String fromEnvironment = environment.getOrDefault(key, "");
            String fromStore = stored.getOrDefault(key, "");
            values.put(key, fromEnvironment.isEmpty() ? fromStore : fromEnvironment);
            sources.put(key, !fromEnvironment.isEmpty() ? "environment" : !fromStore.isEmpty() ? "settings" : "unset");
        }
        return new Settings(
                values.get("github_repo"),
                values.get("default_branch"),
                values.get("llm_provider"),
                values.get("llm_model"),
                values.get("repo_path"),
                values.get("github_token"),
                values.get("anthropic_api_key"),
                values.get("openai_api_key"),
                sources);
    }

    /**
     * Applies a validated update: each present key is set, or cleared when its value is empty; absent keys are
     * left alone.
     */
    public void update(Map<String, String> changes) {
        updates.lock();
        try {
            Map<String, String> secrets = new HashMap<>(secretsFile.read());
            boolean secretsChanged = false;
            for (Map.Entry<String, String> change : changes.entrySet()) {
                String key = change.getKey();
                String value = change.getValue();
                if (SECRETS.contains(key)) {
                    secretsChanged |=
                            value.isEmpty() ? secrets.remove(key) != null : !value.equals(secrets.put(key, value));
                } else if (PREFERENCES.contains(key)) {
                    savePreference(key, value);
                }
            }
            if (secretsChanged) {
                secretsFile.write(secrets);
            }
        } finally {
            updates.unlock();
        }
    }

    static List<String> allKeys() {
        return Stream.concat(PREFERENCES.stream(), SECRETS.stream()).toList();
    }

    private void savePreference(String key, String value) {
        database.transaction(tx -> {
            tx.delete("DELETE FROM settings WHERE key = ?", key);
            if (!value.isEmpty()) {
                tx.insert(
                        "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)",
                        key,
                        value,
                        Timestamps.now(clock));
            }
            return null;
        });
    }

    private Map<String, String> preferences() {
        return database.read(db -> {
            Map<String, String> values = new HashMap<>();
            try (Stream<DbRow> rows = db.query("SELECT key, value FROM settings")) {
                rows.forEach(row -> values.put(Rows.text(row, "key"), Rows.text(row, "value")));
            }
            return values;
        });
    }
}
