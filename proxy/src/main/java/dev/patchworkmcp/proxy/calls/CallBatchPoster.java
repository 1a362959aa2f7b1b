package dev.patchworkmcp.proxy.calls;

import dev.patchworkmcp.proxy.outbox.SidecarHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs batch bodies to {@code <sidecar>/api/calls} with the ingest key. Used by one thread. */
final class CallBatchPoster {

    private static final System.Logger LOG = System.getLogger(CallBatchPoster.class.getName());

    /** What became of one attempt. */
    enum Answer {
        ACCEPTED,
        /** A 4xx: sending the same batch again would not help. */
        REFUSED,
        /** A 5xx, a timeout or no connection: send the same batch again later. */
        RETRY
    }

    private final URI endpoint;
    private final String apiKey;
    private final String userAgent;
    private HttpClient http;

    CallBatchPoster(URI sidecar, String apiKey, String userAgent) {
        this.endpoint = URI.create(sidecar.toString().replaceAll("/+$", "") + "/api/calls");
        this.apiKey = apiKey;
        this.userAgent = userAgent;
    }

    Answer post(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<String> response = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Answer.ACCEPTED;
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                LOG.log(System.Logger.Level.DEBUG, "POST " + endpoint + " answered " + status + ": " + response.body());
                return Answer.REFUSED;
            }
            return Answer.RETRY;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "sidecar at " + endpoint + " unreachable: " + e);
            return Answer.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.RETRY;
        }
    }

    private HttpClient client() {
        if (http == null) {
            http = SidecarHttp.client(endpoint);
        }
        return http;
    }
}
