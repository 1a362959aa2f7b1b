package dev.patchworkmcp.proxy.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender against a loopback HTTP server that answers the statuses a sidecar can answer, including the
 * failures (5xx, 4xx) a healthy real sidecar never gives on demand. The end-to-end tests use the real one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboxSenderTest {

    private static final RetryPolicy FAST =
            new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(200));

    @TempDir
    Path temp;

    private HttpServer server;
    private final ConcurrentLinkedDeque<Integer> statuses = new ConcurrentLinkedDeque<>();
    private final List<String> received = new ArrayList<>();
    private Outbox outbox;
    private OutboxSender sender;

    @BeforeEach
    void startFakeSidecar() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/feedback", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (received) {
                received.add(exchange.getRequestHeaders().getFirst("Idempotency-Key") + " "
                        + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            }
            Integer status = statuses.pollFirst();
            byte[] answer = ("{\"detail\":\"status " + (status == null ? 201 : status) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 201 : status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        outbox = new Outbox(temp);
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        server.stop(0);
    }

    private void startSender(String apiKey) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        sender = OutboxSender.start(outbox, new SidecarClient(base, apiKey, "patchwork-proxy/test"), FAST);
    }

    private List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Test
    void deliversWithTheIdempotencyKeyAndDeletesTheFile() throws Exception {
        outbox.write("key-1", "{\"n\":1}");

        startSender("ingest-secret");

        await(() -> outbox.pending().isEmpty());
        assertThat(received()).containsExactly("key-1 Bearer ingest-secret {\"n\":1}");
    }

    @Test
    void retriesServerErrorsUnderTheSameKeyUntilDelivered() throws Exception {
        statuses.add(503);
        statuses.add(500);
        outbox.write("key-2", "{\"n\":2}");

        startSender(null);

        await(() -> outbox.pending().isEmpty());
        assertThat(received()).containsExactly("key-2 null {\"n\":2}", "key-2 null {\"n\":2}", "key-2 null {\"n\":2}");
    }

    @Test
    void movesAPermanentlyRefusedReportAsideAndGoesOn() throws Exception {
        statuses.add(422);
        Path refused = outbox.write("refused", "{\"n\":3}");
        startSender(null);
        await(() -> Files.exists(temp.resolve("rejected").resolve(refused.getFileName())));

        outbox.write("later", "{\"n\":4}");
        sender.wake();

        await(() -> outbox.pending().isEmpty());
        assertThat(received()).containsExactly("refused null {\"n\":3}", "later null {\"n\":4}");
        assertThat(temp.resolve("rejected").resolve(refused.getFileName() + ".reason.txt"))
                .content()
                .contains("HTTP 422");
    }

    @Test
    void keepsAReportRefusedForItsKeyForTheNextProxy() throws Exception {
        statuses.add(401);
        Path kept = outbox.write("unauthorized", "{\"n\":5}");
        startSender("wrong-key");
        await(() -> received().size() == 1);

        outbox.write("next", "{\"n\":6}");
        sender.wake();

        await(() -> outbox.pending().equals(List.of(kept)));
        assertThat(received()).hasSize(2);
        assertThat(received().get(1)).startsWith("next ");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Object pause = new Object();
            synchronized (pause) {
                pause.wait(20);
            }
        }
    }
}
