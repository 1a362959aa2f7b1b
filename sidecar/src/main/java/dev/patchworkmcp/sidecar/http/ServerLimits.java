package dev.patchworkmcp.sidecar.http;

import dev.patchworkmcp.sidecar.ConfigException;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;

/**
 * What one client may hold of the web server: at most {@code maxConnections} open connections (further clients
 * wait in the listen backlog until one closes, so a flood can never exhaust the file descriptors and stop the
 * listener), a connection with no request for {@code idleTimeout} is closed, and a request whose line and headers
 * have not all arrived within {@code headerTimeout} of its first byte is closed. Immutable.
 */
public record ServerLimits(int maxConnections, Duration idleTimeout, Duration headerTimeout) {
    /** Descriptors kept free for everything else the process opens: the database, jars, the model, logs. */
    static final int RESERVED_DESCRIPTORS = 256;

    public static final ServerLimits DEFAULTS = new ServerLimits(1000, Duration.ofSeconds(60), Duration.ofSeconds(10));

    public ServerLimits {
        if (maxConnections < 1) {
            throw new ConfigException("FEEDBACK_MAX_CONNECTIONS must be at least 1, got " + maxConnections);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        if (idleTimeout.toMillis() < 1) {
            throw new ConfigException(
                    "FEEDBACK_IDLE_TIMEOUT_SECONDS must be at least 1, got " + idleTimeout.toSeconds());
        }
        if (headerTimeout.toMillis() < 1) {
            throw new ConfigException(
                    "FEEDBACK_HEADER_TIMEOUT_SECONDS must be at least 1, got " + headerTimeout.toSeconds());
        }
    }

    /**
     * The connection bound in force: {@link #maxConnections}, lowered when this process may open fewer descriptors
     * than that plus a reserve (the soft limit the JVM runs with, {@code ulimit -n}).
     */
    public int connectionBound() {
        long descriptors = descriptorLimit();
        if (descriptors <= 0) {
            return maxConnections;
        }
        return (int) Math.max(1, Math.min(maxConnections, descriptors - RESERVED_DESCRIPTORS));
    }

    /**
     * Applies these limits to a web server's default listener; the returned deadline must be closed when the
     * server stops.
     */
    public HeaderDeadline applyTo(WebServerConfig.Builder server) {
        HeaderDeadline deadline = new HeaderDeadline(headerTimeout);
        server.maxTcpConnections(connectionBound())
                .idleConnectionTimeout(idleTimeout)
                .idleConnectionPeriod(checkPeriod(idleTimeout))
                // HTTP/1 is the only protocol here; a discovered default next to this one made HTTP/1.0 requests
                // lose their 505 answer (the connection just closed).
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.builder().addReceiveListener(deadline).build());
        return deadline;
    }

    /** How often idle connections are looked for: a quarter of the timeout, between 100 ms and 30 s. */
    static Duration checkPeriod(Duration timeout) {
        long millis = Math.clamp(timeout.toMillis() / 4, 100, 30_000);
        return Duration.ofMillis(millis);
    }

    private static long descriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
