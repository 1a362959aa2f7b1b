package dev.patchworkmcp.sidecar;

import dev.patchworkmcp.contract.FeedbackToolContract;
import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.feedback.DraftStore;
import dev.patchworkmcp.sidecar.feedback.FeedbackEvents;
import dev.patchworkmcp.sidecar.feedback.FeedbackStore;
import dev.patchworkmcp.sidecar.feedback.IngestMetrics;
import dev.patchworkmcp.sidecar.feedback.StatsStore;
import dev.patchworkmcp.sidecar.http.JsonBodies;
import dev.patchworkmcp.sidecar.insight.Insight;
import dev.patchworkmcp.sidecar.settings.SettingsStore;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import java.time.Clock;

/**
 * The long-lived objects of one sidecar, built once by {@link Sidecar#start} and handed to the HTTP services
 * that need them (e.g. {@code new DraftApi(parts.feedback(), parts.drafts(), parts.settings(), ...)}).
 * Immutable holder; every part is thread-safe.
 */
public record SidecarParts(
        SidecarConfig config,
        Clock clock,
        Database database,
        FeedbackToolContract contract,
        JsonBodies bodies,
        FeedbackStore feedback,
        DraftStore drafts,
        StatsStore stats,
        FeedbackEvents events,
        MeterRegistry meters,
        IngestMetrics ingestMetrics,
        SettingsStore settings,
        Insight insight) {

    static SidecarParts create(SidecarConfig config, Database database) {
        Clock clock = Clock.systemUTC();
        // Helidon's metrics endpoint serves the global registry; the sidecar's meters must live there.
        MeterRegistry meters = Metrics.globalRegistry();
        FeedbackEvents events = new FeedbackEvents();
        return new SidecarParts(
                config,
                clock,
                database,
                FeedbackToolContract.load(),
                new JsonBodies(config.access().maxBodyBytes()),
                new FeedbackStore(database, clock),
                new DraftStore(database, clock),
                new StatsStore(database),
                events,
                meters,
                new IngestMetrics(meters),
                new SettingsStore(database, config.settings(), clock),
                Insight.start(database, config.insight(), clock));
    }
}
