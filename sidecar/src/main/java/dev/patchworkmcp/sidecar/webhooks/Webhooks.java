package dev.patchworkmcp.sidecar.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.http.JsonBodies;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterChange;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterService;
import io.helidon.webserver.http.HttpService;
import java.time.Clock;

/**
 * Webhooks of one sidecar: the store and the sender, shared by the dispatcher that delivers cluster changes and
 * by {@code /api/webhooks}. Thread-safe.
 */
public final class Webhooks {
    private final WebhookStore store;
    private final WebhookSender sender;
    private final ObjectMapper json;
    private final Clock clock;

    public Webhooks(Database database, ObjectMapper json, RetryPolicy retry, Clock clock) {
        this.store = new WebhookStore(database, clock);
        this.sender = new WebhookSender(json, retry, clock);
        this.json = json;
        this.clock = clock;
    }

    /** Delivers {@code clusters}' changes to the webhooks whose filters they match; subscribe it to them. */
    public ClusterChange.Listener dispatcher(ClusterService clusters) {
        return new WebhookDispatcher(store, sender, clusters, json);
    }

    /** {@code /api/webhooks}. */
    public HttpService api(JsonBodies bodies) {
        return new WebhookApi(store, sender, bodies, clock);
    }
}
