package dev.patchworkmcp.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The few sidecar API calls the demo makes: find the report the proxy delivered, point drafting at a local git
 * repository, and stream a draft. Sends {@code FEEDBACK_ADMIN_KEY} as a bearer token when set. Thread-safe.
 */
public final class SidecarClient {
    private final URI base;
    private final String adminKey;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    public SidecarClient(URI base, String adminKey) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.adminKey = adminKey;
    }

    /**
     * Polls until a report of {@code serverName} whose text mentions {@code marker} is listed, or the timeout
     * passes; the proxy delivers through an outbox, so the report may arrive a moment after the agent was answered.
     */
    public Optional<JsonNode> awaitReport(String serverName, String marker, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String query = "api/feedback?limit=50&server_name=" + URLEncoder.encode(serverName, StandardCharsets.UTF_8);
        while (true) {
            HttpResponse<String> response = send(request(query).GET().build());
            if (response.statusCode() == 200) {
                for (JsonNode item : read(response.body())) {
                    if (item.toString().contains(marker)) {
                        return Optional.of(item);
                    }
                }
            }
            if (Instant.now().isAfter(deadline)) {
                return Optional.empty();
            }
            pause();
        }
    }

    /** Points draft PRs at a local git repository and an LLM provider (keys come from the environment). */
    public void configureLocalDrafting(Path repository, String provider) {
        String body = write(Map.of("repo_path", repository.toString(), "llm_provider", provider));
        HttpResponse<String> response = send(request("api/settings")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "the sidecar refused the settings (" + response.statusCode() + "): " + response.body());
        }
    }

    /** Starts a draft of report {@code id} and hands every SSE {@code event: data} line to {@code events}. */
    public int draft(String id, Consumer<String> events) {
        HttpRequest request = request("api/feedback/" + id + "/draft-pr")
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = "message";
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        events.accept(event + ": " + line.substring(5).trim());
                    } else if (line.isEmpty()) {
                        event = "message";
                    } else if (response.statusCode() >= 400) {
                        events.accept("error: " + line);
                    }
                }
            }
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("the draft request to " + base + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while drafting", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5));
        if (adminKey != null && !adminKey.isBlank()) {
            builder.header("Authorization", "Bearer " + adminKey);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the sidecar at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the sidecar", e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the sidecar answered something that is not JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200); // polling interval between list requests, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the report", e);
        }
    }
}
