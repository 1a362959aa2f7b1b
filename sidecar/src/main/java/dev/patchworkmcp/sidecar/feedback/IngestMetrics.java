package dev.patchworkmcp.sidecar.feedback;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Timer;
import java.time.Duration;

/**
 * Ingest meters published at {@code /metrics}: reports recorded, duplicates, rejected, and the latency of
 * {@code POST /api/feedback} (validation plus the database write). Thread-safe (the meters are).
 */
public final class IngestMetrics {
    private final Counter recorded;
    private final Counter duplicates;
    private final Counter rejected;
    private final Timer latency;

    public IngestMetrics(MeterRegistry registry) {
        recorded = registry.getOrCreate(
                Counter.builder("patchwork.reports.recorded").description("Reports stored by POST /api/feedback"));
        duplicates = registry.getOrCreate(Counter.builder("patchwork.reports.duplicates")
                .description("Reports answered as duplicates of a known idempotency key"));
        rejected = registry.getOrCreate(
                Counter.builder("patchwork.reports.rejected").description("Reports refused for invalid input"));
        latency = registry.getOrCreate(Timer.builder("patchwork.ingest.latency")
                .description("Time to validate and store one report")
                .percentiles(0.5, 0.99));
    }

    void recorded(long nanos) {
        recorded.increment();
        latency.record(Duration.ofNanos(nanos));
    }

    void duplicate(long nanos) {
        duplicates.increment();
        latency.record(Duration.ofNanos(nanos));
    }

    void rejected() {
        rejected.increment();
    }
}
