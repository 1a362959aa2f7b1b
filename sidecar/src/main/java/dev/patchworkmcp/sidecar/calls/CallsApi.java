package dev.patchworkmcp.sidecar.calls;

import dev.patchworkmcp.sidecar.http.Json;
import dev.patchworkmcp.sidecar.http.JsonBodies;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /api/calls}: ingest of a batch of call records with the ingest key (docs/telemetry.md). The whole
 * batch is stored or none of it; a batch id seen before answers {@code duplicate} and changes nothing.
 * Thread-safe.
 */
public final class CallsApi implements HttpService {
    private final CallStore store;
    private final CallBatchReader reader;
    private final JsonBodies bodies;
    private final InferredReports inferred;

    public CallsApi(CallStore store, CallBatchReader reader, JsonBodies bodies, InferredReports inferred) {
        this.store = store;
        this.reader = reader;
        this.bodies = bodies;
        this.inferred = inferred;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::ingest);
    }

    private void ingest(ServerRequest req, ServerResponse res) {
        CallBatch batch = reader.read(bodies.readObject(req));
        CallStore.Stored stored = store.store(batch);
        int filed = stored.duplicate() ? 0 : inferred.inferFrom(batch);
        Json.send(
                res,
                stored.duplicate() ? 200 : 201,
                Json.object()
                        .put("batch_id", batch.batchId())
                        .put("status", stored.duplicate() ? "duplicate" : "recorded")
                        .put("calls", stored.calls())
                        .put("inferred_reports", filed));
    }
}
