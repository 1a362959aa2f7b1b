package dev.patchworkmcp.proxy.otel;

import dev.patchworkmcp.proxy.calls.CallRecord;
import dev.patchworkmcp.proxy.calls.CallTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CallTracing} with the OpenTelemetry SDK, following the semantic conventions for MCP: the proxy receives
 * the agent's request, so each relayed request is a {@code SERVER} span named {@code {mcp.method.name} {target}}
 * and its duration goes to the {@code mcp.server.operation.duration} histogram. The span is the parent of the
 * upstream's work: the relayed request carries it in {@code params._meta.traceparent}. Loaded only by
 * {@link CallTracing#fromEnvironment}. Thread-safe.
 */
public final class OtelCallTracing implements CallTracing {

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("mcp.method.name");
    static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("jsonrpc.request.id");
    static final AttributeKey<String> SESSION = AttributeKey.stringKey("mcp.session.id");
    static final AttributeKey<String> PROTOCOL = AttributeKey.stringKey("mcp.protocol.version");
    static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("network.transport");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> STATUS_CODE = AttributeKey.stringKey("rpc.response.status_code");

    /** Bucket bounds in seconds that the conventions advise for the operation duration. */
    private static final List<Double> DURATION_BUCKETS =
            List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;
    private final DoubleHistogram duration;
    private final MetricAttributes metricAttributes = new MetricAttributes();

    private OtelCallTracing(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
        this.tracer = sdk.getTracer("dev.patchworkmcp.proxy");
        this.duration = sdk.getMeter("dev.patchworkmcp.proxy")
                .histogramBuilder("mcp.server.operation.duration")
                .setUnit("s")
                .setDescription("Duration of the MCP request or notification as observed by the proxy")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
    }

    /** Configures the SDK from the {@code OTEL_*} variables (see {@link OtelSdk}). */
    public static OtelCallTracing start(String serviceName) {
        return new OtelCallTracing(OtelSdk.fromEnvironment(serviceName));
    }

    @Override
    public CallTracing.Span start(TracedRequest request) {
        TraceMeta meta = TraceMeta.read(request.text());
        if (meta == null) {
            return null;
        }
        io.opentelemetry.api.trace.Span span = newSpan(request, meta, null);
        SpanContext context = span.getSpanContext();
        String relayed = context.isValid() ? meta.with(request.text(), traceparent(context)) : request.text();
        return new TracedSpan(span, relayed, request.transport(), null);
    }

    @Override
    public void record(TracedRequest request, CallRecord call) {
        TraceMeta meta = TraceMeta.read(request.text());
        if (meta != null) {
            Instant end = call.startedAt().plus(call.latencyMicros(), ChronoUnit.MICROS);
            new TracedSpan(newSpan(request, meta, call.startedAt()), request.text(), request.transport(), end)
                    .end(call);
        }
    }

    /** The W3C {@code traceparent} value of a span (version 00), as the propagator would write it. */
    static String traceparent(SpanContext context) {
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                + context.getTraceFlags().asHex();
    }

    /** A started span, its parent the request's {@code traceparent}; started now, or at {@code startedAt}. */
    private io.opentelemetry.api.trace.Span newSpan(TracedRequest request, TraceMeta meta, Instant startedAt) {
        SpanBuilder builder = tracer.spanBuilder(
                        request.tool() != null ? request.method() + " " + request.tool() : request.method())
                .setSpanKind(SpanKind.SERVER)
                .setParent(parent(meta))
                .setAttribute(METHOD, request.method())
                .setAttribute(TRANSPORT, request.transport())
                .setAttribute(SESSION, request.sessionId())
                .setAttribute(REQUEST_ID, unquote(request.requestId()));
        if (request.tool() != null) {
            builder.setAttribute(TOOL, request.tool()).setAttribute(OPERATION, "execute_tool");
        }
        if (request.protocolVersion() != null) {
            builder.setAttribute(PROTOCOL, request.protocolVersion());
        }
        if (startedAt != null) {
            builder.setStartTimestamp(startedAt);
        }
        return builder.startSpan();
    }

    /** The context a request's {@code _meta} names as its parent; the root when it names none. */
    private static Context parent(TraceMeta meta) {
        if (meta.traceparent() == null) {
            return Context.root();
        }
        Map<String, String> incoming = new HashMap<>(4);
        incoming.put("traceparent", meta.traceparent());
        if (meta.tracestate() != null) {
            incoming.put("tracestate", meta.tracestate());
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), incoming, MAP_GETTER);
    }

    @Override
    public void close() {
        sdk.close();
    }

    private static String unquote(String id) {
        return id != null && id.length() >= 2 && id.startsWith("\"") ? id.substring(1, id.length() - 1) : id;
    }

    /** One started span. */
    private final class TracedSpan implements CallTracing.Span {

        private final io.opentelemetry.api.trace.Span span;
        private final String relayedText;
        private final String transport;
        /** When it ended, for a span recorded after the fact; null for one that ends when {@link #end} is called. */
        private final Instant endedAt;

        TracedSpan(io.opentelemetry.api.trace.Span span, String relayedText, String transport, Instant endedAt) {
            this.span = span;
            this.relayedText = relayedText;
            this.transport = transport;
            this.endedAt = endedAt;
        }

        @Override
        public String relayedText() {
            return relayedText;
        }

        @Override
        public String traceId() {
            return span.getSpanContext().getTraceId();
        }

        @Override
        public void end(CallRecord call) {
            String errorType = switch (call.outcome()) {
                case OK -> null;
                case TOOL_ERROR -> "tool_error";
                case RPC_ERROR -> Integer.toString(call.errorCode());
            };
            String protocol = call.client().protocolVersion();
            if (protocol != null) {
                span.setAttribute(PROTOCOL, protocol);
            }
            if (errorType != null) {
                span.setAttribute(ERROR_TYPE, errorType);
                span.setStatus(StatusCode.ERROR, call.errorMessage() == null ? "" : call.errorMessage());
                if (call.outcome() == CallRecord.Outcome.RPC_ERROR) {
                    span.setAttribute(STATUS_CODE, errorType);
                }
            }
            Attributes metric =
                    metricAttributes.of(new MetricKey(call.method(), call.tool(), transport, protocol, errorType));
            duration.record(call.latencyMicros() / 1_000_000.0, metric);
            if (endedAt != null) {
                span.end(endedAt);
            } else {
                span.end();
            }
        }
    }

    /** What the duration metric's attributes are made of; a null part is left out. */
    record MetricKey(String method, String tool, String transport, String protocol, String errorType) {

        Attributes attributes() {
            AttributesBuilder builder = Attributes.builder().put(METHOD, method).put(TRANSPORT, transport);
            if (tool != null) {
                builder.put(TOOL, tool);
            }
            if (protocol != null) {
                builder.put(PROTOCOL, protocol);
            }
            if (errorType != null) {
                builder.put(ERROR_TYPE, errorType);
            }
            return builder.build();
        }
    }

    /**
     * The metric's attributes, built once per distinct key: building them sorts and copies on every call, and the
     * SDK finds the histogram's series by them (a cached set also caches its hash). At most {@link #LIMIT} keys
     * are kept, since tool names come from clients; beyond that each call builds its own. Thread-safe.
     */
    static final class MetricAttributes {

        static final int LIMIT = 1024;

        private final Map<MetricKey, Attributes> cache = new ConcurrentHashMap<>();

        Attributes of(MetricKey key) {
            Attributes cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
            Attributes built = key.attributes();
            if (cache.size() < LIMIT) {
                cache.putIfAbsent(key, built);
            }
            return built;
        }

        int size() {
            return cache.size();
        }
    }
}
