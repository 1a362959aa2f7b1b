package dev.patchworkmcp.proxy.calls;

/** The {@code OTEL_*} variables ask for OpenTelemetry but it cannot start with them. */
public final class TracingConfigException extends RuntimeException {

    public TracingConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
