package dev.patchworkmcp.sidecar.calls;

/**
 * One row of the Tools page: a tool's calls, errors and latency percentiles (ms, null without calls) in the
 * selected range, when it was last called (null when never) and whether the server advertises it. Immutable.
 */
public record ToolFigures(
        String tool, long calls, long errors, Double p50Ms, Double p95Ms, String lastCalledAt, boolean advertised) {

    /** errors / calls, 0 when never called. */
    public double errorRate() {
        return calls == 0 ? 0 : Math.round(errors * 10_000.0 / calls) / 10_000.0;
    }
}
