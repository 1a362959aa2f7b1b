package dev.patchworkmcp.sidecar.webhooks;

import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.http.Json;
import dev.patchworkmcp.sidecar.http.JsonBodies;
import dev.patchworkmcp.sidecar.insight.Insight;
import io.helidon.webserver.http.HttpService;
import java.time.Clock;

/** Wires webhooks into a sidecar: the store, the sender, the dispatcher subscribed to cluster changes, the API. */
public final class Webhooks {
    private Webhooks() {}

    /** Subscribes deliveries to {@code insight}'s cluster changes and returns {@code /api/webhooks}. */
    public static HttpService start(Database database, Insight insight, JsonBodies bodies, Clock clock) {
        WebhookStore store = new WebhookStore(database, clock);
        WebhookSender sender = new WebhookSender(Json.MAPPER, insight.config().webhookRetry(), clock);
        insight.subscribe(new WebhookDispatcher(store, sender, insight.clusters()));
        return new WebhookApi(store, sender, bodies, clock);
    }
}
