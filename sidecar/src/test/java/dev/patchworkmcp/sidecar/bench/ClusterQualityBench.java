package dev.patchworkmcp.sidecar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Cluster quality through a real sidecar: posts a labelled set (JSON lines {@code set, server, gap, text}, made by
 * bench/clusters/datasets.py) to the sidecar jar over HTTP, the text as {@code what_i_needed} and as
 * {@code what_i_tried} either "n/a" or one of a few generic sentences agents write; waits until every report is clustered; reads each report's
 * {@code cluster_id} back and prints clusters, NMI, ARI, purity and inverse purity, then the same after
 * {@code POST /api/clusters/recluster}. Cost is the sidecar's CPU time per report (ingest, embedding and
 * clustering together), which a busy machine changes less than wall time; the load average is printed beside it.
 *
 * <p>Arguments: {@code <sidecar jar> <work dir> <set.jsonl>... [threshold=T] [merge=M]} (defaults: the sidecar's).
 */
public final class ClusterQualityBench {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What agents write when they found nothing: the same few sentences under every gap. */
    static final List<String> GENERIC_TRIED = List.of(
            "Looked through the available tools and found nothing that does this.",
            "I checked the tool list but none of the tools cover it.",
            "Searched the tools for something suitable; nothing matched.",
            "Tried the existing tools, but none of them support this.",
            "No tool on this server does it, so I could not help the user.",
            "I went over every tool description and none fits this request.");

    record Labelled(String server, String gap, String text) {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        Map<String, String> settings = new HashMap<>();
        List<Path> sets = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("threshold=")) {
                settings.put("FEEDBACK_CLUSTER_THRESHOLD", args[i].substring("threshold=".length()));
            } else if (args[i].startsWith("merge=")) {
                settings.put("FEEDBACK_CLUSTER_MERGE_THRESHOLD", args[i].substring("merge=".length()));
            } else {
                sets.add(Path.of(args[i]));
            }
        }
        System.out.printf("settings: %s (empty = the sidecar's defaults)%n", settings);
        for (Path set : sets) {
            List<Labelled> reports = read(set);
            for (boolean tried : new boolean[] {false, true}) {
                run(jar, work, set.getFileName().toString().replace(".jsonl", ""), reports, tried, settings);
            }
        }
    }

    static List<Labelled> read(Path set) throws Exception {
        List<Labelled> reports = new ArrayList<>();
        for (String line : Files.readAllLines(set)) {
            JsonNode row = JSON.readTree(line);
            reports.add(new Labelled(
                    row.get("server").asText(),
                    row.get("gap").asText(),
                    row.get("text").asText()));
        }
        Collections.shuffle(reports, new Random(42)); // arrival order mixes the gaps, as in real use
        return reports;
    }

    private static void run(
            Path jar, Path work, String name, List<Labelled> reports, boolean tried, Map<String, String> settings)
            throws Exception {
        Path db = work.resolve("quality.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        try (SidecarProcess sidecar = SidecarProcess.start(jar, db, work.resolve("quality-sidecar.log"), settings)) {
            Random random = new Random(7);
            List<String> triedText = reports.stream()
                    .map(r -> tried ? GENERIC_TRIED.get(random.nextInt(GENERIC_TRIED.size())) : "n/a")
                    .toList();
            long cpuBefore = sidecar.cpuNanos();
            long started = System.nanoTime();
            IngestBench.Result ingest =
                    IngestBench.run(sidecar.url(), reports.size(), 8, i -> body(reports.get(i), i, triedText.get(i)));
            if (ingest.errors() > 0) {
                throw new IllegalStateException(ingest.errors() + " reports were refused; see the sidecar's log");
            }
            Map<String, String> clusters = waitForClusters(sidecar.url(), reports.size());
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuMs = (sidecar.cpuNanos() - cpuBefore) / 1e6 / reports.size();
            String text = tried ? "need + generic tried" : "need (tried: n/a)";
            print(name, text, "online", reports, clusters, cpuMs, seconds);
            post(sidecar.url() + "/api/clusters/recluster", "{}");
            print(name, text, "re-cluster", reports, waitForClusters(sidecar.url(), reports.size()), cpuMs, seconds);
        }
    }

    private static void print(
            String set,
            String text,
            String step,
            List<Labelled> reports,
            Map<String, String> clusterOf,
            double cpuMs,
            double seconds) {
        List<String> predicted = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            predicted.add(clusterOf.get("r" + i));
            truth.add(reports.get(i).server() + "/" + reports.get(i).gap());
        }
        ClusterScores s = ClusterScores.of(predicted, truth);
        System.out.printf(
                "%-9s %-21s %-10s %5d reports %4d gaps -> %4d clusters  NMI %.3f  ARI %.3f  purity %.3f  inverse"
                        + " purity %.3f  sidecar CPU %.2f ms/report  wall %.1f s  load %.1f%n",
                set,
                text,
                step,
                reports.size(),
                s.gaps(),
                s.clusters(),
                s.nmi(),
                s.ari(),
                s.purity(),
                s.inversePurity(),
                cpuMs,
                seconds,
                IngestBench.loadAverage());
    }

    static byte[] body(Labelled report, int i, String tried) {
        ObjectNode json = JSON.createObjectNode()
                .put("server_name", report.server())
                .put("what_i_needed", report.text())
                .put("gap_type", "missing_tool")
                .put("session_id", "r" + i)
                .put("what_i_tried", tried);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Polls until every report has a cluster; returns session id ("r" + index) to cluster id. */
    static Map<String, String> waitForClusters(String url, int total) throws Exception {
        long deadline = System.nanoTime() + 3_600_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, String> clusterOf = new HashMap<>();
            for (int offset = 0; offset < total; offset += 500) {
                for (JsonNode item : ClusterCatchUpBench.get(url + "/api/feedback?limit=500&offset=" + offset)) {
                    if (!item.path("cluster_id").isNull()) {
                        clusterOf.put(
                                item.path("session_id").asText(),
                                item.path("cluster_id").asText());
                    }
                }
            }
            if (clusterOf.size() >= total) {
                return clusterOf;
            }
            Thread.sleep(500); // a benchmark's polling interval, not a test's wait
        }
        throw new IllegalStateException("clustering did not finish within an hour");
    }

    /** POSTs {@code json} to {@code uri}; fails unless the answer is 200. */
    static void post(String uri, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(uri))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
