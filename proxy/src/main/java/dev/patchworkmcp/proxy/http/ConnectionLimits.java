package dev.patchworkmcp.proxy.http;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * What clients may hold of the HTTP front end: at most {@code maxConnections} open connections (further clients wait
 * in the listen backlog, so a flood cannot exhaust the file descriptors and stop the listener), a connection with no
 * request for {@code idleTimeout} is closed (open streams are requests and stay), and a request whose headers have
 * not all arrived {@code headerTimeout} after its first line is closed. Immutable.
 */
public record ConnectionLimits(int maxConnections, Duration idleTimeout, Duration headerTimeout) {
    /** Descriptors kept for the upstream children's pipes, the outbox and the JVM itself. */
    private static final int RESERVED_DESCRIPTORS = 256;

    public static final ConnectionLimits DEFAULTS =
            new ConnectionLimits(1000, Duration.ofSeconds(60), Duration.ofSeconds(10));

    public ConnectionLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("--max-connections must be at least 1, got " + maxConnections);
        }
        requirePositive("--connection-idle-timeout", idleTimeout);
        requirePositive("--header-timeout", headerTimeout);
    }

    private static void requirePositive(String option, Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw new IllegalArgumentException(option + " must be positive, got " + value + "; e.g. 30 or PT30S");
        }
    }

    public ConnectionLimits withMaxConnections(int bound) {
        return new ConnectionLimits(bound, idleTimeout, headerTimeout);
    }

    public ConnectionLimits withIdleTimeout(Duration timeout) {
        return new ConnectionLimits(maxConnections, timeout, headerTimeout);
    }

    public ConnectionLimits withHeaderTimeout(Duration timeout) {
        return new ConnectionLimits(maxConnections, idleTimeout, timeout);
    }

    /** The bound in force: {@link #maxConnections}, lowered to fit the descriptor limit ({@code ulimit -n}). */
    int connectionBound() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return (int) Math.max(1, Math.min(maxConnections, unix.getMaxFileDescriptorCount() - RESERVED_DESCRIPTORS));
        }
        return maxConnections;
    }

    /** How often idle connections are looked for: a quarter of the timeout, between 100 ms and 15 s. */
    Duration checkPeriod() {
        return Duration.ofMillis(Math.clamp(idleTimeout.toMillis() / 4, 100, 15_000));
    }
}
