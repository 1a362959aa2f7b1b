package dev.patchworkmcp.sidecar.feedback;

import dev.patchworkmcp.sidecar.http.Json;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /api/stats}: counts honouring the list filters. Thread-safe. */
public final class StatsApi implements HttpService {
    private final StatsStore stats;

    public StatsApi(StatsStore stats) {
        this.stats = stats;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::stats);
    }

    private void stats(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, stats.stats(FeedbackQuery.from(req.query())));
    }
}
