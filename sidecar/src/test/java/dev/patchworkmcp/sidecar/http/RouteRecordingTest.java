package dev.patchworkmcp.sidecar.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.common.uri.UriFragment;
import io.helidon.common.uri.UriPath;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The routes recorded while a routing is built answer which methods a path takes, as Helidon would route them. */
class RouteRecordingTest {
    private static final Handler NOTHING = (req, res) -> res.send();

    @Test
    void findsTheMethodsOfServiceRoutesUnderTheirPrefix() {
        MethodNotAllowed table = new MethodNotAllowed();
        HttpRouting.Builder routing = table.recording(HttpRouting.builder());

        routing.register(
                        "/api/things",
                        rules -> rules.get("/", NOTHING)
                                .post("/", NOTHING)
                                .get("/{id}", NOTHING)
                                .delete("/{id}", NOTHING)
                                .register("/{id}/parts", sub -> sub.put("/", NOTHING)))
                .any("/api/*", NOTHING);
        routing.build(); // Helidon asks the services for their routes here

        assertThat(allowed(table, "/api/things")).containsExactly("GET", "POST");
        assertThat(allowed(table, "/api/things/7")).containsExactly("GET", "DELETE");
        assertThat(allowed(table, "/api/things/7/parts")).containsExactly("PUT");
        assertThat(allowed(table, "/api/other")).isEmpty();
        assertThat(allowed(table, "/api/things/7/8/9")).isEmpty();
    }

    private static List<String> allowed(MethodNotAllowed table, String path) {
        HttpPrologue prologue = HttpPrologue.create(
                "HTTP/1.1", "HTTP", "1.1", Method.GET, UriPath.create(path), UriQuery.empty(), UriFragment.empty());
        return MethodNotAllowed.allowed(table.routes(), prologue);
    }
}
