package dev.patchworkmcp.sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.contract.FeedbackToolContract;
import dev.patchworkmcp.sidecar.calls.CallStore;
import dev.patchworkmcp.sidecar.calls.InferredReports;
import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.drafting.DraftFlow;
import dev.patchworkmcp.sidecar.drafting.DraftSettingsSource;
import dev.patchworkmcp.sidecar.drafting.DraftSetup;
import dev.patchworkmcp.sidecar.drafting.StoreDraftHistory;
import dev.patchworkmcp.sidecar.feedback.DraftStore;
import dev.patchworkmcp.sidecar.feedback.FeedbackEvents;
import dev.patchworkmcp.sidecar.feedback.FeedbackStore;
import dev.patchworkmcp.sidecar.feedback.IngestMetrics;
import dev.patchworkmcp.sidecar.feedback.StatsStore;
import dev.patchworkmcp.sidecar.http.Json;
import dev.patchworkmcp.sidecar.http.JsonBodies;
import dev.patchworkmcp.sidecar.insight.Insight;
import dev.patchworkmcp.sidecar.masking.MaskingException;
import dev.patchworkmcp.sidecar.masking.SecretMasker;
import dev.patchworkmcp.sidecar.mcp.TriageServer;
import dev.patchworkmcp.sidecar.settings.SettingsStore;
import dev.patchworkmcp.sidecar.webhooks.Webhooks;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import java.time.Clock;

/**
 * The composition root of the sidecar: every long-lived part of one sidecar is built here, in {@link #open}, and
 * nowhere else; {@link Sidecar#routing} only registers the HTTP services over these parts. Nothing runs until
 * {@link #start} (the clustering worker), and {@link #close} closes every part in the reverse order of building.
 * Each part is thread-safe; this holder is immutable.
 */
public final class SidecarParts implements AutoCloseable {
    private final SidecarConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final Database database;
    private final FeedbackToolContract contract;
    private final JsonBodies bodies;
    private final SecretMasker masker;
    private final FeedbackStore feedback;
    private final DraftStore drafts;
    private final StatsStore stats;
    private final FeedbackEvents events;
    private final MeterRegistry meters;
    private final IngestMetrics ingestMetrics;
    private final SettingsStore settings;
    private final CallStore calls;
    private final InferredReports inferred;
    private final DraftFlow drafting;
    private final Insight insight;
    private final Webhooks webhooks;
    private final TriageServer triage;

    private SidecarParts(SidecarConfig config, Database database) {
        this.config = config;
        this.database = database;
        this.clock = Clock.systemUTC();
        this.json = Json.MAPPER;
        this.contract = FeedbackToolContract.load();
        this.bodies = new JsonBodies(config.access().maxBodyBytes(), json);
        this.masker = masker(config, json);
        this.feedback = new FeedbackStore(database, clock);
        this.drafts = new DraftStore(database, clock);
        this.stats = new StatsStore(database);
        this.events = new FeedbackEvents();
        // Helidon's metrics endpoint serves the global registry; the sidecar's meters must live there.
        this.meters = Metrics.globalRegistry();
        this.ingestMetrics = new IngestMetrics(meters);
        this.settings = new SettingsStore(database, config.settings(), clock);
        this.calls = new CallStore(database, clock);
        this.inferred =
                new InferredReports(database, feedback, json, config.telemetry().inferGaps());
        // Reports and clusters are drafted through the same flow, settings and history.
        this.drafting = new DraftFlow(
                DraftSetup.of(config.drafting().endpoints(), json),
                new DraftSettingsSource(settings, config.drafting().repoPath()),
                new StoreDraftHistory(drafts));
        this.insight = new Insight(database, config.insight(), clock, drafting);
        this.webhooks = new Webhooks(database, json, config.insight().webhookRetry(), clock);
        insight.subscribe(webhooks.dispatcher(insight.clusters()));
        this.triage = TriageServer.open(insight, feedback, json, config.access().adminKey());
    }

    /**
     * Opens the database and builds every part on it; nothing is started yet. Closes the database again when a
     * part cannot be built.
     */
    static SidecarParts open(SidecarConfig config) {
        Database database = Database.open(config.database());
        try {
            return new SidecarParts(config, database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Starts the parts that work in the background: the report writer and text indexer, then clustering. */
    void start() {
        feedback.start();
        insight.start();
    }

    /** Ends open event streams, so that a stopping web server does not wait for them. */
    void endStreams() {
        events.close();
    }

    /** Closes every part in the reverse order of building, the database last. */
    @Override
    public void close() {
        triage.close();
        insight.close();
        events.close();
        feedback.close();
        database.close();
    }

    private static SecretMasker masker(SidecarConfig config, ObjectMapper json) {
        try {
            return SecretMasker.of(config.telemetry().maskPatterns(), json);
        } catch (MaskingException e) {
            throw new ConfigException("FEEDBACK_MASK_PATTERNS: " + e.getMessage());
        }
    }

    public SidecarConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** The sidecar's one JSON mapper. */
    public ObjectMapper json() {
        return json;
    }

    public Database database() {
        return database;
    }

    public FeedbackToolContract contract() {
        return contract;
    }

    public JsonBodies bodies() {
        return bodies;
    }

    public SecretMasker masker() {
        return masker;
    }

    public FeedbackStore feedback() {
        return feedback;
    }

    public DraftStore drafts() {
        return drafts;
    }

    public StatsStore stats() {
        return stats;
    }

    public FeedbackEvents events() {
        return events;
    }

    public MeterRegistry meters() {
        return meters;
    }

    public IngestMetrics ingestMetrics() {
        return ingestMetrics;
    }

    public SettingsStore settings() {
        return settings;
    }

    public CallStore calls() {
        return calls;
    }

    public InferredReports inferred() {
        return inferred;
    }

    public DraftFlow drafting() {
        return drafting;
    }

    public Insight insight() {
        return insight;
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    public TriageServer triage() {
        return triage;
    }
}
