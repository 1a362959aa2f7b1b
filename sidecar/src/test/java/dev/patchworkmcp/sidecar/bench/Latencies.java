package dev.patchworkmcp.sidecar.bench;

import java.util.Arrays;

/** Percentiles of recorded durations in nanoseconds. */
record Latencies(long[] nanos) {

    double percentileMillis(double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
    }

    String summary() {
        return String.format("p50 %.2f ms, p99 %.2f ms", percentileMillis(50), percentileMillis(99));
    }
}
