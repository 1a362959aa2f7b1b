package dev.patchworkmcp.sidecar.calls;

/**
 * Fixed latency buckets for the hourly rollup, so percentiles over any range are sums of counts. Bucket {@code i}
 * holds latencies in {@code (BOUNDS[i-1], BOUNDS[i]]} ms; the last one everything above a minute. A percentile is
 * interpolated inside its bucket, so it is exact to within the bucket's width (about 1.5x from one bound to the
 * next). Stateless.
 */
public final class LatencyHistogram {
    /** Upper bounds in ms of every bucket but the last. */
    static final double[] BOUNDS = {
        1, 2, 3, 5, 8, 13, 20, 30, 50, 80, 130, 200, 300, 500, 800, 1300, 2000, 3000, 5000, 8000, 13000, 20000, 60000
    };

    public static final int BUCKETS = BOUNDS.length + 1;

    private LatencyHistogram() {}

    public static int bucket(double latencyMs) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (latencyMs <= BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }

    /** The column holding bucket {@code i} in {@code call_hours}. */
    static String column(int i) {
        return String.format("b%02d", i);
    }

    /** The {@code q} quantile (0..1) of the latencies counted in {@code counts}; null when there are none. */
    public static Double quantile(long[] counts, double q) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return null;
        }
        double rank = Math.max(1, Math.ceil(q * total));
        long before = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && before + counts[i] >= rank) {
                double low = i == 0 ? 0 : BOUNDS[i - 1];
                if (i == BOUNDS.length) {
                    return low;
                }
                double within = (rank - before) / counts[i];
                return Math.round((low + (BOUNDS[i] - low) * within) * 10) / 10.0;
            }
            before += counts[i];
        }
        return BOUNDS[BOUNDS.length - 1];
    }
}
