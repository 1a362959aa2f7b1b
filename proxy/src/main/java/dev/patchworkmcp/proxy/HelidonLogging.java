package dev.patchworkmcp.proxy;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Tells Helidon that logging is set up already ({@link StderrLogging} owns JUL in the proxy), so it neither
 * reconfigures it nor prints that it found no logging implementation. Found through {@code META-INF/services}.
 * Stateless.
 */
public final class HelidonLogging implements LoggingProvider {
    @Override
    public void initialization() {
        // StderrLogging configures JUL before anything logs
    }

    @Override
    public void runTime() {
        // nothing to reconfigure at run time
    }
}
