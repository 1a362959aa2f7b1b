package dev.patchworkmcp.sidecar.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The sidecar ingest and read benchmark (run by {@code bench/ingest/run.sh}, never by the test suite).
 *
 * <ol>
 *   <li>Ingest: the real sidecar jar on a fresh SQLite file; 64 writers, each on its own keep-alive connection,
 *       POST a fixed number of reports; prints reports/s, p50, p99 and errors (anything but 201).
 *   <li>Reads at scale: an SQLite file seeded with 1,000,000 reports; times list pages and stats.
 * </ol>
 *
 * Arguments: {@code <sidecar jar> <work dir> [reports=50000] [writers=64] [seed=1000000]}.
 */
public final class IngestBench {
    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int reports = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        int writers = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int seed = args.length > 4 ? Integer.parseInt(args[4]) : 1_000_000;
        System.out.printf(
                "machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version());
        ingest(jar, work, reports, writers);
        if (seed > 0) {
            reads(jar, work, seed);
        }
    }

    private static void ingest(Path jar, Path work, int reports, int writers) throws Exception {
        Path db = work.resolve("ingest.db");
        deleteDatabase(db);
        try (SidecarProcess sidecar = SidecarProcess.start(jar, db, work.resolve("ingest-sidecar.log"))) {
            run(sidecar.url(), Math.max(writers * 20, reports / 10), writers, "warm-up");
            long sidecarCpu = sidecar.cpuNanos();
            long benchCpu = benchCpuNanos();
            double load = loadAverage();
            Result result = run(sidecar.url(), reports, writers, "measured");
            double sidecarMs = (sidecar.cpuNanos() - sidecarCpu) / 1e6 / reports;
            double benchMs = (benchCpuNanos() - benchCpu) / 1e6 / reports;
            System.out.printf(
                    "ingest: %d reports, %d writers, %.0f reports/s, %s, errors %d (load average %.1f at start)%n",
                    reports, writers, result.perSecond(), result.latencies().summary(), result.errors(), load);
            System.out.printf(
                    "ingest cost: sidecar %.3f CPU-ms/report, load generator %.3f CPU-ms/report;"
                            + " capacity of 2 dedicated cores: %.0f reports/s (sidecar alone: %.0f)%n",
                    sidecarMs, benchMs, 2000 / (sidecarMs + benchMs), 2000 / sidecarMs);
        }
    }

    private static long benchCpuNanos() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(0L);
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    record Result(double perSecond, Latencies latencies, long errors) {}

    private static Result run(String url, int count, int writers, String label) throws Exception {
        return run(url, count, writers, i -> body(label, i));
    }

    /** Posts {@code count} reports (the {@code i}th body from {@code bodies}) from {@code writers} connections. */
    static Result run(String url, int count, int writers, IntFunction<byte[]> bodies) throws Exception {
        long[] nanos = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (KeepAliveClient client = new KeepAliveClient(url)) {
                    ready.countDown();
                    go.await();
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        byte[] body = bodies.apply(i);
                        long started = System.nanoTime();
                        int status = client.send("POST", "/api/feedback", body);
                        nanos[i] = System.nanoTime() - started;
                        if (status != 201) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.addAndGet(Math.max(1, count - next.get()));
                    ready.countDown();
                }
            }));
        }
        ready.await();
        long started = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(count / seconds, new Latencies(nanos), errors.get());
    }

    private static byte[] body(String label, int i) {
        return ("{\"server_name\":\"bench\",\"what_i_needed\":\"" + label + " report " + i
                        + ": search cost events by run_id\",\"what_i_tried\":\"list_costs, get_cost\","
                        + "\"gap_type\":\"missing_parameter\",\"resolution\":\"worked_around\","
                        + "\"tools_available\":[\"list_costs\",\"get_cost\"],\"agent_model\":\"claude-sonnet-4-5\","
                        + "\"session_id\":\"s-" + (i % 100) + "\",\"client_type\":\"claude-code\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void reads(Path jar, Path work, int seed) throws Exception {
        Path db = work.resolve("reads-" + seed + ".db");
        if (!Files.exists(db)) {
            long started = System.nanoTime();
            Seeder.seed(db, seed);
            System.out.printf("seeded %d reports in %.1f s%n", seed, (System.nanoTime() - started) / 1e9);
        }
        try (SidecarProcess sidecar = SidecarProcess.start(jar, db, work.resolve("reads-sidecar.log"));
                KeepAliveClient client = new KeepAliveClient(sidecar.url())) {
            // {label, path, rounds}: the text searches that scan get few rounds, they take seconds each.
            String[][] endpoints = {
                {"list page (limit 50)", "/api/feedback?limit=50", "40"},
                {"list page, filtered", "/api/feedback?limit=50&server_name=github&gap_type=missing_tool", "40"},
                {"list page, reviewed=false", "/api/feedback?limit=50&reviewed=false", "40"},
                {"list page, offset 10000", "/api/feedback?limit=50&offset=10000", "40"},
                {
                    "list page, since last day",
                    "/api/feedback?limit=50&since=" + LocalDate.now().minusDays(1),
                    "40"
                },
                {"stats", "/api/stats", "40"},
                {"stats, filtered", "/api/stats?server_name=github", "40"},
                {"text search q (1 match)", "/api/feedback?limit=50&q=run_id%20999999", "20"},
                {"q, 111 matches", "/api/feedback?limit=50&q=id%204242", "20"},
                {"q, 11,111 matches", "/api/feedback?limit=50&q=run_id%2077", "10"},
                {"q, 111,111 matches (11%)", "/api/feedback?limit=50&q=run_id%207", "4"},
                {"q, every report matches", "/api/feedback?limit=50&q=list_costs", "4"},
                {"stats, q in every report", "/api/stats?q=list_costs", "4"},
                {"q, 2 characters (scan)", "/api/feedback?limit=50&q=zq", "4"},
                {"stats with q (1 match)", "/api/stats?q=run_id%20999999", "20"},
                {"export ndjson, q 111 matches", "/api/export?format=ndjson&q=id%204242", "10"},
            };
            for (String[] endpoint : endpoints) {
                time(sidecar, client, endpoint[0], endpoint[1], Integer.parseInt(endpoint[2]));
            }
        }
    }

    private static void time(SidecarProcess sidecar, KeepAliveClient client, String label, String path, int rounds)
            throws Exception {
        for (int i = 0; i < Math.max(2, rounds / 2); i++) { // warm-up: let the JIT compile the path first
            client.send("GET", path, null);
        }
        long cpu = sidecar.cpuNanos();
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long started = System.nanoTime();
            int status = client.send("GET", path, null);
            nanos[i] = System.nanoTime() - started;
            if (status != 200) {
                throw new IllegalStateException(label + " answered " + status);
            }
        }
        double cpuMs = (sidecar.cpuNanos() - cpu) / 1e6 / rounds;
        System.out.printf(
                "reads at 1M: %-28s %s, sidecar CPU %.1f ms/request (%d rounds, load average %.1f)%n",
                label, new Latencies(nanos).summary(), cpuMs, rounds, loadAverage());
    }

    private static void deleteDatabase(Path db) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
    }
}
