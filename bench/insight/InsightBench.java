// Gap-intelligence benchmark: embedding and assignment throughput, and re-clustering 100,000 stored reports.
// Run by bench/insight/run.sh with the sidecar's jar and libs on the class path (Java source launcher).
import dev.patchworkmcp.sidecar.db.Database;
import dev.patchworkmcp.sidecar.db.DatabaseConfig;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterIndex;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterService;
import dev.patchworkmcp.sidecar.insight.clustering.ClusterSettings;
import dev.patchworkmcp.sidecar.insight.clustering.Reclustering;
import dev.patchworkmcp.sidecar.insight.embedding.ReportEmbedder;
import dev.patchworkmcp.sidecar.insight.embedding.UnitVector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

public class InsightBench {
    static final int DIMENSION = 384;
    static final String[] SERVERS = {"costs", "files", "calendar", "search", "tickets"};
    static final String[] ACTIONS = {"filter", "export", "group", "convert", "delete", "search", "sort", "page"};
    static final String[] OBJECTS = {"costs", "events", "files", "tickets", "invoices", "users", "logs", "repos"};
    static final String[] BY = {"by date range", "by owner", "as CSV", "in euros", "recursively", "by tag", "by status"};

    public static void main(String[] args) throws Exception {
        int reports = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int embedCount = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        embedding(embedCount);
        assignment(reports);
        recluster(reports);
    }

