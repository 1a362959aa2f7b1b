package dev.patchworkmcp.sidecar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ingest with clustering on, then how long the background clustering takes to catch up (run by {@code
 * bench/insight/catchup.sh}, never by the test suite). The real sidecar jar on a fresh SQLite file with its
 * defaults (clustering on); 64 writers on keep-alive connections post the reports like {@link IngestBench}; then
 * the newest report is polled until it has a {@code cluster_id} (the worker clusters oldest first) and the
 * clusters' report counts add up to every report.
 *
 * <p>Arguments: {@code <sidecar jar> <work dir> [reports=30000] [writers=64] [rounds=3]}.
 */
public final class ClusterCatchUpBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ClusterCatchUpBench() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int reports = args.length > 2 ? Integer.parseInt(args[2]) : 30_000;
        int writers = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        for (int round = 1; round <= rounds; round++) {
            Path db = work.resolve("catchup.db");
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
            try (SidecarProcess sidecar = SidecarProcess.start(jar, db, work.resolve("catchup-sidecar.log"))) {
                int warmUp = Math.max(writers * 20, reports / 10);
                long warmUpStarted = System.nanoTime();
                IngestBench.run(sidecar.url(), warmUp, writers, i -> body("warm-up", i));
                long warmUpCatchUp = catchUp(sidecar.url(), warmUp) - warmUpStarted;
                double load = IngestBench.loadAverage();
                long started = System.nanoTime();
                IngestBench.Result result = IngestBench.run(sidecar.url(), reports, writers, i -> body("measured", i));
                long ingestEnded = System.nanoTime();
                long caughtUp = catchUp(sidecar.url(), warmUp + reports);
                System.out.printf(
                        "round %d: ingest %d reports, %d writers, clustering on: %.0f reports/s, %s, errors %d"
                                + " (load average %.1f at start, %.1f at the end of ingest)%n",
                        round,
                        reports,
                        writers,
                        result.perSecond(),
                        result.latencies().summary(),
                        result.errors(),
                        load,
                        IngestBench.loadAverage());
                System.out.printf(
                        "round %d: clusters caught up %.1f s after ingest ended (%.1f s after it started;"
                                + " %.0f reports/s clustered); the warm-up's %d were clustered %.1f s after they started%n",
                        round,
                        (caughtUp - ingestEnded) / 1e9,
                        (caughtUp - started) / 1e9,
                        reports / ((caughtUp - started) / 1e9),
                        warmUp,
                        warmUpCatchUp / 1e9);
            }
        }
    }

    /** Waits until every one of {@code total} reports is in a cluster; returns System.nanoTime() then. */
    private static long catchUp(String url, int total) throws Exception {
        long started = System.nanoTime();
        while (System.nanoTime() - started < 3_600_000_000_000L) {
            JsonNode newest = get(url + "/api/feedback?limit=1");
            if (newest.size() == 1 && !newest.get(0).path("cluster_id").isNull()) {
                int clustered = 0;
                for (JsonNode cluster : get(url + "/api/clusters?limit=500")) {
                    clustered += cluster.path("reports").asInt();
                }
                if (clustered >= total) {
                    return System.nanoTime();
                }
            }
            Thread.sleep(250); // a benchmark's polling interval, not a test's wait
        }
        throw new IllegalStateException("clustering did not catch up within an hour");
    }

    /** GET {@code uri} as JSON. */
    static JsonNode get(String uri) throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** Reports of 40 distinct gaps on 4 servers, reworded per report, so clusters form as in real use. */
    private static byte[] body(String label, int i) {
        int gap = i % 40;
        return ("{\"server_name\":\"bench-" + (gap % 4) + "\",\"what_i_needed\":\"" + label + " " + i
                        + ": needed to filter the results of tool " + gap + " by field_" + gap
                        + "\",\"what_i_tried\":\"list_" + gap + ", get_" + gap + "\","
                        + "\"gap_type\":\"missing_parameter\",\"resolution\":\"worked_around\","
                        + "\"tools_available\":[\"list_" + gap + "\"],\"agent_model\":\"claude-sonnet-4-5\","
                        + "\"session_id\":\"s-" + (i % 100) + "\",\"client_type\":\"claude-code\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
