package dev.patchworkmcp.sidecar.bench;

import dev.patchworkmcp.sidecar.Sidecar;
import dev.patchworkmcp.sidecar.SidecarConfig;
import dev.patchworkmcp.sidecar.calls.CallBatch;
import dev.patchworkmcp.sidecar.calls.CallRecord;
import dev.patchworkmcp.sidecar.calls.CallStore;
import dev.patchworkmcp.sidecar.db.Timestamps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeds a real SQLite file with call records through the sidecar's own ingest path (batches of 2000, one
 * transaction each), then times {@code GET /api/tools} and {@code /api/tools/hours} over loopback on a real
 * sidecar. Usage: {@code ToolsQueryBench <dir> [calls=1000000] [rounds=50]}; figures in bench/README.md.
 */
public final class ToolsQueryBench {
    private static final String[] SERVERS = {"memory", "github", "filesystem", "postgres"};
    private static final String[] CLIENTS = {"claude-code", "claude-desktop", "cursor", "vscode"};
    private static final int TOOLS = 20;
    private static final int BATCH = 2000;
    private static final Duration SPAN = Duration.ofDays(30);

    private ToolsQueryBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path db = dir.resolve("calls-bench.db");
        Files.deleteIfExists(db);
        Sidecar sidecar = Sidecar.start(SidecarConfig.forTests(db));
        try {
            seed(new CallStore(sidecar.parts().database(), Clock.systemUTC()), calls);
            String base = "http://127.0.0.1:" + sidecar.port() + "/api/tools";
            String day = Timestamps.format(Instant.now().minus(Duration.ofDays(1)));
            time("all time, one server", base + "?server_name=github", rounds);
            time("last 24 h", base + "?server_name=github&since=" + day.replace("+", "%2B"), rounds);
            time("one client", base + "?server_name=github&client_name=cursor", rounds);
            time("hours (chart)", base + "/hours?server_name=github", rounds);
            System.out.printf("database file: %d MB%n", Files.size(db) >> 20);
        } finally {
            sidecar.stop();
        }
    }

    private static void seed(CallStore store, int calls) {
        Random random = new Random(42);
        Instant start = Instant.now().minus(SPAN);
        long stepMicros = SPAN.toNanos() / 1000 / calls;
        long began = System.nanoTime();
        for (int from = 0; from < calls; from += BATCH) {
            List<CallRecord> records = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(calls, from + BATCH); i++) {
                boolean failed = random.nextInt(20) == 0;
                records.add(new CallRecord(
                        "tools/call",
                        "tool_" + random.nextInt(TOOLS),
                        CLIENTS[random.nextInt(CLIENTS.length)],
                        "1.0",
                        "session-" + (i / 50),
                        "2025-11-25",
                        Timestamps.format(start.plusNanos(i * stepMicros * 1000)),
                        Math.exp(random.nextGaussian() + 3),
                        failed ? CallRecord.Outcome.TOOL_ERROR : CallRecord.Outcome.OK,
                        null,
                        "",
                        200 + random.nextInt(2000),
                        1000 + random.nextInt(20000),
                        null));
            }
            store.store(
                    new CallBatch("bench-" + from, SERVERS[(from / BATCH) % SERVERS.length], List.of(), 0, records));
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf(
                "seeded %,d calls in %.1f s through CallStore.store: %,.0f calls/s%n", calls, seconds, calls / seconds);
    }

    private static void time(String label, String url, int rounds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        String body = "";
        long[] nanos = new long[rounds];
        for (int i = -5; i < rounds; i++) {
            long began = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (i >= 0) {
                nanos[i] = System.nanoTime() - began;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            body = response.body();
        }
        Arrays.sort(nanos);
        System.out.printf(
                "%-22s p50 %6.1f ms  p95 %6.1f ms  (%d rounds, %d bytes)%n",
                label, nanos[rounds / 2] / 1e6, nanos[(int) (rounds * 0.95)] / 1e6, rounds, body.length());
    }
}
