package dev.patchworkmcp.proxy.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Delivers the reports a drop-in spooled (one JSON object per line, each with its {@code idempotency_key})
 * to the sidecar, then rewrites the spool atomically without the delivered lines. Because every line is
 * posted with its own idempotency key, a line delivered twice (a lost answer, a crash before the rewrite) is
 * stored once. Lines appended by a drop-in while the replay runs are kept. Not thread-safe: one replay per
 * spool file at a time.
 */
public final class SpoolReplayer {

    static final String USER_AGENT = "PatchworkMCP-Replay/2.0";
    private static final List<Duration> BACKOFF = List.of(Duration.ofMillis(500), Duration.ofSeconds(1));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String apiKey;
    private final HttpClient http;

    /** The outcome of one line; {@code reason} is a status or error, never the line's content. */
    public record LineOutcome(int lineNumber, boolean delivered, boolean duplicate, String reason) {}

    /** The outcome of a replay: one entry per non-blank line, in file order. */
    public record Result(List<LineOutcome> lines) {
        public Result {
            lines = List.copyOf(lines);
        }

        public long delivered() {
            return lines.stream().filter(LineOutcome::delivered).count();
        }

        public long kept() {
            return lines.size() - delivered();
        }
    }

    public SpoolReplayer(String sidecarUrl, String apiKey) {
        String base = sidecarUrl == null || sidecarUrl.isBlank() ? "http://127.0.0.1:8099" : sidecarUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.endpoint = URI.create(base + "/api/feedback");
        this.apiKey = apiKey == null ? "" : apiKey.strip();
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Replays {@code spool} and rewrites it with only the lines that were not delivered. */
    public Result replay(Path spool) throws IOException {
        byte[] original = Files.readAllBytes(spool);
        List<String> lines = Arrays.asList(new String(original, StandardCharsets.UTF_8).split("\n", -1));
        List<LineOutcome> outcomes = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        boolean sidecarDown = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            ParsedLine parsed = parse(line);
            LineOutcome outcome;
            if (parsed == null) {
                outcome = new LineOutcome(i + 1, false, false, "not a JSON object; fix or remove it by hand");
            } else if (sidecarDown) {
                outcome = new LineOutcome(i + 1, false, false, "not tried: the sidecar is unreachable");
            } else {
                outcome = deliver(i + 1, parsed);
                sidecarDown = outcome.reason().startsWith("unreachable");
            }
            outcomes.add(outcome);
            if (!outcome.delivered()) {
                kept.add(parsed == null ? line : parsed.text());
            }
        }
        rewrite(spool, original.length, kept);
        return new Result(outcomes);
    }

    private record ParsedLine(String key, String text) {}

    /** Parses a line; a line without a key gets one now, so that it keeps it across later replays. */
    private static ParsedLine parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (!(node instanceof ObjectNode report)) {
                return null;
            }
            String key = report.path("idempotency_key").asText("");
            if (key.isBlank()) {
                key = UUID.randomUUID().toString();
                report.put("idempotency_key", key);
                return new ParsedLine(key, JSON.writeValueAsString(report));
            }
            return new ParsedLine(key, line);
        } catch (IOException e) {
            return null;
        }
    }

    private LineOutcome deliver(int lineNumber, ParsedLine line) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("Idempotency-Key", line.key())
                .POST(HttpRequest.BodyPublishers.ofString(line.text()));
        if (!apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        String reason = "";
        for (int attempt = 0; attempt <= BACKOFF.size(); attempt++) {
            try {
                if (attempt > 0) {
                    Thread.sleep(BACKOFF.get(attempt - 1));
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return new LineOutcome(lineNumber, true, status == 200, "HTTP " + status);
                }
                reason = "the sidecar answered HTTP " + status + errorCode(response.body());
                if (status != 429 && status < 500) {
                    break;
                }
            } catch (IOException e) {
                reason = "unreachable: " + endpoint + " (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new LineOutcome(lineNumber, false, false, "interrupted");
            }
        }
        return new LineOutcome(lineNumber, false, false, reason);
    }

    private static String errorCode(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            String code = error.path("code").asText("");
            String field = error.path("field").asText("");
            return code.isEmpty() ? "" : " (" + code + (field.isEmpty() ? "" : " " + field) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Writes the kept lines plus anything appended since the replay read the file to a temporary file in the
     * same directory, then moves it over the spool in one atomic step.
     */
    private static void rewrite(Path spool, int replayedBytes, List<String> kept) throws IOException {
        byte[] now = Files.readAllBytes(spool);
        StringBuilder text = new StringBuilder();
        kept.forEach(line -> text.append(line).append('\n'));
        text.append(new String(now, replayedBytes, now.length - replayedBytes, StandardCharsets.UTF_8));
        Path directory = spool.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, spool.getFileName().toString(), ".replay");
        try {
            Files.writeString(temporary, text);
            Files.move(temporary, spool, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
