package dev.patchworkmcp.proxy.calls;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * OpenTelemetry spans and metrics for the relayed calls, behind an interface so that the SDK is loaded only when
 * the standard {@code OTEL_*} variables ask for it: {@link #fromEnvironment} touches no OpenTelemetry class
 * unless an OTLP endpoint is set and {@code OTEL_SDK_DISABLED} is not {@code true}. Thread-safe.
 */
public interface CallTracing extends AutoCloseable {

    /** Traces nothing. */
    CallTracing NONE = new CallTracing() {
        @Override
        public Span start(TracedRequest request) {
            return null;
        }

        @Override
        public void close() {}
    };

    /** The class that implements this with the OpenTelemetry SDK; loaded by name, only when it is asked for. */
    String OPENTELEMETRY_IMPLEMENTATION = "dev.patchworkmcp.proxy.otel.OtelCallTracing";

    /**
     * A span for a request about to be relayed, its parent the {@code traceparent} in the request's
     * {@code params._meta} when it has one; null when this request is not traced.
     */
    Span start(TracedRequest request);

    /**
     * Records the span of a request that was relayed before tracing had started, after the fact: started when
     * the call started, ended with its outcome. Its context did not reach the upstream.
     */
    default void record(TracedRequest request, CallRecord call) {}

    /** Exports what is left and stops. */
    @Override
    void close();

    /** One traced request. */
    interface Span {

        /** The request's text to relay: its {@code params._meta.traceparent} names this span. */
        String relayedText();

        /** The trace id, as 32 hex digits. */
        String traceId();

        /** Ends the span with the call's outcome and records its duration. */
        void end(CallRecord call);
    }

    /**
     * What a span is started from.
     *
     * @param method the JSON-RPC method
     * @param tool for {@code tools/call}: the tool, else null
     * @param requestId the request's id as JSON text
     * @param sessionId the proxy's session id
     * @param protocolVersion the protocol version, when known
     * @param transport {@code pipe} (stdio) or {@code tcp} (HTTP), for {@code network.transport}
     * @param text the request's text as it would be relayed
     */
    record TracedRequest(
            String method,
            String tool,
            String requestId,
            String sessionId,
            String protocolVersion,
            String transport,
            String text) {}

    /**
     * OpenTelemetry when the environment configures an OTLP endpoint ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or a
     * per-signal one) and does not set {@code OTEL_SDK_DISABLED=true}; otherwise {@link #NONE}. Returns at once:
     * the SDK starts on a thread of its own.
     *
     * @param serviceName the {@code service.name} unless {@code OTEL_SERVICE_NAME} names one
     */
    static CallTracing fromEnvironment(Map<String, String> env, String serviceName) {
        return wanted(env) ? LoadingTracing.start(() -> load(serviceName)) : NONE;
    }

    private static CallTracing load(String serviceName) {
        try {
            return (CallTracing) Class.forName(OPENTELEMETRY_IMPLEMENTATION)
                    .getMethod("start", String.class)
                    .invoke(null, serviceName);
        } catch (InvocationTargetException e) {
            throw new TracingConfigException(
                    "OpenTelemetry could not start from the OTEL_* variables: "
                            + e.getCause().getMessage() + "; fix them or unset OTEL_EXPORTER_OTLP_ENDPOINT",
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new TracingConfigException("OpenTelemetry is not on the proxy's class path: " + e, e);
        }
    }

    /** Whether the variables ask for OpenTelemetry. */
    static boolean wanted(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").strip())) {
            return false;
        }
        return !env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "").isBlank()
                || !env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").isBlank()
                || !env.getOrDefault("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "").isBlank();
    }
}
