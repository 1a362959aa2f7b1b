package dev.patchworkmcp.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resumability of the Streamable HTTP streams: every event has an id naming its stream, and a client whose
 * connection broke gets what it missed with a GET carrying {@code Last-Event-ID}, over raw HTTP and with the real
 * TypeScript SDK client (whose connections are cut mid-call by a TCP forwarder).
 */
class HttpResumabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String LONG_CALL = """
            {"jsonrpc":"2.0","id":"call-1","method":"tools/call","params":{"name":"trigger-long-running-operation",\
            "arguments":{"duration":2,"steps":4},"_meta":{"progressToken":"tok-1"}}}""";

    private HttpFrontEnd frontEnd;

    /** One SSE event as read off the wire. */
    record Event(String id, String data) {}

    @BeforeAll
    static void installPeers() throws Exception {
        HttpNodePeers.install();
    }

    @AfterEach
    void stop() {
        if (frontEnd != null) {
            frontEnd.close();
        }
    }

    private String start() {
        frontEnd = HttpFrontEnd.start(
                HttpFrontEndOptions.defaults().withPort(0), HttpTestRelay.everythingOverStdio(), HttpTestRelay.JSON);
        return "http://127.0.0.1:" + frontEnd.port() + "/mcp";
    }

    @Test
    @Timeout(60)
    void clientThatLostThePostStreamGetsTheRestOfItsCallWithLastEventId() throws Exception {
        String url = start();
        String session = HttpRawExchange.initialize(url, Map.of());
        List<Event> before = new ArrayList<>();

        try (InputStream body = post(url, session, LONG_CALL)) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            Event event;
            while ((event = next(reader)) != null) {
                before.add(event);
                if (event.data().contains("notifications/progress")) {
                    break;
                }
            }
        }
        String lastId = before.getLast().id();
        HttpResponse<String> resumed = get(url, session, lastId);
        List<Event> after = parse(resumed.body());

        assertThat(before.getFirst().id()).as("the priming event").endsWith("-0");
        assertThat(before.getFirst().data()).isEmpty();
        String stream = lastId.substring(0, lastId.indexOf('-') + 1);
        assertThat(after).isNotEmpty().allMatch(e -> e.id().startsWith(stream));
        assertThat(after.getLast().data()).contains("\"id\":\"call-1\"", "Long running operation completed");
        List<String> ids = new ArrayList<>(before.stream().map(Event::id).toList());
        ids.addAll(after.stream().map(Event::id).toList());
        assertThat(ids).doesNotHaveDuplicates();
        TreeSet<Integer> progress = new TreeSet<>();
        before.stream()
                .map(Event::data)
                .filter(d -> d.contains("notifications/progress"))
                .forEach(d -> progress.add(progressOf(d)));
        after.stream()
                .map(Event::data)
                .filter(d -> d.contains("notifications/progress"))
                .forEach(d -> progress.add(progressOf(d)));
        assertThat(progress).as("no progress lost or replayed twice").containsExactly(1, 2, 3, 4);
    }

    @Test
    @Timeout(60)
    void aLastEventIdNamingNoStreamIsRefusedWithAClearMessage() throws Exception {
        String url = start();
        String session = HttpRawExchange.initialize(url, Map.of());

        HttpResponse<String> answer = get(url, session, "41-3");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Last-Event-ID", "41-3");
    }

    @Test
    @Timeout(60)
    void theGetStreamOpensWithAPrimingEventOfStreamZero() throws Exception {
        String url = start();
        String session = HttpRawExchange.initialize(url, Map.of());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", session)
                .GET()
                .build();

        Event first;
        try (InputStream body =
                HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
            first = next(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
        }

        assertThat(first).isEqualTo(new Event("0-0", ""));
    }

    @Test
    @Timeout(90)
    void typeScriptClientResumesItsStreamsAfterTheConnectionsAreCutMidCall(@TempDir Path temp) throws Exception {
        start();

        JsonNode result = runResumingClient(frontEnd.port(), temp);

        assertResumedCall(result);
    }

    @Test
    @Timeout(120)
    void throughTheRealProxyACutCallStillCompletesForTheTypeScriptClient(@TempDir Path temp) throws Exception {
        List<String> args = new ArrayList<>(List.of("--name", "everything", "--"));
        args.addAll(HttpNodePeers.everythingStdio());
        try (HttpProxyProcess proxy = HttpProxyProcess.start(temp, args)) {

            JsonNode result = runResumingClient(proxy.port(), temp);

            assertResumedCall(result);
        }
    }

    private static void assertResumedCall(JsonNode result) {
        assertThat(result.path("text").asText()).contains("Long running operation completed");
        List<Integer> progress = new ArrayList<>();
        result.path("progress").forEach(p -> progress.add(p.asInt()));
        assertThat(progress).as("every step, once, in order").containsExactly(1, 2, 3, 4, 5, 6);
    }

    /**
     * Runs the TypeScript client through a {@link ConnectionCutter} in front of {@code port}, cuts every connection
     * once the first progress notification arrived, and returns the client's final line.
     */
    private static JsonNode runResumingClient(int port, Path temp) throws Exception {
        try (ConnectionCutter cutter = ConnectionCutter.start(port)) {
            Path out = temp.resolve("client.out");
            Path err = temp.resolve("client.err");
            Process client = new ProcessBuilder(HttpNodePeers.script(
                            "ts-resume-client.mjs", List.of("http://127.0.0.1:" + cutter.port() + "/mcp")))
                    .directory(HttpNodePeers.DIR.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            try {
                HttpFrontEndTest.awaitTrue(() -> read(out).contains("\"progress\":1"), Duration.ofSeconds(30));
                cutter.cutAll();

                assertThat(client.waitFor(45, TimeUnit.SECONDS))
                        .as("the client finished")
                        .isTrue();
            } finally {
                HttpNodePeers.stopTree(client);
            }
            String last = read(out).strip().lines().reduce((a, b) -> b).orElse("");
            assertThat(last).as("stdout: %s%nstderr: %s", read(out), read(err)).contains("\"done\":true");
            assertThat(client.exitValue()).isZero();
            return JSON.readTree(last);
        }
    }

    private static int progressOf(String data) {
        try {
            return JSON.readTree(data).path("params").path("progress").asInt();
        } catch (IOException e) {
            throw new AssertionError(data, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static InputStream post(String url, String session, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Mcp-Session-Id", session)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    private static HttpResponse<String> get(String url, String session, String lastEventId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", session)
                .header("Last-Event-ID", lastEventId)
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The next event with an id, or null at the end of the stream. */
    private static Event next(BufferedReader reader) throws IOException {
        String id = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (id != null) {
                    return new Event(id, data == null ? "" : data.toString());
                }
                data = null;
            } else if (HttpRawExchange.sseField(line, "id") != null) {
                id = HttpRawExchange.sseField(line, "id");
            } else if (HttpRawExchange.sseField(line, "data") != null) {
                data = data == null ? new StringBuilder() : data.append('\n');
                data.append(HttpRawExchange.sseField(line, "data"));
            }
        }
        return null;
    }

    private static List<Event> parse(String body) throws IOException {
        List<Event> events = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new StringReader(body));
        Event event;
        while ((event = next(reader)) != null) {
            events.add(event);
        }
        return events;
    }
}
