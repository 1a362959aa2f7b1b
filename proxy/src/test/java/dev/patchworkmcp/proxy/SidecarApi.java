package dev.patchworkmcp.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patchworkmcp.sidecar.Sidecar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads what a real, in-process sidecar stored, polling with a deadline. */
final class SidecarApi {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SidecarApi() {}

    static String url(Sidecar sidecar) {
        return "http://127.0.0.1:" + sidecar.port();
    }

    /** {@code GET /api/feedback?server_name=...}: the stored items, newest first. */
    static JsonNode feedback(Sidecar sidecar, String serverName) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url(sidecar) + "/api/feedback?server_name=" + serverName))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /api/feedback answered " + response.statusCode() + ": " + response.body());
        }
        return JsonRpcPeer.JSON.readTree(response.body());
    }

    /** Polls until the items for {@code serverName} match. */
    static JsonNode awaitFeedback(Sidecar sidecar, String serverName, Predicate<JsonNode> matcher)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            JsonNode items = feedback(sidecar, serverName);
            if (matcher.test(items)) {
                return items;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sidecar did not get the expected reports within 90 s: " + items);
            }
            Object pause = new Object();
            synchronized (pause) {
                pause.wait(100);
            }
        }
    }
}
