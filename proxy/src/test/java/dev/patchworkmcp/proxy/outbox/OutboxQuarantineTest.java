package dev.patchworkmcp.proxy.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Entries that are not reports leave the outbox for {@code quarantine/}; the reports behind them reach a real sidecar. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutboxQuarantineTest {

    private static final RetryPolicy FAST =
            new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(200));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = "quarantine-test";

    @TempDir
    Path temp;

    private final Logger senderLog = Logger.getLogger(OutboxSender.class.getName());
    private final List<String> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (warnings) {
                    warnings.add(record.getMessage());
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Sidecar sidecar;
    private OutboxSender sender;

    @BeforeEach
    void start() {
        sidecar = Sidecar.start(SidecarConfig.forTests(temp.resolve("sidecar.db")));
        // after the sidecar's start, which resets the logging configuration
        senderLog.addHandler(capture);
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        sidecar.stop();
        senderLog.removeHandler(capture);
    }

    @Test
    void movesEntriesThatAreNotReportsAsideAndDeliversEveryReportOnce() throws Exception {
        Outbox outbox = new Outbox(temp.resolve("outbox"));
        Path first = outbox.write("valid-first", report("first"));
        outbox.write("valid-second", report("second"));
        Path directory = outbox.directory();
        Files.copy(first, directory.resolve("9999999999999-valid-first.json"));
        List<String> defective = List.of(
                "0000000000001-empty.json",
                "0000000000002-garbage.json",
                "0000000000003-folder.json",
                "0000000000004-array.json",
                "0000000000005-trailing.json");
        Files.writeString(directory.resolve(defective.get(0)), "");
        Files.writeString(directory.resolve(defective.get(1)), "this is not JSON {");
        Files.createDirectories(directory.resolve(defective.get(2)));
        Files.writeString(directory.resolve(defective.get(3)), "[1, 2]");
        Files.writeString(directory.resolve(defective.get(4)), report("third") + " {}");

        sender = OutboxSender.start(
                outbox, new SidecarClient(URI.create(sidecarUrl()), null, "patchwork-proxy/test"), FAST);

        await(() -> outbox.pending().isEmpty());
        await(() -> storedNeeds().size() == 2);
        assertThat(storedNeeds()).containsExactlyInAnyOrder("first", "second");
        try (Stream<Path> quarantined = Files.list(directory.resolve("quarantine"))) {
            assertThat(quarantined.map(path -> path.getFileName().toString()))
                    .containsAll(defective)
                    .contains("0000000000003-folder.json.reason.txt");
        }
        assertThat(directory.resolve("quarantine").resolve("0000000000002-garbage.json.reason.txt"))
                .content()
                .contains("not JSON");
        assertThat(warnings())
                .hasSize(defective.size())
                .allSatisfy(line -> assertThat(line)
                        .contains(
                                "will never be delivered",
                                directory.resolve("quarantine").toString()));
    }

    private static String report(String need) {
        return JSON.createObjectNode()
                .put("server_name", SERVER)
                .put("what_i_needed", need)
                .put("what_i_tried", "search")
                .put("gap_type", "missing_tool")
                .toString();
    }

    private String sidecarUrl() {
        return "http://127.0.0.1:" + sidecar.port();
    }

    private List<String> storedNeeds() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(sidecarUrl() + "/api/feedback?server_name=" + SERVER))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            JsonNode items = body.isArray() ? body : body.path("items");
            List<String> needs = new ArrayList<>();
            items.forEach(item -> needs.add(item.path("what_i_needed").asText()));
            return needs;
        } catch (Exception e) {
            throw new AssertionError("could not read the sidecar's reports", e);
        }
    }

    private List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Object pause = new Object();
            synchronized (pause) {
                pause.wait(50);
            }
        }
    }
}
