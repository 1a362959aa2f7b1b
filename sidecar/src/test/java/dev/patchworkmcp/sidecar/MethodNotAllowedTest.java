package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.Api.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A known path asked with a method it does not take answers 405 with Allow; an unknown path still 404. */
class MethodNotAllowedTest extends ApiTestBase {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Test
    void answersAWrongMethodOnEveryCoreRouteWith405AndAllow() {
        String id = api.record(Reports.minimal("a report").toString());
        Map<String, Set<String>> routes = new LinkedHashMap<>();
        routes.put("/api/health", Set.of("GET"));
        routes.put("/api/feedback", Set.of("GET", "POST"));
        routes.put("/api/feedback/" + id, Set.of("GET", "PATCH", "DELETE"));
        routes.put("/api/feedback/" + id + "/notes", Set.of("POST"));
        routes.put("/api/feedback/" + id + "/drafts", Set.of("GET"));
        routes.put("/api/feedback/" + id + "/draft-pr", Set.of("POST"));
        routes.put("/api/stats", Set.of("GET"));
        routes.put("/api/export", Set.of("GET"));
        routes.put("/api/events", Set.of("GET"));
        routes.put("/api/settings", Set.of("GET", "PUT"));

        routes.forEach((path, allowed) -> {
            for (String method : METHODS) {
                if (allowed.contains(method)) {
                    continue;
                }
                Reply reply = send(method, path);

                assertThat(reply.status()).as(method + " " + path).isEqualTo(405);
                assertThat(Arrays.stream(reply.header("Allow").split(",\\s*")))
                        .as(method + " " + path)
                        .containsExactlyInAnyOrderElementsOf(allowed);
                JsonNode body = reply.json();
                assertThat(body.get("code").asText()).isEqualTo("method_not_allowed");
                assertThat(body.get("field").isNull()).isTrue();
                assertThat(body.get("detail").asText()).contains(method, path);
            }
        });
    }

    @Test
    void namesTheAllowedMethodsInTheMessage() {
        Reply reply = api.put("/api/feedback", "{}");

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("Allow")).isEqualTo("GET, POST");
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().get("detail").asText())
                .isEqualTo(
                        "PUT is not allowed on /api/feedback; it accepts GET, POST (see the API table in docs/api.md).");
    }

    @Test
    void keepsAnsweringUnknownPathsWith404() {
        for (String[] request : new String[][] {
            {"GET", "/api/nothing-here"},
            {"POST", "/api/stats/extra"},
            {"DELETE", "/api/feedback/x/y/z"},
            {"GET", "/api"}
        }) {
            Reply reply = send(request[0], request[1]);

            assertThat(reply.status()).as(String.join(" ", request)).isEqualTo(404);
            assertThat(reply.header("Allow")).isNull();
            assertThat(reply.json().get("code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void leavesTheRightMethodsAlone() {
        assertThat(api.get("/api/stats").status()).isEqualTo(200);
        assertThat(api.get("/api/feedback/unknown-id").status()).isEqualTo(404);
        assertThat(api.post("/api/feedback", "{}").status()).isEqualTo(422);
    }

    private Reply send(String method, String path) {
        boolean body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        return api.raw(
                method, path, body ? "application/json" : null, body ? "{}".getBytes(StandardCharsets.UTF_8) : null);
    }
}