    static List<String> texts(int n, Random random) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add("I needed to " + pick(ACTIONS, random) + " " + pick(OBJECTS, random) + " " + pick(BY, random)
                    + "\nAdd a parameter to the " + pick(OBJECTS, random) + " tool\nCalled list_" + pick(OBJECTS, random)
                    + " and filtered the result myself (attempt " + i + ")");
        }
        return texts;
    }

    static void embedding(int n) {
        long loadStart = System.nanoTime();
        ReportEmbedder embedder = ReportEmbedder.open();
        embedder.embed("warm up the model");
        double loadMs = (System.nanoTime() - loadStart) / 1e6;
        List<String> texts = texts(n, new Random(1));
        long[] single = new long[Math.min(64, n)];
        for (int i = 0; i < single.length; i++) {
            long start = System.nanoTime();
            embedder.embed(texts.get(i));
            single[i] = System.nanoTime() - start;
        }
        Arrays.sort(single);
        long start = System.nanoTime();
        for (int i = 0; i < texts.size(); i += 32) {
            embedder.embedAll(texts.subList(i, Math.min(texts.size(), i + 32)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("embedding: model load + first call %.0f ms; one report p50 %.1f ms, p95 %.1f ms;"
                        + " batches of 32: %.0f reports/s (%d reports)%n",
                loadMs, single[single.length / 2] / 1e6, single[single.length * 95 / 100] / 1e6, n / seconds, n);
    }

    /** Synthetic embeddings: per server, topics with 100 near-duplicates each (cosine about 0.8 to the topic). */
    static List<UnitVector> vectors(int n, Random random, int[] serverOf) {
        int topicsPerServer = Math.max(1, n / SERVERS.length / 100);
        float[][] topics = new float[SERVERS.length * topicsPerServer][];
        for (int t = 0; t < topics.length; t++) {
            topics[t] = gaussian(random, 1.0);
        }
        List<UnitVector> vectors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int server = random.nextInt(SERVERS.length);
            int topic = server * topicsPerServer + random.nextInt(topicsPerServer);
            float[] center = UnitVectorMath.unit(topics[topic]);
            float[] noise = UnitVectorMath.unit(gaussian(random, 1.0));
            float[] v = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                v[d] = center[d] + 0.75f * noise[d];
            }
            serverOf[i] = server;
            vectors.add(UnitVector.of(v));
        }
        return vectors;
    }

    static void assignment(int n) {
        int[] serverOf = new int[n];
        List<UnitVector> vectors = vectors(n, new Random(2), serverOf);
        ClusterSettings settings = ClusterSettings.defaults();
        ClusterIndex index = new ClusterIndex(settings.threshold());
        int[] next = {0};
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String server = SERVERS[serverOf[i]];
            String current = index.assign(server, vectors.get(i), () -> "c" + next[0]++).clusterId();
            java.util.Optional<String> partner; // both steps, as the worker runs them
            while ((partner = index.mergePartner(server, current, settings.mergeThreshold(), id -> true)).isPresent()) {
                index.merge(server, partner.get(), current);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int clusters = 0;
        for (String server : SERVERS) {
            clusters += index.clusterIds(server).size();
        }
        System.out.printf("assignment + merges (in memory, %d reports, %d servers, %s): %.0f reports/s, %d clusters"
                        + " (load %.1f)%n",
                n, SERVERS.length, settings, n / seconds, clusters, loadAverage());
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    static void recluster(int n) throws Exception {
        Path dir = Files.createTempDirectory("insight-bench");
        try (Database database = Database.open(DatabaseConfig.sqlite(dir.resolve("bench.db")))) {
            long seedStart = System.nanoTime();
            seed(database, n);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            ClusterService service = new ClusterService(
                    database,
                    ClusterSettings.defaults(),
                    () -> { throw new IllegalStateException("the benchmark embeds nothing"); },
                    Clock.systemUTC(),
                    change -> {});
            Reclustering.Result result = new Reclustering(service).run();
            System.out.printf("recluster (SQLite, %d stored reports, seeded in %.1f s): %.1f s (%.1f s reading and"
                            + " assigning, the rest writing), %.0f reports/s, %d clusters%n",
                    result.reports(), seedSeconds, result.millis() / 1000.0, result.assignMillis() / 1000.0,
                    result.reports() / (result.millis() / 1000.0), result.clustersAfter());
            System.out.printf("load average %.1f%n", loadAverage());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Feedback rows and their stored embeddings (all in one placeholder cluster), by plain JDBC batches. */
    static void seed(Database database, int n) throws Exception {
        int[] serverOf = new int[n];
        List<UnitVector> vectors = vectors(n, new Random(3), serverOf);
        DateTimeFormatter format =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);
        Instant base = Instant.parse("2026-11-01T00:00:00Z");
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement feedback = connection.prepareStatement(
                            "INSERT INTO feedback (id, server_name, timestamp, what_i_needed, what_i_tried, gap_type,"
                                    + " session_id, resolution) VALUES (?, ?, ?, ?, ?, 'missing_tool', ?, 'blocked')");
                    PreparedStatement report = connection.prepareStatement(
                            "INSERT INTO insight_reports (feedback_id, cluster_id, model, vector, similarity,"
                                    + " assigned_at) VALUES (?, 'seed', ?, ?, 1.0, ?)")) {
                for (int i = 0; i < n; i++) {
                    String id = UUID.randomUUID().toString();
                    String at = format.format(base.plusMillis(i * 10L));
                    feedback.setString(1, id);
                    feedback.setString(2, SERVERS[serverOf[i]]);
                    feedback.setString(3, at);
                    feedback.setString(4, "generated gap " + i);
                    feedback.setString(5, "generated attempt");
                    feedback.setString(6, "session-" + (i % 5000));
                    feedback.addBatch();
                    report.setString(1, id);
                    report.setString(2, ReportEmbedder.MODEL);
                    report.setString(3, vectors.get(i).encode());
                    report.setString(4, at);
                    report.addBatch();
                    if (i % 5000 == 4999) {
                        feedback.executeBatch();
                        report.executeBatch();
                    }
                }
                feedback.executeBatch();
                report.executeBatch();
            }
            connection.commit();
        }
    }

    static float[] gaussian(Random random, double scale) {
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    static <T> T pick(T[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    static final class UnitVectorMath {
        static float[] unit(float[] v) {
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = (float) (v[i] / Math.sqrt(norm));
            }
            return out;
        }
    }
}
