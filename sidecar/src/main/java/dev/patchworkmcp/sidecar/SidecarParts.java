package dev.patchworkmcp.sidecar;

import dev.patchworkmcp.contract.FeedbackToolContract;
import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.feedback.DraftStore;
import dev.patchworkmcp.sidecar.feedback.FeedbackStore;
import dev.patchworkmcp.sidecar.feedback.StatsStore;
import dev.patchworkmcp.sidecar.http.JsonBodies;
import dev.patchworkmcp.sidecar.insight.Insight;
import java.time.Clock;

/**
 * The long-lived objects of one sidecar, built once by {@link Sidecar#start} and handed to the HTTP services
 * that need them (e.g. {@code new DraftApi(parts.feedback(), parts.drafts(), ...)}). Immutable holder;
 * every part is thread-safe.
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
        Insight insight) {

    static SidecarParts create(SidecarConfig config, Database database) {
        Clock clock = Clock.systemUTC();
        return new SidecarParts(
                config,
                clock,
                database,
                FeedbackToolContract.load(),
                new JsonBodies(config.access().maxBodyBytes()),
                new FeedbackStore(database, clock),
                new DraftStore(database, clock),
                new StatsStore(database),
                Insight.start(database, config.insight(), clock));
    }
}
