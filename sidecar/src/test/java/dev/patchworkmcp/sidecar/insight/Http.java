package dev.patchworkmcp.sidecar.insight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** A tiny JSON client for the sidecar API in insight tests, and polling with a deadline. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Reply(int status, HttpResponse<String> response) {

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + response.body(), e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply patch(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Stores a report and returns its id. */
    String report(String server, String session, String resolution, String needed, String tried, String suggestion) {
        var body = JSON.createObjectNode()
                .put("server_name", server)
                .put("session_id", session)
                .put("what_i_needed", needed)
                .put("what_i_tried", tried)
                .put("suggestion", suggestion)
                .put("gap_type", "missing_parameter")
                .put("client_name", "claude-code")
                .put("agent_model", "claude-sonnet-4-5");
        body.putArray("tools_available").add("get_costs").add("get_invoice");
        if (resolution != null) {
            body.put("resolution", resolution);
        }
        Reply reply = post("/api/feedback", body.toString());
        if (reply.status() != 201) {
            throw new AssertionError("POST /api/feedback answered " + reply.status() + ": "
                    + reply.response().body());
        }
        return reply.json().get("id").asText();
    }

    /** The report's cluster id, once the background worker has clustered it. */
    String clusterOf(String feedbackId) {
        return await(() -> {
            JsonNode item = get("/api/feedback/" + feedbackId).json();
            return item.path("cluster_id").isTextual() ? item.get("cluster_id").asText() : null;
        });
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until {@code probe} gives a non-null value; fails after 30 s. */
    static <T> T await(Supplier<T> probe) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting after 30 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
