package dev.patchworkmcp.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventsTest extends ApiTestBase {

    @Override
    SidecarConfig configure(SidecarConfig config) {
        return config.withHeartbeat(Duration.ofSeconds(1));
    }

    @Test
    void streamsEachNewReportAndHeartbeats() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port() + "/api/events"))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        Thread.ofVirtual().start(() -> response.body().forEach(lines::add));
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        awaitLine(lines, ":connected");

        String id = api.record(Reports.minimal("live").toString());

        awaitLine(lines, "event:feedback");
        String data = awaitLine(lines, "data:");
        assertThat(data).contains(id).contains("\"what_i_needed\":\"live\"");
        awaitLine(lines, ":heartbeat");
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.replace(": ", ":").startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("No line starting with '" + prefix + "' within 10 s");
    }
}
