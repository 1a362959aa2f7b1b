package dev.patchworkmcp.proxy;

import java.time.Duration;
import java.time.Instant;

/**
 * With {@code PATCHWORK_TRACE_START=1}, prints to stderr how long after the JVM started each startup step
 * happened; used to tune the start-to-first-tools/list time. Costs nothing when off.
 */
public final class StartupTrace {

    private static final boolean ON = System.getenv("PATCHWORK_TRACE_START") != null;

    private StartupTrace() {}

    /** Notes that {@code step} just happened. */
    public static void mark(String step) {
        if (ON) {
            Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
            System.err.println("patchwork proxy: start trace: " + step + " at +"
                    + Duration.between(started, Instant.now()).toMillis() + " ms");
        }
    }
}
