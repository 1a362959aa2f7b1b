package dev.patchworkmcp.sidecar.http;

import dev.patchworkmcp.sidecar.db.Database;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /api/health}: 200 {@code {"status":"ok","database":...}} when the database answers. Open to all. */
public final class HealthApi implements HttpService {
    private final Database database;
    private final String version;

    public HealthApi(Database database, String version) {
        this.database = database;
        this.version = version;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        database.read(db -> db.get("SELECT 1 AS one"));
        Json.send(
                res,
                200,
                Json.object()
                        .put("status", "ok")
                        .put("database", database.dialect().dbType())
                        .put("version", version));
    }
}
