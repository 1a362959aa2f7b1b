package dev.patchworkmcp.sidecar.drafting;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Posts (no body, JSON content type, as the dashboard does) to the sidecar and reads a server-sent event stream (or a JSON error) to the end, for tests. */
final class SseClient {
    /** One event: its name and its raw JSON data; comments are kept with name {@code :comment}. */
    record Event(String name, String data) {}

    /** The status, headers and, for an event stream, the events. */
    record Answer(int status, Map<String, List<String>> headers, List<Event> events, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }

        List<String> names() {
            return events.stream().map(Event::name).toList();
        }

        Event last() {
            return events.getLast();
        }
    }

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private SseClient() {}

    static Answer post(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<Event> events = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            String line;
            while ((line = reader.readLine()) != null) {
                body.append(line).append('\n');
                if (line.startsWith(":")) {
                    events.add(new Event(":comment", line.substring(1).strip()));
                } else if (line.startsWith("event:")) {
                    name = value(line);
                } else if (line.startsWith("data:") && name != null) {
                    events.add(new Event(name, value(line)));
                    name = null;
                }
            }
        }
        return new Answer(response.statusCode(), response.headers().map(), events, body.toString());
    }

    /** A field's value: after the colon, without the one optional space the event-stream format allows. */
    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
