package dev.patchworkmcp.sidecar;

import dev.patchworkmcp.sidecar.calls.TelemetryConfig;
import dev.patchworkmcp.sidecar.db.DatabaseConfig;
import dev.patchworkmcp.sidecar.drafting.DraftEndpoints;
import dev.patchworkmcp.sidecar.drafting.DraftingConfig;
import dev.patchworkmcp.sidecar.http.AccessConfig;
import dev.patchworkmcp.sidecar.http.ServerLimits;
import dev.patchworkmcp.sidecar.insight.InsightConfig;
import dev.patchworkmcp.sidecar.insight.autodraft.AutoDraftConfig;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterSettings;
import dev.patchworkmcp.sidecar.settings.SettingsConfig;
import dev.patchworkmcp.sidecar.webhooks.RetryPolicy;
import io.helidon.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sidecar's settings, read once from Helidon {@link Config} (environment variables {@code FEEDBACK_*} win
 * over {@code application.yaml}). This is the only class that reads {@code Config}; everything below receives
 * these records. Immutable.
 */
public record SidecarConfig(
        String host,
        int port,
        DatabaseConfig database,
        AccessConfig access,
        SettingsConfig settings,
        Duration heartbeat,
        InsightConfig insight,
        DraftingConfig drafting,
        ServerLimits limits,
        TelemetryConfig telemetry) {

    /** Secrets the environment may provide, by settings key. */
    public static final Map<String, String> SECRET_ENVIRONMENT = Map.of(
            "github_token", "GITHUB_TOKEN",
            "anthropic_api_key", "ANTHROPIC_API_KEY",
            "openai_api_key", "OPENAI_API_KEY");

    /** How often a quiet event stream sends a heartbeat comment. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    public SidecarConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new ConfigException("FEEDBACK_HEARTBEAT_SECONDS must be at least 1, got " + heartbeat.toSeconds());
        }
        Objects.requireNonNull(insight, "insight");
        Objects.requireNonNull(drafting, "drafting");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(telemetry, "telemetry");
        if (port < 0 || port > 65535) {
            throw new ConfigException("FEEDBACK_PORT must be 0..65535 (0 picks a free port), got " + port);
        }
    }

    /** Reads every documented key (README, "Configuration"); see {@link ConfigKey} for names and defaults. */
    public static SidecarConfig from(Config config) {
        Path dbPath = Path.of(ConfigKey.DB_PATH.read(config));
        String secretsFile = ConfigKey.SECRETS_FILE.read(config);
        Map<String, String> environmentSecrets = new LinkedHashMap<>();
        SECRET_ENVIRONMENT.forEach((key, variable) -> config.get(variable)
                .asString()
                .filter(value -> !value.isBlank())
                .ifPresent(value -> environmentSecrets.put(key, value.strip())));
        return new SidecarConfig(
                ConfigKey.HOST.read(config),
                ConfigKey.PORT.readInt(config),
                new DatabaseConfig(
                        dbPath,
                        ConfigKey.DB_URL.read(config),
                        ConfigKey.DB_USER.read(config),
                        ConfigKey.DB_PASSWORD.read(config),
                        ConfigKey.DB_POOL_SIZE.readInt(config)),
                new AccessConfig(
                        ConfigKey.API_KEY.read(config),
                        ConfigKey.ADMIN_KEY.read(config),
                        splitList(ConfigKey.ALLOWED_HOSTS.read(config)),
                        ConfigKey.MAX_BODY_BYTES.readInt(config)),
                new SettingsConfig(
                        secretsFile.isBlank() ? defaultSecretsFile(dbPath) : Path.of(secretsFile), environmentSecrets),
                Duration.ofSeconds(ConfigKey.HEARTBEAT_SECONDS.readInt(config)),
                insight(config),
                new DraftingConfig(
                        new DraftEndpoints(
                                ConfigKey.GITHUB_API_URL.read(config),
                                ConfigKey.ANTHROPIC_BASE_URL.read(config),
                                ConfigKey.OPENAI_BASE_URL.read(config)),
                        ConfigKey.REPO_PATH.read(config)),
                new ServerLimits(
                        ConfigKey.MAX_CONNECTIONS.readInt(config),
                        Duration.ofSeconds(ConfigKey.IDLE_TIMEOUT_SECONDS.readInt(config)),
                        Duration.ofSeconds(ConfigKey.HEADER_TIMEOUT_SECONDS.readInt(config))),
                new TelemetryConfig(
                        ConfigKey.INFER_GAPS.readBoolean(config), splitPatterns(ConfigKey.MASK_PATTERNS.read(config))));
    }

    /** Extra secret patterns, separated by blank-free {@code ;;} so a pattern may itself hold commas. */
    private static List<String> splitPatterns(String value) {
        return Arrays.stream(value.split(";;"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static InsightConfig insight(Config config) {
        return new InsightConfig(
                ConfigKey.CLUSTERING.readBoolean(config),
                new ClusterSettings(ConfigKey.CLUSTER_THRESHOLD.readDouble(config)),
                new RetryPolicy(
                        ConfigKey.WEBHOOK_ATTEMPTS.readInt(config),
                        Duration.ofMillis(ConfigKey.WEBHOOK_FIRST_DELAY_MS.readInt(config))),
                new AutoDraftConfig(
                        ConfigKey.AUTO_DRAFT.readBoolean(config),
                        ConfigKey.AUTO_DRAFT_MIN_SESSIONS.readInt(config),
                        ConfigKey.AUTO_DRAFT_MIN_BLOCKED.readInt(config)));
    }

    /** A sidecar for tests: 127.0.0.1, a free port, SQLite in {@code dbFile}, no keys, no environment secrets. */
    public static SidecarConfig forTests(Path dbFile) {
        return new SidecarConfig(
                "127.0.0.1",
                0,
                DatabaseConfig.sqlite(dbFile),
                AccessConfig.open(),
                new SettingsConfig(defaultSecretsFile(dbFile), Map.of()),
                DEFAULT_HEARTBEAT,
                InsightConfig.disabled(),
                DraftingConfig.defaults(),
                ServerLimits.DEFAULTS,
                TelemetryConfig.defaults());
    }

    public SidecarConfig withPort(int newPort) {
        return new SidecarConfig(
                host, newPort, database, access, settings, heartbeat, insight, drafting, limits, telemetry);
    }

    public SidecarConfig withHost(String newHost) {
        return new SidecarConfig(
                newHost, port, database, access, settings, heartbeat, insight, drafting, limits, telemetry);
    }

    public SidecarConfig withDatabase(DatabaseConfig newDatabase) {
        return new SidecarConfig(
                host, port, newDatabase, access, settings, heartbeat, insight, drafting, limits, telemetry);
    }

    public SidecarConfig withAccess(AccessConfig newAccess) {
        return new SidecarConfig(
                host, port, database, newAccess, settings, heartbeat, insight, drafting, limits, telemetry);
    }

    public SidecarConfig withSettings(SettingsConfig newSettings) {
        return new SidecarConfig(
                host, port, database, access, newSettings, heartbeat, insight, drafting, limits, telemetry);
    }

    public SidecarConfig withHeartbeat(Duration newHeartbeat) {
        return new SidecarConfig(
                host, port, database, access, settings, newHeartbeat, insight, drafting, limits, telemetry);
    }

    public SidecarConfig withInsight(InsightConfig newInsight) {
        return new SidecarConfig(
                host, port, database, access, settings, heartbeat, newInsight, drafting, limits, telemetry);
    }

    public SidecarConfig withDrafting(DraftingConfig newDrafting) {
        return new SidecarConfig(
                host, port, database, access, settings, heartbeat, insight, newDrafting, limits, telemetry);
    }

    public SidecarConfig withLimits(ServerLimits newLimits) {
        return new SidecarConfig(
                host, port, database, access, settings, heartbeat, insight, drafting, newLimits, telemetry);
    }

    public SidecarConfig withTelemetry(TelemetryConfig newTelemetry) {
        return new SidecarConfig(
                host, port, database, access, settings, heartbeat, insight, drafting, limits, newTelemetry);
    }

    private static Path defaultSecretsFile(Path dbPath) {
        Path dir = dbPath.toAbsolutePath().getParent();
        return dir.resolve("patchwork-secrets.json");
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
