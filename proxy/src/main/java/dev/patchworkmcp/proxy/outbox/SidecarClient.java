package dev.patchworkmcp.proxy.outbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POSTs reports to {@code <sidecar>/api/feedback} with the idempotency key and the ingest key, and classifies
 * the answer. Thread-safe; the JDK HTTP client is created on first use so it costs nothing at startup.
 */
public final class SidecarClient {
    // A pattern rather than a JSON mapper: this class loads at startup, where every millisecond counts.
    private static final Pattern REPORT_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"\\\\]{1,200})\"");

    private final URI endpoint;
    private final String apiKey;
    private final String userAgent;
    private volatile HttpClient http;

    /**
     * @param sidecar base URL, e.g. {@code http://127.0.0.1:8099}
     * @param apiKey ingest key, or null
     * @param userAgent the {@code User-Agent} header, e.g. {@code patchwork-proxy/0.1.0}
     */
    public SidecarClient(URI sidecar, String apiKey, String userAgent) {
        this.endpoint = URI.create(sidecar.toString().replaceAll("/+$", "") + "/api/feedback");
        this.apiKey = apiKey;
        this.userAgent = userAgent;
    }

    /** The URL reports are POSTed to. */
    public URI endpoint() {
        return endpoint;
    }

    /** One delivery attempt; never throws. */
    public Delivery post(String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<String> response = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return classify(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Delivery.Retry("sidecar at " + endpoint + " unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery.Retry("interrupted");
        }
    }

    static Delivery classify(int status, String body) {
        String reason = "HTTP " + status + ": " + (body == null ? "" : body.strip());
        if (status >= 200 && status < 300) {
            return new Delivery.Delivered(status, reportId(body));
        }
        if (status == 401 || status == 403) {
            return new Delivery.Unauthorized(status, reason);
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500 || status < 200) {
            return new Delivery.Retry(reason);
        }
        return new Delivery.Rejected(status, reason);
    }

    /** The {@code id} of a {@code {"id":"...","status":"..."}} answer, or null. */
    static String reportId(String body) {
        Matcher id = body == null ? null : REPORT_ID.matcher(body);
        return id != null && id.find() ? id.group(1) : null;
    }

    private HttpClient client() {
        HttpClient current = http;
        if (current == null) {
            synchronized (this) {
                if (http == null) {
                    http = SidecarHttp.client(endpoint);
                }
                current = http;
            }
        }
        return current;
    }
}
