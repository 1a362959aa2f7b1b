package dev.patchworkmcp.proxy.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The call records' sender against a real sidecar on loopback that is down, then up. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallRecordSenderTest {

    private static final CallRecordSender.Limits SMALL =
            new CallRecordSender.Limits(100, 50, Duration.ofMillis(50), Duration.ofMillis(200));

    @TempDir
    Path temp;

    @Test
    void keepsAtMostItsCapacityAndCountsWhatItDropsWhileTheSidecarIsDown() throws Exception {
        try (CallRecordSender sender = CallRecordSender.start(
                "down", CallRecordMode.ON, URI.create("http://127.0.0.1:" + freePort()), null, "test", SMALL)) {

            for (int i = 0; i < 1000; i++) {
                sender.record(call("echo"));
            }

            assertThat(sender.buffered()).isLessThanOrEqualTo(100);
            assertThat(sender.dropped() + sender.buffered())
                    .as("all but at most one batch in flight are buffered or counted as dropped")
                    .isBetween(950L, 1000L);
        }
    }

    @Test
    void retriesTheSameBatchUntilTheSidecarIsUpAndItIsStoredOnce() throws Exception {
        int port = freePort();
        try (CallRecordSender sender = CallRecordSender.start(
                "later", CallRecordMode.ON, URI.create("http://127.0.0.1:" + port), null, "test", SMALL)) {
            for (int i = 0; i < 10; i++) {
                sender.record(call("echo"));
            }
            awaitEmpty(sender);

            Sidecar sidecar = Sidecar.start(
                    SidecarConfig.forTests(temp.resolve("sidecar.db")).withPort(port));
            try {
                JsonNode echo = awaitTool(sidecar, "later", "echo");

                assertThat(echo.path("calls").asInt()).isEqualTo(10);
                assertThat(sender.dropped()).isZero();
            } finally {
                sidecar.stop();
            }
        }
    }

    /**
     * While the sidecar answers 503, the batch is retried after growing pauses, however fast new records arrive:
     * a record that fills a batch must not cut the pause short (that made a busy loop of POSTs, with its CPU and
     * garbage taken from the relay, whenever the sidecar was away).
     */
    @Test
    void newRecordsDoNotCutTheRetryPauseShort() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        HttpServer unavailable = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        unavailable.createContext("/", exchange -> {
            attempts.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        unavailable.start();
        CallRecordSender.Limits limits =
                new CallRecordSender.Limits(1000, 10, Duration.ofMillis(50), Duration.ofSeconds(2));
        try (CallRecordSender sender = CallRecordSender.start(
                "busy",
                CallRecordMode.ON,
                URI.create("http://127.0.0.1:" + unavailable.getAddress().getPort()),
                null,
                "test",
                limits)) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() < until) {
                for (int i = 0; i < 20; i++) {
                    sender.record(call("echo"));
                }
                Thread.sleep(1);
            }

            // Pauses of 0.5, 1 and 2 s: at most 3 attempts in 1.5 s; a few more allowed for a slow machine.
            assertThat(attempts.get()).as("POST attempts in 1.5 s").isBetween(1, 6);
        } finally {
            unavailable.stop(0);
        }
    }

    private static CallRecord call(String tool) {
        return new CallRecord(
                "tools/call",
                tool,
                new CallRecord.Client("client", "1.0", "2025-06-18"),
                "session-1",
                Instant.now(),
                1500,
                CallRecord.Outcome.OK,
                0,
                null,
                10,
                20,
                null);
    }

    /** Waits until the records are in a batch (the one being retried). */
    private static void awaitEmpty(CallRecordSender sender) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sender.buffered() > 0 && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(sender.buffered()).isZero();
    }

    private static JsonNode awaitTool(Sidecar sidecar, String server, String tool) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + sidecar.port() + "/api/tools?server_name=" + server))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode row : new ObjectMapper().readTree(response.body())) {
                if (row.path("tool").asText().equals(tool)) {
                    return row;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no calls of " + tool + " reached the sidecar: " + response.body());
            }
            pause();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void pause() throws InterruptedException {
        Object lock = new Object();
        synchronized (lock) {
            lock.wait(50);
        }
    }
}
