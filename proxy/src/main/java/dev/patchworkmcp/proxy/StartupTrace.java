package dev.patchworkmcp.proxy;

import java.time.Duration;
import java.time.Instant;

/**
 * With {@code PATCHWORK_TRACE_START=1}, prints to stderr how long after the JVM started each startup step
 * happened; used to tune the start-to-first-tools/list time. The process start time is read once (the first
 * mark pays for it); later marks cost a {@link System#nanoTime()}. Costs nothing when off.
 */
public final class StartupTrace {

    private static final boolean ON = System.getenv("PATCHWORK_TRACE_START") != null;
    private static volatile long originNanos;

    private StartupTrace() {}

    /** Notes that {@code step} just happened. */
    public static void mark(String step) {
        if (ON) {
            long now = System.nanoTime();
            if (originNanos == 0) {
                Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
                originNanos = now - Duration.between(started, Instant.now()).toNanos();
            }
            System.err.println(
                    "patchwork proxy: start trace: " + step + " at +" + (now - originNanos) / 1_000_000 + " ms");
        }
    }
}
